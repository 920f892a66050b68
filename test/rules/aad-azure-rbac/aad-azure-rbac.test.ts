import { describe, expect, it } from 'vitest';
import rule from '../../../shared/rules/iam/aad-azure-rbac.js';
import { cluster, field, infrastructure, unknownField } from '../../helpers/cluster-factory.js';
import { runClusterRule, testClusterRule } from '../../helpers/cluster-rule-tester.js';


const short = (f: { messageId: string; level: string; region: { startLine: number } }) => ({ messageId: f.messageId, level: f.level, line: f.region.startLine });

describe(rule.id, () => {
  it('passes AKS-managed Entra ID with Azure RBAC', () => {
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [cluster({ aadManaged: field(true), azureRbac: field(true) })] }));
    expect(findings).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('fails a cluster without Entra ID (the default), on its declaration', () => {
    const aks = cluster({ azureRbac: field(true) });
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [aks] }));
    expect(findings.map(short)).toEqual([{ messageId: 'noAad', level: 'error', line: aks.at.region.startLine }]);
    expect(findings[0]?.message).toContain('AKS cluster "aks1" is not integrated with Microsoft Entra ID');
    expect(item?.status).toBe('violated');
  });

  it('fails legacy (not AKS-managed) Entra ID on the managed line', () => {
    const managed = field(false);
    expect(runClusterRule(rule, infrastructure({ clusters: [cluster({ aadManaged: managed, azureRbac: field(true) })] })).findings.map(short)).toEqual([
      { messageId: 'noAad', level: 'error', line: managed.at.region.startLine },
    ]);
  });

  it('warns on Entra ID without Azure RBAC: on the field when written false, on the cluster when left to the default', () => {
    const rbac = field(false);
    expect(runClusterRule(rule, infrastructure({ clusters: [cluster({ aadManaged: field(true), azureRbac: rbac })] })).findings.map(short)).toEqual([
      { messageId: 'noAzureRbac', level: 'warning', line: rbac.at.region.startLine },
    ]);
    const aks = cluster({ aadManaged: field(true) });
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [aks] }));
    expect(findings.map(short)).toEqual([{ messageId: 'noAzureRbac', level: 'warning', line: aks.at.region.startLine }]);
    expect(findings[0]?.message).toContain('"aks1" uses Microsoft Entra ID but not Azure RBAC');
    expect(item?.status).toBe('violated');
  });

  it('does not evaluate values it cannot resolve', () => {
    const a = runClusterRule(rule, infrastructure({ clusters: [cluster({ aadManaged: unknownField('var.aad_managed, a variable without a default') })] }));
    expect(a.findings).toEqual([]);
    expect(a.item?.status).toBe('not-evaluated');
    expect(a.item?.notEvaluated).toContainEqual({ evidence: 'cluster', reason: 'aks1: aadProfile.managed is var.aad_managed, a variable without a default' });
    const b = runClusterRule(rule, infrastructure({ clusters: [cluster({ aadManaged: field(true), azureRbac: unknownField(`the expression "[parameters('enableAzureRbac')]"`) })] }));
    expect(b.findings).toEqual([]);
    expect(b.item?.notEvaluated).toContainEqual({ evidence: 'cluster', reason: `aks1: aadProfile.enableAzureRBAC is the expression "[parameters('enableAzureRbac')]"` });
  });

  it('judges each cluster on its own', () => {
    const good = cluster({ aadManaged: field(true), azureRbac: field(true) });
    const bad = cluster({ id: 'aks2', displayName: 'aks2' });
    expect(runClusterRule(rule, infrastructure({ clusters: [good, bad] })).findings.map((f) => f.message)).toEqual([expect.stringContaining('"aks2"')]);
  });
});

describe(`${rule.id} fixtures`, () => {
  testClusterRule(rule, import.meta.dirname, {
    'pass.aad-rbac.json': { expect: [] },
    'pass.aad-rbac.plan.json': { expect: [] },
    'pass.v4.tf': { expect: [] },
    'fail.no-aad.json': {
      expect: [
        { messageId: 'noAad', level: 'error', line: 6, message: '"aks1"' },
        { messageId: 'noAzureRbac', level: 'warning', line: 26, message: '"aks2"' },
      ],
    },
    'fail.v3.tf': { expect: [{ messageId: 'noAzureRbac', level: 'warning', line: 20, message: 'not Azure RBAC' }] },
    'fail.no-aad.plan.json': { expect: [{ messageId: 'noAad', level: 'error', line: 7, message: 'not integrated with Microsoft Entra ID' }] },
    'unknown.azure-rbac.json': { expect: [] },
  });
});
