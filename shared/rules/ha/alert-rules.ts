import { defineRule } from '../define-rule.js';
import { isExpression, scopeCovers } from '../resource-ids.js';

export default defineRule({
  id: 'alert-rules',
  checklist: 'HA-2',
  title: 'An alert rule watches each cluster',
  severity: 'warning',
  evidence: ['cluster'],
  target: 'cluster',
  messages: {
    noAlert: 'No alert rule in the inputs watches AKS cluster "{{cluster}}": {{count}} alert rule(s) are defined, none with this cluster in its scopes.',
  },
  help:
    'Monitoring helps only when someone is told: the checklist wants at least one alert rule (a metric alert ' +
    '`Microsoft.Insights/metricAlerts`, a log alert `Microsoft.Insights/scheduledQueryRules`, or a Prometheus rule group ' +
    '`Microsoft.AlertsManagement/prometheusRuleGroups`) scoped to each cluster. This is checked only when the inputs define ' +
    'alert rules at all, since alerts are often kept in a separate deployment.',
  remediation:
    'Add an alert rule whose `scopes` include the cluster\'s resource id, e.g. a `Microsoft.Insights/metricAlerts` resource or the ' +
    'recommended Prometheus rule groups (tf: `azurerm_monitor_metric_alert` with `scopes = [azurerm_kubernetes_cluster.<name>.id]`, ' +
    'or `azurerm_monitor_alert_prometheus_rule_group` with `cluster_name`).',
  references: [
    'https://learn.microsoft.com/azure/azure-monitor/containers/container-insights-metric-alerts',
    'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/monitor_metric_alert',
  ],
  check(cluster, report, context) {
    const alerts = context.infrastructure.alertRules;
    // The checklist asks for alerts "where the inputs define alerts at all".
    if (alerts.length === 0) return;
    const unknown: string[] = [];
    for (const alert of alerts) {
      if (!alert.scopes.value.known) {
        unknown.push(`the scopes of alert rule "${alert.displayName}" are ${alert.scopes.value.reason}`);
        continue;
      }
      for (const scope of alert.scopes.value.value) {
        if (isExpression(scope)) unknown.push(`a scope of alert rule "${alert.displayName}" is the expression "${scope}"`);
        else if (scopeCovers(scope, cluster.id)) return;
      }
    }
    if (unknown.length > 0) {
      context.notEvaluated(unknown.join('; '));
      return;
    }
    report({ messageId: 'noAlert', data: { count: alerts.length }, at: cluster.at });
  },
});
