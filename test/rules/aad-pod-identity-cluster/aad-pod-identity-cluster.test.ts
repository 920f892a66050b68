import { describe, expect, it } from 'vitest';
import rule from '../../../shared/rules/sec/aad-pod-identity-cluster.js';
import { cluster, field, infrastructure, unknownField } from '../../helpers/cluster-factory.js';
import { runClusterRule, testClusterRule } from '../../helpers/cluster-rule-tester.js';


function run(...clusters: ReturnType<typeof cluster>[]) {
  const { findings, item } = runClusterRule(rule, infrastructure({ clusters }));
  return { item, found: findings.map((f) => ({ messageId: f.messageId, level: f.level, line: f.region.startLine, message: f.message })) };
}

describe(rule.id, () => {
  it('passes a cluster without pod identity, absent meaning off', () => {
    for (const c of [cluster(), cluster({ podIdentity: field(false) })]) {
      const { found, item } = run(c);
      expect(found).toEqual([]);
      expect(item?.status).toBe('satisfied');
    }
  });

  it('warns on enabled pod identity, on the field, naming workload identity', () => {
    const pod = field(true);
    const { found, item } = run(cluster({ podIdentity: pod }));
    expect(found).toEqual([
      {
        messageId: 'podIdentityEnabled',
        level: 'warning',
        line: pod.at.region.startLine,
        message: 'Cluster "aks1" enables AAD Pod Identity (podIdentityProfile.enabled), which is deprecated: move its workloads to Microsoft Entra Workload ID.',
      },
    ]);
    expect(item?.status).toBe('violated');
  });

  it('is not evaluated when podIdentityProfile.enabled cannot be resolved', () => {
    const { found, item } = run(cluster({ podIdentity: unknownField('the expression "[variables(\'podIdentity\')]"') }));
    expect(found).toEqual([]);
    expect(item?.status).toBe('not-evaluated');
    expect(item?.notEvaluated).toContainEqual({ evidence: 'cluster', reason: 'aks1: podIdentityProfile.enabled is the expression "[variables(\'podIdentity\')]"' });
  });

  it('judges several clusters one by one', () => {
    const pod = field(true);
    const { found } = run(cluster(), cluster({ id: 'c2', displayName: 'aks-old', podIdentity: pod }));
    expect(found.map((f) => [f.messageId, f.line])).toEqual([['podIdentityEnabled', pod.at.region.startLine]]);
    expect(found[0]?.message).toContain('"aks-old"');
  });
});

// The azurerm provider has no pod identity argument, so there is no failing Terraform fixture: an azurerm
// cluster passes (pass.azurerm.tf).
describe(`${rule.id} (fixtures)`, () => {
  testClusterRule(rule, import.meta.dirname, {
    'pass.workload-identity.json': { expect: [] },
    'pass.workload-identity.plan.json': { expect: [] },
    'pass.azurerm.tf': { expect: [] },
    'fail.pod-identity.json': { expect: [{ messageId: 'podIdentityEnabled', level: 'warning', line: 29, message: '"aks-shop"' }] },
    'unknown.pod-identity-reference.json': { expect: [] },
  });
});
