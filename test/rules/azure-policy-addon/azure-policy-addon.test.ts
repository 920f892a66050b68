import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import rule from '../../../shared/rules/sec/azure-policy-addon.js';
import { cluster, field, infrastructure, unknownField } from '../../helpers/cluster-factory.js';
import { runClusterRule, testClusterRule } from '../../helpers/cluster-rule-tester.js';

const READER = join(import.meta.dirname, '../../../shared/sources/cluster/read.ts');

function run(...clusters: ReturnType<typeof cluster>[]) {
  const { findings, item } = runClusterRule(rule, infrastructure({ clusters }));
  return { item, found: findings.map((f) => ({ messageId: f.messageId, level: f.level, line: f.region.startLine, message: f.message })) };
}

const at = (f: { at: { region: { startLine: number } } }): number => f.at.region.startLine;

describe(rule.id, () => {
  it('passes a cluster with the Azure Policy add-on enabled', () => {
    const { found, item } = run(cluster({ addons: { azurepolicy: field(true) } }));
    expect(found).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('warns on a disabled add-on, on its field', () => {
    const addon = field(false);
    const { found, item } = run(cluster({ addons: { azurepolicy: addon } }));
    expect(found).toEqual([
      {
        messageId: 'notEnabled',
        level: 'warning',
        line: at(addon),
        message:
          'Cluster "aks1" does not enable the Azure Policy add-on (addonProfiles.azurepolicy): nothing in the cluster enforces the pod security and image policies at admission.',
      },
    ]);
    expect(item?.status).toBe('violated');
  });

  it('warns on a missing add-on (AKS enables none by default), on the resource', () => {
    const c = cluster({ addons: { azureKeyvaultSecretsProvider: field(true) } });
    expect(run(c).found.map((f) => [f.messageId, f.level, f.line])).toEqual([['notEnabled', 'warning', at(c)]]);
  });

  it('is not evaluated when the add-on cannot be resolved', () => {
    const { found, item } = run(cluster({ addons: { azurepolicy: unknownField('var.azure_policy (no default)') } }));
    expect(found).toEqual([]);
    expect(item?.status).toBe('not-evaluated');
    expect(item?.notEvaluated).toContainEqual({ evidence: 'cluster', reason: 'aks1: the azurepolicy add-on is var.azure_policy (no default)' });
  });

  it('judges several clusters one by one', () => {
    const off = field(false);
    const { found } = run(cluster({ addons: { azurepolicy: field(true) } }), cluster({ id: 'c2', displayName: 'aks-dev', addons: { azurepolicy: off } }));
    expect(found.map((f) => [f.messageId, f.line])).toEqual([['notEnabled', at(off)]]);
    expect(found[0]?.message).toContain('"aks-dev"');
  });
});

describe.skipIf(!existsSync(READER))(`${rule.id} (fixtures)`, () => {
  testClusterRule(rule, import.meta.dirname, {
    'pass.enabled.json': { expect: [] },
    'pass.enabled.plan.json': { expect: [] },
    'pass.enabled.tf': { expect: [] },
    'fail.missing.json': { expect: [{ messageId: 'notEnabled', level: 'warning', line: 6, message: '"aks-shop"' }] },
    'fail.disabled.tf': { expect: [{ messageId: 'notEnabled', level: 'warning', line: 7 }] },
    'fail.disabled.plan.json': { expect: [{ messageId: 'notEnabled', level: 'warning', line: 20 }] },
    'unknown.addon-reference.json': { expect: [] },
  });
});
