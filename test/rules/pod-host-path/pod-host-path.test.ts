import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/pod-host-path.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.managed-volumes.yaml': { expect: [] },
    'fail.newrelic-daemonset.yaml': {
      expect: [
        { messageId: 'hostPath', level: 'error', line: 31, message: 'Volume "dev" of DaemonSet newrelic-agent mounts the node\'s path "/dev"' },
        { messageId: 'hostPath', level: 'error', line: 34, message: '"/var/run/docker.sock"' },
        { messageId: 'hostPath', level: 'error', line: 38, message: '"/var/log"' },
      ],
    },
    'fail.cronjob-containerd-socket.yaml': {
      expect: [{ messageId: 'hostPath', level: 'error', line: 21, message: 'Volume "containerd" of CronJob ops/image-prune' }],
    },
    'none.service-only.yaml': { expect: [] },
  });
});
