import { defineRule } from '../define-rule.js';

/** Tiers with the uptime SLA; `Paid` is the name API versions before 2023-02-01 gave Standard. */
const SLA_TIERS = new Set(['standard', 'premium', 'paid']);

export default defineRule({
  id: 'sla-tier',
  checklist: 'HA-1',
  title: 'AKS cluster uses the Standard or Premium tier (uptime SLA)',
  severity: 'warning',
  evidence: ['cluster'],
  target: 'cluster',
  messages: {
    noSla: 'AKS cluster "{{cluster}}" uses the {{tier}} tier: its API server has no financially backed uptime SLA and a control plane sized for small clusters.',
  },
  help:
    'The Free tier of AKS cluster management has no uptime SLA and limits the control plane\'s resources; Microsoft recommends it ' +
    'only for testing and small non-production clusters. The Standard tier (and Premium, which adds long-term support) gives ' +
    'the Kubernetes API server a 99.95% SLA with availability zones (99.9% without) and scales the control plane with load.',
  remediation:
    'Set `sku.tier` to `Standard` (or `Premium`) on the managed cluster (tf: `sku_tier = "Standard"` on `azurerm_kubernetes_cluster`); ' +
    'the tier can be changed on an existing cluster.',
  references: [
    'https://learn.microsoft.com/azure/aks/free-standard-pricing-tiers',
    'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#sku_tier',
  ],
  check(cluster, report, context) {
    const field = cluster.skuTier;
    // Absent: `Free`, the default of ARM `sku.tier` and of tf `sku_tier`.
    if (field === undefined) {
      report({ messageId: 'noSla', data: { tier: 'Free (default)' }, at: cluster.at });
      return;
    }
    if (!field.value.known) {
      context.notEvaluated(`sku.tier is ${field.value.reason}`);
      return;
    }
    if (!SLA_TIERS.has(field.value.value.toLowerCase())) report({ messageId: 'noSla', data: { tier: field.value.value }, at: field.at });
  },
});
