import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/container-privilege-escalation.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.hardened.yaml': { expect: [] },
    'pass.windows.yaml': { expect: [] },
    'fail.azure-vote.yaml': {
      expect: [{ messageId: 'unset', level: 'warning', line: 19, message: 'Container "azure-vote-back" in Deployment azure-vote-back' }],
    },
    'fail.mixed.yaml': {
      expect: [
        { messageId: 'unset', level: 'warning', line: 18, message: 'Init container "migrate"' },
        { messageId: 'unset', level: 'warning', line: 21, message: 'Container "order-service"' },
        { messageId: 'allowed', level: 'warning', line: 26, message: 'Container "fluent-bit" in Deployment shop/order-service sets allowPrivilegeEscalation: true.' },
      ],
    },
    'none.service-only.yaml': { expect: [] },
  });
});
