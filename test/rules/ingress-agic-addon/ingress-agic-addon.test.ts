import { describe, expect, it } from 'vitest';
import { parseManifests } from '../../../shared/documents/manifest.js';
import { evaluate } from '../../../shared/engine.js';
import rule from '../../../shared/rules/sec/ingress-agic-addon.js';
import { DEFAULT_RULE_SETTINGS } from '../../../shared/rules/settings.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cluster, field, infrastructure, unknownField } from '../../helpers/cluster-factory.js';
import type { Infrastructure } from '../../../shared/documents/cluster/model.js';

const read = (file: string): string => readFileSync(join(import.meta.dirname, file), 'utf8');

function run(file: string, infra: Infrastructure) {
  const objects = parseManifests(read(file), file).objects;
  const result = evaluate({ objects, infrastructure: infra, rules: [rule], overrides: {}, settings: { ...DEFAULT_RULE_SETTINGS, infrastructure: infra } });
  return { findings: result.findings, evaluated: !result.ruleSkips.has(rule.id), item: result.items.find((i) => i.id === 'SEC-2') };
}

const withAddon = infrastructure({ clusters: [cluster({ addons: { ingressApplicationGateway: field(true) } })] });
const withoutAddon = infrastructure({ clusters: [cluster({ displayName: 'aks-a' }), cluster({ displayName: 'aks-b', addons: { ingressApplicationGateway: field(false) } })] });

describe(rule.id, () => {
  it('fail: AGIC Ingresses when no cluster in the inputs enables the add-on, at their class', () => {
    const { findings } = run('fail.agic-ingress.yaml', withoutAddon);
    expect(findings.map((f) => [f.messageId, f.level, f.region.startLine])).toEqual([
      ['noAddon', 'warning', 7],
      ['noAddon', 'warning', 21],
    ]);
    expect(findings[0]?.message).toContain('Ingress shop/storefront is meant for AGIC (class "azure-application-gateway")');
  });

  it('pass: a cluster enables the add-on', () => {
    const { findings, evaluated } = run('fail.agic-ingress.yaml', withAddon);
    expect(findings).toEqual([]);
    expect(evaluated).toBe(true);
  });

  it('pass: other Ingress classes are not this rule\'s concern', () => {
    expect(run('pass.other-class.yaml', withoutAddon).findings).toEqual([]);
  });

  it('not evaluated without cluster definitions, or when the add-on setting cannot be resolved', () => {
    expect(run('fail.agic-ingress.yaml', infrastructure()).evaluated).toBe(false);
    const unresolved = infrastructure({ clusters: [cluster({ addons: { ingressApplicationGateway: unknownField('parameter "agic" has no value') } })] });
    const result = run('fail.agic-ingress.yaml', unresolved);
    expect(result.findings).toEqual([]);
    expect(result.evaluated).toBe(false);
  });
});
