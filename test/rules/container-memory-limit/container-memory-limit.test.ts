import { describe } from 'vitest';
import rule from '../../../shared/rules/ha/container-memory-limit.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.limits.yaml': { expect: [] },
    'pass.limit-range.yaml': { expect: [] },
    'fail.azure-vote.yaml': {
      expect: [
        { messageId: 'missing', level: 'warning', line: 18, message: 'Container "azure-vote-back" in Deployment azure-vote-back sets no memory limit.' },
        { messageId: 'missing', level: 'warning', line: 66, message: 'Container "azure-vote-front"' },
      ],
    },
    'fail.init-and-other-namespace.yaml': {
      expect: [
        { messageId: 'missing', level: 'warning', line: 31, message: 'Container "migrate" in Deployment team-a/api' },
        { messageId: 'missing', level: 'warning', line: 38, message: 'Container "api"' },
      ],
    },
    'none.configmap.yaml': { expect: [] },
  });
});
