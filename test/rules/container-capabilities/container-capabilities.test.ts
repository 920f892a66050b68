import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/container-capabilities.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.ingress-nginx.yaml': { expect: [] },
    'pass.windows.yaml': { expect: [] },
    'fail.cassandra.yaml': {
      expect: [
        { messageId: 'dangerous', level: 'error', line: 26, message: 'Container "cassandra" in StatefulSet cassandra adds the capability IPC_LOCK' },
        { messageId: 'notDropped', level: 'warning', line: 24 },
      ],
    },
    'fail.restricted.yaml': {
      expect: [
        { messageId: 'notDropped', level: 'warning', line: 17, message: 'Init container "wait-for-config"' },
        { messageId: 'added', level: 'warning', line: 25, message: 'CHOWN' },
        { messageId: 'dangerous', level: 'error', line: 25, message: 'CAP_NET_ADMIN' },
        { messageId: 'notDropped', level: 'warning', line: 27, message: 'Container "gateway"' },
        { messageId: 'notDropped', level: 'warning', line: 30, message: 'Container "metrics"' },
      ],
    },
    'none.service-only.yaml': { expect: [] },
  });
});
