import { describe, expect, it } from 'vitest';
import rule from '../../../shared/rules/iam/managed-identity.js';
import { cluster, field, infrastructure, unknownField } from '../../helpers/cluster-factory.js';
import { runClusterRule, testClusterRule } from '../../helpers/cluster-rule-tester.js';


const short = (f: { messageId: string; level: string; region: { startLine: number } }) => ({ messageId: f.messageId, level: f.level, line: f.region.startLine });

const SP = '11111111-2222-3333-4444-555555555555';

describe(rule.id, () => {
  it.each(['SystemAssigned', 'UserAssigned', 'userassigned'])('passes identity type %s, even beside a service principal profile', (type) => {
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [cluster({ identityType: field(type), servicePrincipalClientId: field(SP) })] }));
    expect(findings).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('passes clientId "msi", which means the managed identity, and a cluster that names neither (AKS defaults to a system-assigned identity)', () => {
    expect(runClusterRule(rule, infrastructure({ clusters: [cluster({ servicePrincipalClientId: field('msi') })] })).findings).toEqual([]);
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [cluster()] }));
    expect(findings).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('fails a service principal without a managed identity, on its clientId', () => {
    const clientId = field(SP);
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [cluster({ servicePrincipalClientId: clientId })] }));
    expect(findings.map(short)).toEqual([{ messageId: 'servicePrincipal', level: 'error', line: clientId.at.region.startLine }]);
    expect(findings[0]?.message).toContain('AKS cluster "aks1" authenticates to Azure with a service principal');
    expect(findings[0]?.message).not.toContain(SP);
    expect(item?.status).toBe('violated');
    const none = runClusterRule(rule, infrastructure({ clusters: [cluster({ identityType: field('None'), servicePrincipalClientId: clientId })] }));
    expect(none.findings.map((f) => f.messageId)).toEqual(['servicePrincipal']);
  });

  it('fails identity type None with no service principal, on the type', () => {
    const type = field('None');
    expect(runClusterRule(rule, infrastructure({ clusters: [cluster({ identityType: type })] })).findings.map(short)).toEqual([
      { messageId: 'noIdentity', level: 'error', line: type.at.region.startLine },
    ]);
  });

  it('does not evaluate values it cannot resolve', () => {
    const a = runClusterRule(rule, infrastructure({ clusters: [cluster({ servicePrincipalClientId: unknownField(`the expression "[parameters('servicePrincipalClientId')]"`) })] }));
    expect(a.findings).toEqual([]);
    expect(a.item?.status).toBe('not-evaluated');
    expect(a.item?.notEvaluated).toContainEqual({ evidence: 'cluster', reason: `aks1: servicePrincipalProfile.clientId is the expression "[parameters('servicePrincipalClientId')]"` });
    const b = runClusterRule(rule, infrastructure({ clusters: [cluster({ identityType: unknownField('var.identity_type, a variable without a default'), servicePrincipalClientId: field(SP) })] }));
    expect(b.findings).toEqual([]);
    expect(b.item?.notEvaluated).toContainEqual({ evidence: 'cluster', reason: 'aks1: identity.type is var.identity_type, a variable without a default' });
  });

  it('judges each cluster on its own', () => {
    const bad = cluster({ id: 'aks2', displayName: 'aks2', servicePrincipalClientId: field(SP) });
    expect(runClusterRule(rule, infrastructure({ clusters: [cluster({ identityType: field('SystemAssigned') }), bad] })).findings.map((f) => f.message)).toEqual([expect.stringContaining('"aks2"')]);
  });
});

describe(`${rule.id} fixtures`, () => {
  testClusterRule(rule, import.meta.dirname, {
    'pass.system-assigned.json': { expect: [] },
    'pass.user-assigned.plan.json': { expect: [] },
    'pass.user-assigned.tf': { expect: [] },
    'fail.service-principal.json': { expect: [{ messageId: 'servicePrincipal', level: 'error', line: 16, message: '"aks1" authenticates to Azure with a service principal' }] },
    'fail.service-principal.tf': { expect: [{ messageId: 'servicePrincipal', level: 'error', line: 19, message: 'service principal' }] },
    'fail.service-principal.plan.json': { expect: [{ messageId: 'servicePrincipal', level: 'error', line: 23, message: 'service principal' }] },
    'unknown.client-id.json': { expect: [] },
  });
});
