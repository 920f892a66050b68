import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'monitoring-enabled',
  checklist: 'HA-2',
  title: 'Container Insights or managed Prometheus monitors the cluster',
  severity: 'error',
  evidence: ['cluster', 'live'],
  target: 'cluster',
  messages: {
    none: 'AKS cluster "{{cluster}}" has neither Container Insights (omsagent add-on) nor managed Prometheus (azureMonitorProfile.metrics) enabled: nothing collects its health.',
  },
  help:
    'Without Container Insights (the `omsagent` add-on, agent `ama-logs`) or Azure Monitor managed service for Prometheus ' +
    '(`azureMonitorProfile.metrics`, agent `ama-metrics`) nothing collects node, pod and container metrics or logs from the ' +
    'cluster, so failures go unseen and no alert can fire on them.',
  remediation:
    'Enable Container Insights with `addonProfiles.omsagent.enabled: true` and a Log Analytics workspace (tf: an `oms_agent {}` ' +
    'block with `log_analytics_workspace_id`), or managed Prometheus with `azureMonitorProfile.metrics.enabled: true` ' +
    '(tf: a `monitor_metrics {}` block).',
  references: [
    'https://learn.microsoft.com/azure/aks/monitor-aks',
    'https://learn.microsoft.com/azure/azure-monitor/containers/container-insights-enable-aks',
    'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#oms_agent',
  ],
  check(cluster, report, context) {
    const omsagent = cluster.addons.omsagent;
    const metrics = cluster.azureMonitorMetrics;
    if (omsagent?.value.known && omsagent.value.value) return;
    if (metrics?.value.known && metrics.value.value) return;
    // Absent fields: both are off unless enabled (ARM and Terraform defaults).
    let unknown = false;
    if (omsagent && !omsagent.value.known) {
      context.notEvaluated(`addonProfiles.omsagent.enabled is ${omsagent.value.reason}`);
      unknown = true;
    }
    if (metrics && !metrics.value.known) {
      context.notEvaluated(`azureMonitorProfile.metrics.enabled is ${metrics.value.reason}`);
      unknown = true;
    }
    if (!unknown) report({ messageId: 'none', at: (omsagent ?? metrics)?.at ?? cluster.at });
  },
});
