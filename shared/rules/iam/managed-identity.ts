import { defineRule } from '../define-rule.js';

/** `identity.type` values that give the cluster a managed identity. */
const MANAGED = new Set(['systemassigned', 'userassigned']);
/** What `servicePrincipalProfile.clientId` says on a cluster that uses a managed identity. */
const MSI_CLIENT_ID = 'msi';

function isManaged(type: string): boolean {
  return type.split(',').some((t) => MANAGED.has(t.trim().toLowerCase()));
}

export default defineRule({
  id: 'managed-identity',
  checklist: 'IAM-3',
  title: 'AKS cluster uses a managed identity, not a service principal',
  severity: 'error',
  evidence: ['cluster'],
  target: 'cluster',
  messages: {
    servicePrincipal: 'AKS cluster "{{cluster}}" authenticates to Azure with a service principal, whose secret must be stored and rotated by hand, instead of a managed identity.',
    noIdentity: 'AKS cluster "{{cluster}}" sets identity type "None": it has no managed identity.',
  },
  help:
    'An AKS cluster needs an identity to manage Azure resources (load balancers, disks, routes). A managed identity ' +
    '(system- or user-assigned) has credentials Azure issues and rotates; a service principal has a client secret someone must ' +
    'store, rotate before it expires, and keep from leaking.',
  remediation:
    'Give the managed cluster `identity.type` `SystemAssigned` or `UserAssigned` and remove the `servicePrincipalProfile` (or leave ' +
    'its clientId `msi`) (tf: an `identity { type = "SystemAssigned" }` block instead of `service_principal {}`); existing clusters ' +
    'can be updated to a managed identity.',
  references: [
    'https://learn.microsoft.com/azure/aks/use-managed-identity',
    'https://learn.microsoft.com/azure/aks/managed-identity-overview',
    'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#identity',
  ],
  check(cluster, report, context) {
    const type = cluster.identityType;
    if (type && !type.value.known) {
      context.notEvaluated(`identity.type is ${type.value.reason}`);
      return;
    }
    if (type?.value.known && isManaged(type.value.value)) return;
    const clientId = cluster.servicePrincipalClientId;
    // In Terraform a `service_principal {}` block is the service principal, whatever its client_id resolves to:
    // the "msi" placeholder is what ARM reports for managed-identity clusters, not something azurerm writes.
    if (clientId && (cluster.format === 'terraform' || cluster.format === 'terraform-plan')) {
      report({ messageId: 'servicePrincipal', at: clientId.at });
      return;
    }
    if (clientId && !clientId.value.known) {
      context.notEvaluated(`servicePrincipalProfile.clientId is ${clientId.value.reason}`);
      return;
    }
    if (clientId?.value.known && clientId.value.value.trim().toLowerCase() !== MSI_CLIENT_ID) {
      report({ messageId: 'servicePrincipal', at: clientId.at });
      return;
    }
    if (type?.value.known && type.value.value.trim().toLowerCase() === 'none') {
      report({ messageId: 'noIdentity', at: type.at });
      return;
    }
    // Neither written (or clientId "msi"): no service principal is configured, and AKS creates a system-assigned
    // identity by default (learn.microsoft.com/azure/aks/managed-identity-overview). Terraform requires one of the two blocks.
  },
});
