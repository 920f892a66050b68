import { describe } from 'vitest';
import rule from '../../../shared/rules/ha/workload-disruption-budget.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.budgets.yaml': { expect: [] },
    'pass.empty-selector.yaml': { expect: [] },
    'fail.not-selected.yaml': {
      expect: [
        { messageId: 'missing', level: 'warning', line: 3, message: 'Deployment shop/cart runs several replicas' },
        { messageId: 'missing', level: 'warning', line: 58, message: 'Deployment legacy/legacy' },
      ],
    },
    // redis-master runs one replica; replica (2) and frontend (3) have no budget.
    'fail.guestbook.yaml': {
      expect: [
        { messageId: 'missing', level: 'warning', line: 62, message: 'Deployment redis-replica' },
        { messageId: 'missing', level: 'warning', line: 117, message: 'Deployment frontend' },
      ],
    },
    'none.daemonset.yaml': { expect: [] },
  });
});
