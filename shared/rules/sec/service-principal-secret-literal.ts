import { known, unknownReason } from '../../documents/cluster/model.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'service-principal-secret-literal',
  checklist: 'SEC-6',
  title: 'AKS service principal secret is not written in the code',
  severity: 'error',
  evidence: ['cluster'],
  target: 'cluster',
  messages: {
    secretLiteral:
      'Cluster "{{cluster}}" writes its service principal client_secret as a literal: the secret sits in version control and in every copy of the code; use a managed identity instead.',
  },
  help:
    'A `service_principal { client_secret = "..." }` written literally in Terraform puts a credential that can manage the cluster\'s ' +
    'Azure resources into the repository, its history and every fork and CI log that prints the plan. The value itself is never ' +
    'shown by aks-gate. A managed identity needs no secret at all, and IAM-3 asks for one in any case.',
  remediation:
    'Replace the `servicePrincipalProfile` / `service_principal {}` block with a managed identity (`identity.type: SystemAssigned` or ' +
    '`UserAssigned`; tf: `identity { type = "SystemAssigned" }`); until then pass `client_secret` from a sensitive variable or Key Vault ' +
    'data source, and rotate the secret that was committed.',
  references: [
    'https://learn.microsoft.com/azure/aks/use-managed-identity',
    'https://learn.microsoft.com/azure/aks/kubernetes-service-principal',
    'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#service_principal',
  ],
  check(cluster, report, context) {
    const field = cluster.servicePrincipalSecretLiteral;
    const reason = unknownReason(field);
    if (reason !== undefined) return context.notEvaluated(`the service principal client_secret is ${reason}`);
    // Absent: no service principal secret is written (a managed identity, or no service_principal block).
    if (field !== undefined && known(field) === true) report({ messageId: 'secretLiteral', at: field.at });
  },
});
