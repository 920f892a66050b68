import { known, unknownReason, type Field } from '../../documents/cluster/model.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'workload-identity',
  checklist: 'SEC-6',
  title: 'AKS cluster enables the OIDC issuer and Microsoft Entra Workload ID',
  severity: 'warning',
  evidence: ['cluster'],
  target: 'cluster',
  messages: {
    oidcIssuerNotEnabled:
      'Cluster "{{cluster}}" does not enable the OIDC issuer (oidcIssuerProfile.enabled): Microsoft Entra Workload ID cannot federate its service accounts.',
    workloadIdentityNotEnabled:
      'Cluster "{{cluster}}" does not enable workload identity (securityProfile.workloadIdentity.enabled): pods cannot use Microsoft Entra Workload ID and need stored credentials instead.',
  },
  help:
    'Microsoft Entra Workload ID lets a pod get Entra tokens through its Kubernetes service account, federated through the ' +
    'cluster\'s OIDC issuer, so no client secret or key is stored in the cluster. It needs both the OIDC issuer ' +
    '(`oidcIssuerProfile.enabled`, tf: `oidc_issuer_enabled`) and the workload identity webhook ' +
    '(`securityProfile.workloadIdentity.enabled`, tf: `workload_identity_enabled`). Each one that is off or missing is reported.',
  remediation:
    'Set `oidcIssuerProfile.enabled: true` and `securityProfile.workloadIdentity.enabled: true` (tf: `oidc_issuer_enabled = true` and ' +
    '`workload_identity_enabled = true`), then give each workload a user-assigned managed identity with a federated credential for its service account.',
  references: [
    'https://learn.microsoft.com/azure/aks/workload-identity-overview',
    'https://learn.microsoft.com/azure/aks/use-oidc-issuer',
    'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#workload_identity_enabled',
  ],
  check(cluster, report, context) {
    // Absent OIDC issuer: AKS turns it on by itself only for clusters created on Kubernetes 1.34 or later, never for
    // existing ones; absent workload identity is off. The checklist counts a missing setting as a warning either way.
    const checks: readonly [Field<boolean> | undefined, 'oidcIssuerNotEnabled' | 'workloadIdentityNotEnabled', string][] = [
      [cluster.oidcIssuer, 'oidcIssuerNotEnabled', 'oidcIssuerProfile.enabled'],
      [cluster.workloadIdentity, 'workloadIdentityNotEnabled', 'securityProfile.workloadIdentity.enabled'],
    ];
    for (const [field, messageId, name] of checks) {
      const reason = unknownReason(field);
      if (reason !== undefined) context.notEvaluated(`${name} is ${reason}`);
      else if (known(field) !== true) report({ messageId, at: field?.at ?? cluster.at });
    }
  },
});
