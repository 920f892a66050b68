import { displayName } from '../../documents/container-images.js';
import { isRecord } from '../../documents/manifest.js';
import { defineRule } from '../define-rule.js';

/** The label AAD Pod Identity's NMI matches pods to an AzureIdentityBinding by. */
const BINDING_LABEL = 'aadpodidbinding';
/** AzureIdentity, AzureIdentityBinding, AzureAssignedIdentity, AzurePodIdentityException. */
const API_GROUP = 'aadpodidentity.k8s.io';

export default defineRule({
  id: 'aad-pod-identity',
  checklist: 'SEC-6',
  title: 'No deprecated AAD Pod Identity; use workload identity',
  severity: 'warning',
  evidence: ['workload'],
  target: 'inventory',
  subjects: 'workloads or aadpodidentity.k8s.io objects',
  messages: {
    label: '{{object}} binds its pods to AAD Pod Identity with the {{label}} label "{{binding}}"; AAD Pod Identity is deprecated, move to Microsoft Entra Workload ID.',
    resource: '{{object}} is an AAD Pod Identity ({{group}}) resource; AAD Pod Identity is deprecated, move to Microsoft Entra Workload ID.',
  },
  help:
    'Microsoft Entra (AAD) pod-managed identity, the open-source `aad-pod-identity` project and the AKS pod identity add-on, ' +
    'is deprecated: it intercepts the node\'s instance metadata endpoint (IMDS) to hand out tokens, and is no longer developed. ' +
    'Its traces in manifests are the `aadpodidbinding` label on pod templates and the `aadpodidentity.k8s.io` custom resources ' +
    '(AzureIdentity, AzureIdentityBinding, AzurePodIdentityException). Microsoft Entra Workload ID replaces it with a federated ' +
    'credential on a managed identity and an annotated ServiceAccount, with no interception.',
  remediation:
    'Migrate to Microsoft Entra Workload ID: enable the OIDC issuer and workload identity on the cluster, create a federated ' +
    'identity credential for the managed identity, annotate the workload\'s ServiceAccount with `azure.workload.identity/client-id`, ' +
    'label the pods `azure.workload.identity/use: "true"`, then remove the `aadpodidbinding` label and the aadpodidentity.k8s.io resources.',
  references: [
    'https://learn.microsoft.com/azure/aks/workload-identity-migrate-from-pod-identity',
    'https://learn.microsoft.com/azure/aks/workload-identity-overview',
    'https://learn.microsoft.com/azure/aks/use-azure-ad-pod-identity',
  ],
  check(inventory, report) {
    for (const pod of inventory.pods) {
      const labels = isRecord(pod.metadata.labels) ? pod.metadata.labels : {};
      const binding = labels[BINDING_LABEL];
      // Label values are strings; YAML 1.1 may have read an unquoted one as a number or boolean.
      if (typeof binding !== 'string' && typeof binding !== 'number' && typeof binding !== 'boolean') continue;
      report({
        object: pod.object,
        messageId: 'label',
        path: [...pod.metadataPath, 'labels', BINDING_LABEL],
        data: { label: BINDING_LABEL, binding: displayName(String(binding)) },
      });
    }
    const resources = inventory.objects.filter((object) => object.apiVersion.split('/')[0] === API_GROUP);
    for (const object of resources) report({ object, messageId: 'resource', path: ['kind'], data: { group: API_GROUP } });
    return inventory.pods.length > 0 || resources.length > 0;
  },
});
