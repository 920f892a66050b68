// The model-level cases every "this add-on is enabled" cluster rule shares (Azure Policy, Key Vault secrets
// provider): on passes, off warns on its field, absent warns on the resource, unknown is not evaluated, and
// several clusters are judged one by one.

import { expect, it } from 'vitest';
import type { AddonName } from '../../shared/documents/cluster/model.js';
import type { Rule } from '../../shared/rules/define-rule.js';
import { cluster, field, infrastructure, unknownField } from './cluster-factory.js';
import { runClusterRule } from './cluster-rule-tester.js';

export interface AddonRuleCases {
  readonly addon: AddonName;
  /** Another add-on, to show that its presence does not count. */
  readonly otherAddon: AddonName;
  readonly label: string;
  /** The whole message for cluster "aks1" with the add-on off. */
  readonly message: string;
  /** An unresolved value's reason, e.g. `var.azure_policy (no default)`. */
  readonly unknownReason: string;
}

export function addonRuleCases(rule: Rule, cases: AddonRuleCases): void {
  const run = (...clusters: ReturnType<typeof cluster>[]) => {
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters }));
    return { item, found: findings.map((f) => ({ messageId: f.messageId, level: f.level, line: f.region.startLine, message: f.message })) };
  };
  const at = (f: { at: { region: { startLine: number } } }): number => f.at.region.startLine;

  it(`passes a cluster with the ${cases.label} add-on enabled`, () => {
    const { found, item } = run(cluster({ addons: { [cases.addon]: field(true) } }));
    expect(found).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('warns on a disabled add-on, on its field', () => {
    const addon = field(false);
    const { found, item } = run(cluster({ addons: { [cases.addon]: addon } }));
    expect(found).toEqual([{ messageId: 'notEnabled', level: 'warning', line: at(addon), message: cases.message }]);
    expect(item?.status).toBe('violated');
  });

  it('warns on a missing add-on (AKS enables none by default), on the resource', () => {
    const c = cluster({ addons: { [cases.otherAddon]: field(true) } });
    expect(run(c).found.map((f) => [f.messageId, f.level, f.line])).toEqual([['notEnabled', 'warning', at(c)]]);
  });

  it('is not evaluated when the add-on cannot be resolved', () => {
    const { found, item } = run(cluster({ addons: { [cases.addon]: unknownField(cases.unknownReason) } }));
    expect(found).toEqual([]);
    expect(item?.status).toBe('not-evaluated');
    expect(item?.notEvaluated).toContainEqual({ evidence: 'cluster', reason: `aks1: the ${cases.addon} add-on is ${cases.unknownReason}` });
  });

  it('judges several clusters one by one', () => {
    const off = cluster({ id: 'c2', displayName: 'aks-dev' });
    const { found } = run(cluster({ addons: { [cases.addon]: field(true) } }), off);
    expect(found.map((f) => [f.messageId, f.line])).toEqual([['notEnabled', at(off)]]);
    expect(found[0]?.message).toContain('"aks-dev"');
  });
}
