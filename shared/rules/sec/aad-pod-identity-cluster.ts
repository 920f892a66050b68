import { known, unknownReason } from '../../documents/cluster/model.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'aad-pod-identity-cluster',
  checklist: 'SEC-6',
  title: 'AKS cluster does not enable the deprecated AAD Pod Identity',
  severity: 'warning',
  evidence: ['cluster'],
  target: 'cluster',
  messages: {
    podIdentityEnabled:
      'Cluster "{{cluster}}" enables AAD Pod Identity (podIdentityProfile.enabled), which is deprecated: move its workloads to Microsoft Entra Workload ID.',
  },
  help:
    'Microsoft Entra pod-managed identity (AAD Pod Identity, `podIdentityProfile`) intercepts every call to the node\'s instance metadata ' +
    'endpoint and was deprecated in favour of Microsoft Entra Workload ID; it never left preview on AKS and gets no new fixes. ' +
    'The workload side (aadpodidbinding labels, aadpodidentity.k8s.io objects) is checked by `aad-pod-identity`.',
  remediation:
    'Enable the OIDC issuer and workload identity (`oidcIssuerProfile.enabled` and `securityProfile.workloadIdentity.enabled`; tf: ' +
    '`oidc_issuer_enabled` and `workload_identity_enabled`), migrate each pod identity to a federated credential, then set ' +
    '`podIdentityProfile.enabled` to false (the azurerm provider has no pod identity argument: remove it where it is set through azapi or the CLI).',
  references: [
    'https://learn.microsoft.com/azure/aks/workload-identity-migrate-from-pod-identity',
    'https://learn.microsoft.com/azure/aks/use-azure-ad-pod-identity',
    'https://learn.microsoft.com/azure/aks/workload-identity-overview',
  ],
  check(cluster, report, context) {
    const field = cluster.podIdentity;
    const reason = unknownReason(field);
    if (reason !== undefined) return context.notEvaluated(`podIdentityProfile.enabled is ${reason}`);
    // Absent: pod identity is off unless asked for.
    if (field !== undefined && known(field) === true) report({ messageId: 'podIdentityEnabled', at: field.at });
  },
});
