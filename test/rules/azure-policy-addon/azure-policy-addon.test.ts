import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/azure-policy-addon.js';
import { addonRuleCases } from '../../helpers/addon-rule-tests.js';
import { testClusterRule } from '../../helpers/cluster-rule-tester.js';


describe(rule.id, () => {
  addonRuleCases(rule, {
    addon: 'azurepolicy',
    otherAddon: 'azureKeyvaultSecretsProvider',
    label: 'Azure Policy',
    message:
      'Cluster "aks1" does not enable the Azure Policy add-on (addonProfiles.azurepolicy): nothing in the cluster enforces the pod security and image policies at admission.',
    unknownReason: 'var.azure_policy (no default)',
  });
});

describe(`${rule.id} (fixtures)`, () => {
  testClusterRule(rule, import.meta.dirname, {
    'pass.enabled.json': { expect: [] },
    'pass.enabled.plan.json': { expect: [] },
    'pass.enabled.tf': { expect: [] },
    'fail.missing.json': { expect: [{ messageId: 'notEnabled', level: 'warning', line: 6, message: '"aks-shop"' }] },
    'fail.disabled.tf': { expect: [{ messageId: 'notEnabled', level: 'warning', line: 7 }] },
    'fail.disabled.plan.json': { expect: [{ messageId: 'notEnabled', level: 'warning', line: 20 }] },
    'unknown.addon-reference.json': { expect: [] },
  });
});
