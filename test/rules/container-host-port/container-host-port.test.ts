import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/container-host-port.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.container-ports.yaml': { expect: [] },
    'fail.host-ports.yaml': {
      expect: [
        { messageId: 'hostPort', level: 'warning', line: 22, message: 'Init container "warmup" in DaemonSet edge/edge-proxy binds port 9000' },
        { messageId: 'hostPort', level: 'warning', line: 29, message: 'Container "proxy" in DaemonSet edge/edge-proxy binds port 80' },
        { messageId: 'hostPort', level: 'warning', line: 35, message: 'port 443' },
        { messageId: 'hostPort', level: 'warning', line: 51, message: 'Ephemeral container "debug" in Pod debugger binds port 2345' },
      ],
    },
    'none.no-workloads.yaml': { expect: [] },
  });
});
