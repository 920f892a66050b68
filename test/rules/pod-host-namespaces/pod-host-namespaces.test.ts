import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/pod-host-namespaces.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.host-network-only.yaml': { expect: [] },
    'fail.newrelic-daemonset.yaml': {
      expect: [
        { messageId: 'hostPID', level: 'error', line: 17, message: 'DaemonSet newrelic-agent' },
        { messageId: 'hostIPC', level: 'error', line: 18 },
      ],
    },
    'fail.pod-host-pid.yaml': { expect: [{ messageId: 'hostPID', level: 'error', line: 8, message: 'Pod kube-tools/node-debugger' }] },
    'none.service-only.yaml': { expect: [] },
  });
});
