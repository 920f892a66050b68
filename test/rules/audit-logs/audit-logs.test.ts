import { describe, expect, it } from 'vitest';
import type { DiagnosticSetting, Field, Resolved } from '../../../shared/documents/cluster/model.js';
import rule from '../../../shared/rules/iam/audit-logs.js';
import { cluster, field, infrastructure, loc, unknownField } from '../../helpers/cluster-factory.js';
import { runClusterRule, testClusterRule } from '../../helpers/cluster-rule-tester.js';


const short = (f: { messageId: string; level: string; region: { startLine: number } }) => ({ messageId: f.messageId, level: f.level, line: f.region.startLine });

const AKS_ID = '/subscriptions/{unknown}/resourceGroups/{unknown}/providers/Microsoft.ContainerService/managedClusters/aks1';

function setting(target: Resolved<string> | string, logs: Field<readonly string[]>, name = 'audit'): DiagnosticSetting {
  const targetId = typeof target === 'string' ? { known: true as const, value: target } : target;
  return { kind: 'diagnostic-setting', id: `${name}-setting`, displayName: name, format: 'arm', at: loc(), targetId, enabledLogs: logs };
}

describe(rule.id, () => {
  it.each([['kube-audit'], ['kube-audit-admin'], ['audit'], ['allLogs'], ['KUBE-AUDIT-ADMIN']])('passes a setting on the cluster that enables %s', (category) => {
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [cluster({ id: AKS_ID })], diagnosticSettings: [setting(AKS_ID, field(['guard', category]))] }));
    expect(findings).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('matches the cluster id case-insensitively, and Terraform references with or without .id', () => {
    expect(runClusterRule(rule, infrastructure({ clusters: [cluster({ id: AKS_ID })], diagnosticSettings: [setting(AKS_ID.toUpperCase(), field(['kube-audit']))] })).findings).toEqual([]);
    const tf = cluster({ id: 'azurerm_kubernetes_cluster.example', displayName: 'azurerm_kubernetes_cluster.example', format: 'terraform' });
    expect(runClusterRule(rule, infrastructure({ clusters: [tf], diagnosticSettings: [setting('azurerm_kubernetes_cluster.example.id', field(['kube-audit']))] })).findings).toEqual([]);
    expect(runClusterRule(rule, infrastructure({ clusters: [tf], diagnosticSettings: [setting('azurerm_kubernetes_cluster.example', field(['kube-audit']))] })).findings).toEqual([]);
  });

  it('fails a cluster with no diagnostic setting, on the cluster declaration', () => {
    const aks = cluster({ id: AKS_ID });
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [aks] }));
    expect(findings.map(short)).toEqual([{ messageId: 'missing', level: 'error', line: aks.at.region.startLine }]);
    expect(findings[0]?.message).toContain('AKS cluster "aks1" has no diagnostic setting that collects its audit logs');
    expect(item?.status).toBe('violated');
  });

  it('fails when the only audit setting targets another resource', () => {
    const aks = cluster({ id: AKS_ID });
    const vault = setting('/subscriptions/{unknown}/resourceGroups/{unknown}/providers/Microsoft.KeyVault/vaults/secrets', field(['audit']));
    expect(runClusterRule(rule, infrastructure({ clusters: [aks], diagnosticSettings: [vault] })).findings.map(short)).toEqual([{ messageId: 'missing', level: 'error', line: aks.at.region.startLine }]);
  });

  it('fails a setting on the cluster without an audit category, on its logs', () => {
    const logs = field(['kube-apiserver', 'guard']);
    const controlPlane = setting(AKS_ID, logs, 'control-plane');
    const { findings } = runClusterRule(rule, infrastructure({ clusters: [cluster({ id: AKS_ID })], diagnosticSettings: [controlPlane] }));
    expect(findings.map(short)).toEqual([{ messageId: 'noAuditCategory', level: 'error', line: logs.at.region.startLine }]);
    expect(findings[0]?.message).toBe('Diagnostic setting "control-plane" of AKS cluster "aks1" enables neither kube-audit nor kube-audit-admin, nor the audit or allLogs category group.');
    expect(findings[0]?.object?.name).toBe('control-plane');
  });

  it('passes when one of several settings on the cluster enables audit logs', () => {
    const settings = [setting(AKS_ID, field(['kube-apiserver']), 'a'), setting(AKS_ID, field(['kube-audit-admin']), 'b')];
    expect(runClusterRule(rule, infrastructure({ clusters: [cluster({ id: AKS_ID })], diagnosticSettings: settings })).findings).toEqual([]);
  });

  it('does not evaluate when an audit setting\'s target cannot be resolved', () => {
    const unresolved = setting({ known: false, reason: 'the expression "[reference(...)]"' }, field(['kube-audit-admin']));
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [cluster({ id: AKS_ID })], diagnosticSettings: [unresolved] }));
    expect(findings).toEqual([]);
    expect(item?.status).toBe('not-evaluated');
    expect(item?.notEvaluated).toContainEqual({ evidence: 'cluster', reason: 'aks1: the target of diagnostic setting "audit" is the expression "[reference(...)]"' });
  });

  it('does not evaluate when the logs of a setting on the cluster cannot be resolved', () => {
    const unresolved = setting(AKS_ID, unknownField('var.log_categories, a variable without a default'));
    const { item } = runClusterRule(rule, infrastructure({ clusters: [cluster({ id: AKS_ID })], diagnosticSettings: [unresolved] }));
    expect(item?.status).toBe('not-evaluated');
    expect(item?.notEvaluated).toContainEqual({ evidence: 'cluster', reason: 'aks1: the logs of diagnostic setting "audit" are var.log_categories, a variable without a default' });
  });

  it('ignores a setting with an unknown target that enables no audit category: it could not satisfy the item anyway', () => {
    const aks = cluster({ id: AKS_ID });
    const metricsOnly = setting({ known: false, reason: 'var.target' }, field(['kube-apiserver']));
    expect(runClusterRule(rule, infrastructure({ clusters: [aks], diagnosticSettings: [metricsOnly] })).findings.map((f) => f.messageId)).toEqual(['missing']);
  });

  it('judges each cluster on its own', () => {
    const other = cluster({ id: AKS_ID.replace('aks1', 'aks2'), displayName: 'aks2' });
    const { findings } = runClusterRule(rule, infrastructure({ clusters: [cluster({ id: AKS_ID }), other], diagnosticSettings: [setting(AKS_ID, field(['kube-audit']))] }));
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('"aks2"')]);
  });
});

describe(`${rule.id} fixtures`, () => {
  testClusterRule(rule, import.meta.dirname, {
    'pass.child-setting.json': { expect: [] },
    'pass.scoped-setting.json': { expect: [] },
    'pass.setting.tf': { expect: [] },
    'pass.setting.plan.json': { expect: [] },
    'fail.no-setting.json': { expect: [{ messageId: 'missing', level: 'error', line: 6, message: '"aks1" has no diagnostic setting' }] },
    'fail.wrong-category.json': { expect: [{ messageId: 'noAuditCategory', level: 'error', line: 39, message: 'enables neither kube-audit' }] },
    'fail.other-target.tf': { expect: [{ messageId: 'missing', level: 'error', line: 1, message: 'has no diagnostic setting' }] },
    'fail.no-setting.plan.json': { expect: [{ messageId: 'missing', level: 'error', line: 7, message: 'has no diagnostic setting' }] },
    'unknown.target.json': { expect: [] },
  });
});
