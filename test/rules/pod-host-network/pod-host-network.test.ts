import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/pod-host-network.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.pod-network.yaml': { expect: [] },
    'fail.newrelic-daemonset.yaml': { expect: [{ messageId: 'hostNetwork', level: 'warning', line: 24, message: 'DaemonSet newrelic-agent' }] },
    'fail.yaml11-booleans.yaml': {
      expect: [
        { messageId: 'hostNetwork', level: 'warning', line: 8, message: 'Pod ops/debug' },
        { messageId: 'hostNetwork', level: 'warning', line: 24, message: 'CronJob ops/node-report' },
      ],
    },
    'none.no-workloads.yaml': { expect: [] },
  });
});
