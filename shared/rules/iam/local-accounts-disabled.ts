import { known } from '../../documents/cluster/model.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'local-accounts-disabled',
  checklist: 'IAM-1',
  title: 'Local (non-Entra) accounts are disabled',
  severity: 'error',
  evidence: ['cluster'],
  target: 'cluster',
  messages: {
    enabled: 'AKS cluster "{{cluster}}" keeps its local accounts: anyone allowed to fetch the admin kubeconfig gets a cluster-admin certificate that bypasses Microsoft Entra ID.',
  },
  help:
    'AKS clusters are created with local accounts: `az aks get-credentials --admin` returns a static cluster-admin certificate ' +
    'that bypasses Microsoft Entra ID, conditional access and Azure RBAC, and cannot be attributed to a person. Even with Entra ID ' +
    'integration it stays a non-auditable back door until `disableLocalAccounts` is true.',
  remediation:
    'Set `disableLocalAccounts: true` on the managed cluster (tf: `local_account_disabled = true` on `azurerm_kubernetes_cluster`); ' +
    'it requires AKS-managed Microsoft Entra ID integration, and on an existing cluster rotate the cluster certificates afterwards.',
  references: [
    'https://learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad',
    'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#local_account_disabled',
  ],
  check(cluster, report, context) {
    const field = cluster.disableLocalAccounts;
    if (field && !field.value.known) {
      context.notEvaluated(`disableLocalAccounts is ${field.value.reason}`);
      return;
    }
    // Absent: local accounts stay enabled (ARM and Terraform default false).
    if (known(field) !== true) report({ messageId: 'enabled', at: field?.at ?? cluster.at });
  },
});
