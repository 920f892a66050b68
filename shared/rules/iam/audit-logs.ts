import type { DiagnosticSetting } from '../../documents/cluster/model.js';
import { defineRule } from '../define-rule.js';
import { isExpression, sameResource } from '../resource-ids.js';

/** Log categories and category groups that carry the Kubernetes audit log (compared lower-case). */
const AUDIT_LOGS = new Set(['kube-audit', 'kube-audit-admin', 'audit', 'alllogs']);

function sendsAudit(categories: readonly string[]): boolean {
  return categories.some((c) => AUDIT_LOGS.has(c.toLowerCase()));
}

export default defineRule({
  id: 'audit-logs',
  checklist: 'IAM-4',
  title: 'A diagnostic setting collects the cluster\'s audit logs',
  severity: 'error',
  evidence: ['cluster', 'live'],
  target: 'cluster',
  messages: {
    missing: 'AKS cluster "{{cluster}}" has no diagnostic setting that collects its audit logs (kube-audit or kube-audit-admin): access to its API server is not recorded.',
    noAuditCategory: 'Diagnostic setting "{{setting}}" of AKS cluster "{{cluster}}" enables neither kube-audit nor kube-audit-admin, nor the audit or allLogs category group.',
  },
  help:
    'AKS runs the control plane for you, and its Kubernetes audit log is only kept when a diagnostic setting on the cluster ' +
    'sends it somewhere (Log Analytics, a storage account, an event hub). Without it nobody can tell who read a secret, ' +
    'changed a RoleBinding or deleted a workload. `kube-audit-admin` leaves out get and list events and costs much less than `kube-audit`.',
  remediation:
    'Add a diagnostic setting scoped to the cluster (`Microsoft.Insights/diagnosticSettings` with `scope` set to the cluster) whose ' +
    '`logs` enable `kube-audit-admin` (or `kube-audit`, or the `audit` category group) (tf: `azurerm_monitor_diagnostic_setting` with ' +
    '`target_resource_id = azurerm_kubernetes_cluster.<name>.id` and an `enabled_log { category = "kube-audit-admin" }` block).',
  references: [
    'https://learn.microsoft.com/azure/aks/monitor-aks',
    'https://learn.microsoft.com/azure/aks/monitor-apiserver',
    'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/monitor_diagnostic_setting',
  ],
  check(cluster, report, context) {
    const unknown: string[] = [];
    let withoutAudit: DiagnosticSetting | undefined;
    for (const setting of context.infrastructure.diagnosticSettings) {
      const logs = setting.enabledLogs.value;
      const target = setting.targetId;
      const targetUnknown = !target.known || isExpression(target.value);
      // A setting that enables no audit category cannot satisfy the item, whatever it targets.
      if (targetUnknown && logs.known && !sendsAudit(logs.value)) continue;
      if (targetUnknown) {
        unknown.push(`the target of diagnostic setting "${setting.displayName}" is ${target.known ? `the expression "${target.value}"` : target.reason}`);
        continue;
      }
      if (!sameResource(target.value, cluster.id)) continue;
      if (!logs.known) {
        unknown.push(`the logs of diagnostic setting "${setting.displayName}" are ${logs.reason}`);
        continue;
      }
      if (sendsAudit(logs.value)) return;
      withoutAudit ??= setting;
    }
    if (unknown.length > 0) {
      context.notEvaluated(unknown.join('; '));
      return;
    }
    if (withoutAudit) report({ messageId: 'noAuditCategory', data: { setting: withoutAudit.displayName }, at: withoutAudit.enabledLogs.at, subject: withoutAudit });
    else report({ messageId: 'missing', at: cluster.at });
  },
});
