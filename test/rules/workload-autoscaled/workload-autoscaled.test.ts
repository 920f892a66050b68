import { describe } from 'vitest';
import rule from '../../../shared/rules/ha/workload-autoscaled.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.hpa-v2.yaml': { expect: [] },
    'pass.keda-and-v1.yaml': { expect: [] },
    'fail.azure-vote.yaml': {
      expect: [
        { messageId: 'notAutoscaled', level: 'warning', line: 1, message: 'Deployment azure-vote-back' },
        { messageId: 'notAutoscaled', level: 'warning', line: 37, message: 'Deployment azure-vote-front' },
      ],
    },
    'fail.mismatched.yaml': {
      expect: [
        { messageId: 'notAutoscaled', level: 'warning', line: 2, message: 'Deployment web/web' },
        { messageId: 'notAutoscaled', level: 'warning', line: 34, message: 'StatefulSet web/queue' },
      ],
    },
    'none.cronjob.yaml': { expect: [] },
  });
});
