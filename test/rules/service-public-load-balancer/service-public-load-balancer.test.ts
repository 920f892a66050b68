import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/service-public-load-balancer.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.internal.yaml': { expect: [] },
    'pass.cluster-ip.yaml': { expect: [] },
    'fail.public.yaml': { expect: [{ messageId: 'public', level: 'error', line: 12, message: 'Service store-front' }] },
    'fail.source-ranges.yaml': {
      expect: [
        { messageId: 'restricted', level: 'warning', line: 8, message: 'Service shop/admin' },
        { messageId: 'public', level: 'error', line: 19 },
      ],
    },
    'none.no-services.yaml': { expect: [] },
  });
});
