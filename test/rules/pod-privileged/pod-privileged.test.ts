import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/pod-privileged.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.hardened.yaml': { expect: [] },
    'fail.newrelic-daemonset.yaml': {
      expect: [{ messageId: 'privileged', level: 'error', line: 25, message: 'Container "newrelic" in DaemonSet newrelic-agent runs privileged.' }],
    },
    'fail.init-and-debug-containers.yaml': {
      expect: [
        { messageId: 'privileged', level: 'error', line: 22, message: 'Init container "sysctl" in StatefulSet logging/elasticsearch' },
        { messageId: 'privileged', level: 'error', line: 42, message: 'Ephemeral container "debugger" in Pod shop/api-debug' },
        { messageId: 'privileged', level: 'error', line: 58, message: 'Container "cleanup" in CronJob node-cleanup' },
      ],
    },
    'none.service-only.yaml': { expect: [] },
  });
});
