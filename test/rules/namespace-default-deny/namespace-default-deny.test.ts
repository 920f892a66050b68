import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/namespace-default-deny.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.deny-all.yaml': { expect: [] },
    'fail.azure-vote.yaml': {
      expect: [
        {
          messageId: 'missing',
          level: 'warning',
          line: 4,
          message: 'Namespace "default" runs 2 workloads (first: Deployment azure-vote-back) but no NetworkPolicy denies its Ingress and Egress',
        },
      ],
    },
    'fail.partial.yaml': {
      expect: [
        { messageId: 'partial', level: 'warning', line: 16, message: 'Namespace "shop" runs 1 workload (first: Deployment shop/api) and denies Ingress by default, but not Egress.' },
        { messageId: 'partial', level: 'warning', line: 46, message: 'Namespace "pay" runs 1 workload (first: StatefulSet pay/ledger) and denies Egress by default, but not Ingress.' },
        { messageId: 'partial', level: 'warning', line: 81, message: 'denies Ingress by default, but not Egress.' },
      ],
    },
    'fail.not-a-deny.yaml': {
      expect: [
        { messageId: 'missing', level: 'warning', line: 28, message: 'Namespace "batch" runs 2 workloads (first: CronJob batch/nightly-report)' },
        { messageId: 'missing', level: 'warning', line: 72, message: 'Namespace "ops" runs 1 workload (first: Pod ops/toolbox)' },
      ],
    },
    'none.policy-only.yaml': { expect: [] },
  });
});
