import { describe, expect, it } from 'vitest';
import rule from '../../../shared/rules/sec/defender-for-containers.js';
import { cluster, field, infrastructure, unknownField } from '../../helpers/cluster-factory.js';
import { runClusterRule, testClusterRule } from '../../helpers/cluster-rule-tester.js';


function run(...clusters: ReturnType<typeof cluster>[]) {
  const { findings, item } = runClusterRule(rule, infrastructure({ clusters }));
  return { item, found: findings.map((f) => ({ messageId: f.messageId, level: f.level, line: f.region.startLine, message: f.message })) };
}

const at = (f: { at: { region: { startLine: number } } }): number => f.at.region.startLine;

describe(rule.id, () => {
  it('passes a cluster with Defender enabled', () => {
    const { found, item } = run(cluster({ defender: field(true) }));
    expect(found).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('warns on Defender turned off, on its field', () => {
    const defender = field(false);
    const { found, item } = run(cluster({ defender }));
    expect(found).toEqual([
      {
        messageId: 'notEnabled',
        level: 'warning',
        line: at(defender),
        message: 'Cluster "aks1" does not enable Microsoft Defender for Containers (securityProfile.defender): no runtime threat detection runs on its nodes.',
      },
    ]);
    expect(item?.status).toBe('violated');
  });

  it('warns on a missing Defender profile (off by default), on the resource', () => {
    const c = cluster();
    expect(run(c).found.map((f) => [f.messageId, f.level, f.line])).toEqual([['notEnabled', 'warning', at(c)]]);
  });

  it('is not evaluated when the Defender setting cannot be resolved', () => {
    const { found, item } = run(cluster({ defender: unknownField('the expression "[reference(\'security\').outputs.defender.value]"') }));
    expect(found).toEqual([]);
    expect(item?.status).toBe('not-evaluated');
    expect(item?.notEvaluated).toContainEqual({ evidence: 'cluster', reason: 'aks1: securityProfile.defender is the expression "[reference(\'security\').outputs.defender.value]"' });
  });

  it('judges several clusters one by one', () => {
    const off = cluster({ id: 'c2', displayName: 'aks-dev' });
    const { found } = run(cluster({ defender: field(true) }), off);
    expect(found.map((f) => [f.messageId, f.line])).toEqual([['notEnabled', at(off)]]);
    expect(found[0]?.message).toContain('"aks-dev"');
  });
});

describe(`${rule.id} (fixtures)`, () => {
  testClusterRule(rule, import.meta.dirname, {
    'pass.enabled.json': { expect: [] },
    'pass.block.plan.json': { expect: [] },
    'pass.block.tf': { expect: [] },
    'fail.disabled.json': { expect: [{ messageId: 'notEnabled', level: 'warning', line: 28, message: '"aks-shop"' }] },
    'fail.no-block.tf': { expect: [{ messageId: 'notEnabled', level: 'warning', line: 2 }] },
    'fail.no-block.plan.json': { expect: [{ messageId: 'notEnabled', level: 'warning', line: 7 }] },
    'unknown.defender-reference.json': { expect: [] },
  });
});
