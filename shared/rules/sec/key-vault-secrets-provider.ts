import { known, unknownReason } from '../../documents/cluster/model.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'key-vault-secrets-provider',
  checklist: 'SEC-6',
  title: 'AKS cluster enables the Azure Key Vault secrets provider add-on',
  severity: 'warning',
  evidence: ['cluster'],
  target: 'cluster',
  messages: {
    notEnabled:
      'Cluster "{{cluster}}" does not enable the Azure Key Vault secrets provider add-on (azureKeyvaultSecretsProvider): workloads cannot mount secrets from Key Vault and end up keeping them in Kubernetes Secrets or manifests.',
  },
  help:
    'The checklist wants secrets kept in Azure Key Vault, not in images or manifests. The `azureKeyvaultSecretsProvider` add-on ' +
    '(tf: `key_vault_secrets_provider {}`) installs the Secrets Store CSI driver with the Azure provider, so pods mount Key Vault ' +
    'secrets, keys and certificates as files (and can sync them to Kubernetes Secrets) with their workload identity. Without it the ' +
    'secrets have to reach the pods some other way.',
  remediation:
    'Enable the add-on with `addonProfiles.azureKeyvaultSecretsProvider.enabled: true` (tf: a `key_vault_secrets_provider {}` block, ' +
    'with `secret_rotation_enabled = true`), then mount secrets through a `SecretProviderClass` and workload identity.',
  references: [
    'https://learn.microsoft.com/azure/aks/csi-secrets-store-driver',
    'https://learn.microsoft.com/azure/aks/csi-secrets-store-identity-access',
    'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#key_vault_secrets_provider',
  ],
  check(cluster, report, context) {
    const addon = cluster.addons.azureKeyvaultSecretsProvider;
    const reason = unknownReason(addon);
    if (reason !== undefined) return context.notEvaluated(`the azureKeyvaultSecretsProvider add-on is ${reason}`);
    // Absent: AKS installs no add-on it is not asked for.
    if (known(addon) !== true) report({ messageId: 'notEnabled', at: addon?.at ?? cluster.at });
  },
});
