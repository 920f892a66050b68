import { describe, expect, it } from 'vitest';
import rule from '../../../shared/rules/sec/workload-identity.js';
import { cluster, field, infrastructure, unknownField } from '../../helpers/cluster-factory.js';
import { runClusterRule, testClusterRule } from '../../helpers/cluster-rule-tester.js';


function run(...clusters: ReturnType<typeof cluster>[]) {
  const { findings, item } = runClusterRule(rule, infrastructure({ clusters }));
  return { item, found: findings.map((f) => ({ messageId: f.messageId, level: f.level, line: f.region.startLine, message: f.message })) };
}

const at = (f: { at: { region: { startLine: number } } }): number => f.at.region.startLine;

describe(rule.id, () => {
  it('passes a cluster with the OIDC issuer and workload identity enabled', () => {
    const { found, item } = run(cluster({ oidcIssuer: field(true), workloadIdentity: field(true) }));
    expect(found).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('says which one is off, on its field', () => {
    const oidc = field(false);
    const { found, item } = run(cluster({ oidcIssuer: oidc, workloadIdentity: field(true) }));
    expect(found).toEqual([
      {
        messageId: 'oidcIssuerNotEnabled',
        level: 'warning',
        line: at(oidc),
        message: 'Cluster "aks1" does not enable the OIDC issuer (oidcIssuerProfile.enabled): Microsoft Entra Workload ID cannot federate its service accounts.',
      },
    ]);
    expect(item?.status).toBe('violated');

    const wi = field(false);
    expect(run(cluster({ oidcIssuer: field(true), workloadIdentity: wi })).found.map((f) => [f.messageId, f.line])).toEqual([['workloadIdentityNotEnabled', wi.at.region.startLine]]);
  });

  it('reports both when both are missing (off by default), on the resource', () => {
    const c = cluster();
    expect(run(c).found.map((f) => [f.messageId, f.level, f.line])).toEqual([
      ['oidcIssuerNotEnabled', 'warning', at(c)],
      ['workloadIdentityNotEnabled', 'warning', at(c)],
    ]);
  });

  it('is not evaluated when a setting cannot be resolved and the other is on', () => {
    const { found, item } = run(cluster({ oidcIssuer: unknownField('the expression "[parameters(\'oidc\')]"'), workloadIdentity: field(true) }));
    expect(found).toEqual([]);
    expect(item?.status).toBe('not-evaluated');
    expect(item?.notEvaluated).toContainEqual({ evidence: 'cluster', reason: 'aks1: oidcIssuerProfile.enabled is the expression "[parameters(\'oidc\')]"' });
  });

  it('still reports the one it can read when it is off', () => {
    const { found, item } = run(cluster({ oidcIssuer: unknownField('var.oidc'), workloadIdentity: field(false) }));
    expect(found.map((f) => f.messageId)).toEqual(['workloadIdentityNotEnabled']);
    expect(item?.status).toBe('violated');
  });

  it('judges several clusters one by one', () => {
    const { found } = run(cluster({ oidcIssuer: field(true), workloadIdentity: field(true) }), cluster({ id: 'c2', displayName: 'aks-legacy', oidcIssuer: field(true) }));
    expect(found.map((f) => f.messageId)).toEqual(['workloadIdentityNotEnabled']);
    expect(found[0]?.message).toContain('"aks-legacy"');
  });
});

describe(`${rule.id} (fixtures)`, () => {
  testClusterRule(rule, import.meta.dirname, {
    'pass.enabled.json': { expect: [] },
    'pass.enabled.plan.json': { expect: [] },
    'pass.enabled.tf': { expect: [] },
    'fail.no-workload-identity.json': { expect: [{ messageId: 'workloadIdentityNotEnabled', level: 'warning', line: 6, message: '"aks-shop"' }] },
    'fail.oidc-off.tf': {
      expect: [
        { messageId: 'oidcIssuerNotEnabled', level: 'warning', line: 8 },
        { messageId: 'workloadIdentityNotEnabled', level: 'warning', line: 2 },
      ],
    },
    'fail.workload-identity-off.plan.json': { expect: [{ messageId: 'workloadIdentityNotEnabled', level: 'warning', line: 21 }] },
    'unknown.oidc-reference.json': { expect: [] },
  });
});
