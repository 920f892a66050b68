import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/pod-service-account-token.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.opted-out.yaml': { expect: [] },
    'pass.declared.yaml': { expect: [] },
    'fail.azure-vote.yaml': {
      expect: [{ messageId: 'automounted', level: 'warning', line: 15, message: 'Deployment azure-vote-back gets a Kubernetes API token mounted by default (ServiceAccount "default")' }],
    },
    'fail.account-elsewhere.yaml': {
      expect: [
        { messageId: 'automounted', level: 'warning', line: 22, message: 'Deployment shop/api' },
        { messageId: 'automounted', level: 'warning', line: 34, message: 'ServiceAccount "legacy-sa"' },
      ],
    },
    'none.service-only.yaml': { expect: [] },
  });
});
