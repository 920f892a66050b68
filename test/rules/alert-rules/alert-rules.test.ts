import { describe, expect, it } from 'vitest';
import type { AlertRule, Field } from '../../../shared/documents/cluster/model.js';
import rule from '../../../shared/rules/ha/alert-rules.js';
import { cluster, field, infrastructure, loc, unknownField } from '../../helpers/cluster-factory.js';
import { runClusterRule, testClusterRule } from '../../helpers/cluster-rule-tester.js';


const short = (f: { messageId: string; level: string; region: { startLine: number } }) => ({ messageId: f.messageId, level: f.level, line: f.region.startLine });

const AKS_ID = '/subscriptions/{unknown}/resourceGroups/{unknown}/providers/Microsoft.ContainerService/managedClusters/aks1';

function alert(scopes: Field<readonly string[]>, name = 'node-cpu'): AlertRule {
  return { kind: 'alert-rule', id: `/providers/Microsoft.Insights/metricAlerts/${name}`, displayName: name, format: 'arm', at: loc(), scopes };
}

describe(rule.id, () => {
  it.each([
    ['the same id', AKS_ID],
    ['the id in another case', AKS_ID.toLowerCase()],
    ['the id with a known subscription and resource group', '/subscriptions/0000/resourceGroups/aks-rg/providers/Microsoft.ContainerService/managedClusters/AKS1'],
    ['the resource group that holds it', '/subscriptions/{unknown}/resourceGroups/{unknown}'],
  ])('passes an alert rule scoped to %s', (_, scope) => {
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [cluster({ id: AKS_ID })], alertRules: [alert(field([scope]))] }));
    expect(findings).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('matches Terraform references to the cluster, with or without .id', () => {
    const tf = cluster({ id: 'azurerm_kubernetes_cluster.main', displayName: 'azurerm_kubernetes_cluster.main', format: 'terraform' });
    expect(runClusterRule(rule, infrastructure({ clusters: [tf], alertRules: [alert(field(['azurerm_kubernetes_cluster.main.id']))] })).findings).toEqual([]);
    expect(runClusterRule(rule, infrastructure({ clusters: [tf], alertRules: [alert(field(['azurerm_kubernetes_cluster.main']))] })).findings).toEqual([]);
    expect(runClusterRule(rule, infrastructure({ clusters: [tf], alertRules: [alert(field(['azurerm_kubernetes_cluster.other.id']))] })).findings.map((f) => f.messageId)).toEqual(['noAlert']);
  });

  it('has nothing to ask when the inputs define no alert rules', () => {
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [cluster()] }));
    expect(findings).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('warns on a cluster no alert rule watches, on its declaration', () => {
    const watched = cluster({ id: AKS_ID });
    const unwatched = cluster({ id: AKS_ID.replace('aks1', 'aks2'), displayName: 'aks2' });
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [watched, unwatched], alertRules: [alert(field([AKS_ID])), alert(field(['/subscriptions/0000/resourceGroups/x/providers/Microsoft.Storage/storageAccounts/logs']), 'storage')] }));
    expect(findings.map(short)).toEqual([{ messageId: 'noAlert', level: 'warning', line: unwatched.at.region.startLine }]);
    expect(findings[0]?.message).toBe('No alert rule in the inputs watches AKS cluster "aks2": 2 alert rule(s) are defined, none with this cluster in its scopes.');
    expect(item?.status).toBe('violated');
  });

  it('does not match a cluster of the same name in another known resource group', () => {
    const known = cluster({ id: '/subscriptions/1111/resourceGroups/prod/providers/Microsoft.ContainerService/managedClusters/aks1' });
    const scope = '/subscriptions/1111/resourceGroups/test/providers/Microsoft.ContainerService/managedClusters/aks1';
    expect(runClusterRule(rule, infrastructure({ clusters: [known], alertRules: [alert(field([scope]))] })).findings.map((f) => f.messageId)).toEqual(['noAlert']);
  });

  it('does not evaluate when an alert rule\'s scopes cannot be resolved and none matches', () => {
    const unresolved = alert(unknownField(`the expression "[parameters('alertScopes')]"`));
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [cluster({ id: AKS_ID })], alertRules: [unresolved] }));
    expect(findings).toEqual([]);
    expect(item?.status).toBe('not-evaluated');
    expect(item?.notEvaluated).toContainEqual({ evidence: 'cluster', reason: `aks1: the scopes of alert rule "node-cpu" are the expression "[parameters('alertScopes')]"` });
    const expression = runClusterRule(rule, infrastructure({ clusters: [cluster({ id: AKS_ID })], alertRules: [alert(field(["[parameters('alertScope')]"]))] }));
    expect(expression.item?.status).toBe('not-evaluated');
  });

  it('passes on a matching alert rule even beside an unresolved one', () => {
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [cluster({ id: AKS_ID })], alertRules: [alert(unknownField('var.scopes')), alert(field([AKS_ID]), 'b')] }));
    expect(findings).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });
});

describe(`${rule.id} fixtures`, () => {
  testClusterRule(rule, import.meta.dirname, {
    'pass.metric-alert.json': { expect: [] },
    'pass.metric-alert.tf': { expect: [] },
    'pass.no-alerts.json': { expect: [] },
    'pass.metric-alert.plan.json': { expect: [] },
    'fail.other-cluster.json': { expect: [{ messageId: 'noAlert', level: 'warning', line: 25, message: '"aks-test"' }] },
    'fail.other-scope.tf': { expect: [{ messageId: 'noAlert', level: 'warning', line: 1, message: '1 alert rule(s)' }] },
    'fail.other-scope.plan.json': { expect: [{ messageId: 'noAlert', level: 'warning', line: 7, message: '1 alert rule(s)' }] },
    'unknown.scope.json': { expect: [] },
  });
});
