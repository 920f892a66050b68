import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/aad-pod-identity.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.workload-identity.yaml': { expect: [] },
    'fail.pod-identity.yaml': {
      expect: [
        {
          messageId: 'label',
          level: 'warning',
          line: 34,
          message: 'Deployment shop/orders binds its pods to AAD Pod Identity with the aadpodidbinding label "orders"; AAD Pod Identity is deprecated, move to Microsoft Entra Workload ID.',
        },
        { messageId: 'label', level: 'warning', line: 45, message: 'Pod demo binds its pods to AAD Pod Identity with the aadpodidbinding label "demo-binding"' },
        { messageId: 'resource', level: 'warning', line: 3, message: 'AzureIdentity shop/orders-identity is an AAD Pod Identity (aadpodidentity.k8s.io) resource' },
        { messageId: 'resource', level: 'warning', line: 13, message: 'AzureIdentityBinding shop/orders-identity-binding' },
      ],
    },
    'none.no-workloads.yaml': { expect: [] },
  });
});
