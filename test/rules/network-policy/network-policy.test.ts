import { describe, expect, it } from 'vitest';
import rule from '../../../shared/rules/sec/network-policy.js';
import { cluster, field, infrastructure, unknownField } from '../../helpers/cluster-factory.js';
import { runClusterRule, testClusterRule } from '../../helpers/cluster-rule-tester.js';


function run(...clusters: ReturnType<typeof cluster>[]) {
  const { findings, item } = runClusterRule(rule, infrastructure({ clusters }));
  return { item, findings, found: findings.map((f) => ({ messageId: f.messageId, level: f.level, line: f.region.startLine })) };
}

describe(rule.id, () => {
  it.each(['azure', 'calico', 'cilium', 'Calico'])('passes networkPolicy %s', (engine) => {
    const { found, item } = run(cluster({ networkPolicy: field(engine) }));
    expect(found).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('reports an absent network policy (AKS installs none) on the resource', () => {
    const c = cluster({ networkPlugin: field('azure') });
    const { found, findings } = run(c);
    expect(found).toEqual([{ messageId: 'missing', level: 'error', line: c.at.region.startLine }]);
    expect(findings[0]?.message).toContain('"aks1" sets no network policy engine');
  });

  it('reports networkPolicy none on its field', () => {
    const none = field('none');
    const { found, findings } = run(cluster({ networkPolicy: none }));
    expect(found).toEqual([{ messageId: 'none', level: 'error', line: none.at.region.startLine }]);
    expect(findings[0]?.message).toContain('networkPolicy "none"');
  });

  it('is not evaluated when the network policy cannot be resolved', () => {
    const { found, item } = run(cluster({ networkPolicy: unknownField('var.network_policy (no default)') }));
    expect(found).toEqual([]);
    expect(item?.status).toBe('not-evaluated');
    expect(item?.notEvaluated.map((n) => n.reason)).toContain('aks1: networkProfile.networkPolicy is var.network_policy (no default)');
  });

  it('judges several clusters one by one', () => {
    const bare = cluster({ id: 'c2', displayName: 'aks2' });
    const { found, findings } = run(cluster({ networkPolicy: field('cilium') }), bare);
    expect(found.map((f) => f.line)).toEqual([bare.at.region.startLine]);
    expect(findings[0]?.message).toContain('"aks2"');
  });
});

describe(`${rule.id} (fixtures)`, () => {
  testClusterRule(rule, import.meta.dirname, {
    'pass.cilium.json': { expect: [] },
    'pass.cilium.plan.json': { expect: [] },
    'pass.calico.tf': { expect: [] },
    'fail.no-policy.json': { expect: [{ messageId: 'missing', level: 'error', line: 6, message: '"aks-shop"' }] },
    'fail.none.json': { expect: [{ messageId: 'none', level: 'error', line: 25 }] },
    'fail.no-policy.tf': { expect: [{ messageId: 'missing', level: 'error', line: 1 }] },
    'fail.no-policy.plan.json': { expect: [{ messageId: 'missing', level: 'error', line: 7 }] },
    'unknown.policy-parameter.json': { expect: [] },
  });
});
