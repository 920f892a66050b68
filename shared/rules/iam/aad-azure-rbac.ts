import { known } from '../../documents/cluster/model.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'aad-azure-rbac',
  checklist: 'IAM-1',
  title: 'AKS-managed Microsoft Entra ID integration with Azure RBAC',
  severity: 'error',
  evidence: ['cluster'],
  target: 'cluster',
  messages: {
    noAad: 'AKS cluster "{{cluster}}" is not integrated with Microsoft Entra ID (AKS-managed): people sign in with cluster certificates instead of their Entra identities.',
    noAzureRbac: 'AKS cluster "{{cluster}}" uses Microsoft Entra ID but not Azure RBAC for Kubernetes authorization: access is granted inside the cluster, outside Azure role assignments.',
  },
  help:
    'With AKS-managed Microsoft Entra ID integration (`aadProfile.managed`) people sign in to the API server with their Entra ' +
    'identities, conditional access and MFA. With Azure RBAC for Kubernetes authorization (`aadProfile.enableAzureRBAC`) what ' +
    'they may do is granted by Azure role assignments, reviewed and audited like any other Azure access. A cluster without ' +
    'Entra ID is an error; Entra ID with only Kubernetes RBAC is a warning.',
  remediation:
    'Set `aadProfile.managed: true` and `aadProfile.enableAzureRBAC: true` on the managed cluster (tf: an ' +
    '`azure_active_directory_role_based_access_control { azure_rbac_enabled = true }` block; azurerm v3 also needs `managed = true` in it).',
  references: [
    'https://learn.microsoft.com/azure/aks/manage-azure-rbac',
    'https://learn.microsoft.com/azure/aks/concepts-identity',
    'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#azure_active_directory_role_based_access_control',
  ],
  check(cluster, report, context) {
    const aad = cluster.aadManaged;
    if (aad && !aad.value.known) {
      context.notEvaluated(`aadProfile.managed is ${aad.value.reason}`);
      return;
    }
    // Absent: no Entra ID integration (ARM has no aadProfile by default; tf has no block).
    if (known(aad) !== true) {
      report({ messageId: 'noAad', at: aad?.at ?? cluster.at });
      return;
    }
    const rbac = cluster.azureRbac;
    if (rbac && !rbac.value.known) {
      context.notEvaluated(`aadProfile.enableAzureRBAC is ${rbac.value.reason}`);
      return;
    }
    // Absent: false, the ARM default of enableAzureRBAC and of tf azure_rbac_enabled.
    if (known(rbac) !== true) report({ messageId: 'noAzureRbac', level: 'warning', at: rbac?.at ?? cluster.at });
  },
});
