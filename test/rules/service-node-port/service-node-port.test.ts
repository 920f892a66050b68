import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/service-node-port.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.cluster-ip.yaml': { expect: [] },
    'fail.guestbook.yaml': {
      expect: [{ messageId: 'nodePort', level: 'warning', line: 28, message: 'Service frontend is a NodePort Service: it opens a port from the node port range' }],
    },
    'fail.fixed-ports.yaml': {
      expect: [{ messageId: 'nodePort', level: 'warning', line: 11, message: 'Service shop/web is a NodePort Service: it opens ports 30080, 30443' }],
    },
    'none.no-services.yaml': { expect: [] },
  });
});
