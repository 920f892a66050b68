import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/key-vault-secrets-provider.js';
import { addonRuleCases } from '../../helpers/addon-rule-tests.js';
import { testClusterRule } from '../../helpers/cluster-rule-tester.js';


describe(rule.id, () => {
  addonRuleCases(rule, {
    addon: 'azureKeyvaultSecretsProvider',
    otherAddon: 'azurepolicy',
    label: 'Key Vault secrets provider',
    message:
      'Cluster "aks1" does not enable the Azure Key Vault secrets provider add-on (azureKeyvaultSecretsProvider): workloads cannot mount secrets from Key Vault and end up keeping them in Kubernetes Secrets or manifests.',
    unknownReason: 'var.enable_kv_csi (no default)',
  });
});

describe(`${rule.id} (fixtures)`, () => {
  testClusterRule(rule, import.meta.dirname, {
    'pass.enabled.json': { expect: [] },
    'pass.block.plan.json': { expect: [] },
    'pass.block.tf': { expect: [] },
    'fail.disabled.json': { expect: [{ messageId: 'notEnabled', level: 'warning', line: 27, message: '"aks-shop"' }] },
    'fail.no-block.tf': { expect: [{ messageId: 'notEnabled', level: 'warning', line: 2 }] },
    'fail.no-block.plan.json': { expect: [{ messageId: 'notEnabled', level: 'warning', line: 7 }] },
    'unknown.addon-reference.json': { expect: [] },
  });
});
