import { known, unknownReason } from '../../documents/cluster/model.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'azure-policy-addon',
  checklist: 'SEC-7',
  title: 'AKS cluster enables the Azure Policy add-on',
  severity: 'warning',
  evidence: ['cluster'],
  target: 'cluster',
  messages: {
    notEnabled:
      'Cluster "{{cluster}}" does not enable the Azure Policy add-on (addonProfiles.azurepolicy): nothing in the cluster enforces the pod security and image policies at admission.',
  },
  help:
    'The Azure Policy add-on runs Gatekeeper in the cluster and enforces Azure Policy definitions for Kubernetes (the pod security ' +
    'baseline and restricted initiatives, allowed registries, no privileged containers) at admission time, so a workload that slips ' +
    'past the pipeline is still refused by the cluster. It is enabled with `addonProfiles.azurepolicy` (tf: `azure_policy_enabled`).',
  remediation:
    'Set `addonProfiles.azurepolicy.enabled: true` (tf: `azure_policy_enabled = true`) and assign the Kubernetes pod security ' +
    'initiative to the cluster, first in audit and then in deny mode.',
  references: [
    'https://learn.microsoft.com/azure/aks/use-azure-policy',
    'https://learn.microsoft.com/azure/governance/policy/concepts/policy-for-kubernetes',
    'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#azure_policy_enabled',
  ],
  check(cluster, report, context) {
    const addon = cluster.addons.azurepolicy;
    const reason = unknownReason(addon);
    if (reason !== undefined) return context.notEvaluated(`the azurepolicy add-on is ${reason}`);
    // Absent: AKS installs no add-on it is not asked for.
    if (known(addon) !== true) report({ messageId: 'notEnabled', at: addon?.at ?? cluster.at });
  },
});
