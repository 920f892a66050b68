import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/container-probe-host.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.own-pod.yaml': { expect: [] },
    'fail.host.yaml': {
      expect: [
        { messageId: 'host', level: 'error', line: 20, message: 'Container "payments" in Deployment shop/payments sends its livenessProbe to the host "169.254.169.254"' },
        { messageId: 'host', level: 'error', line: 25, message: 'readinessProbe to the host "payments-db.shop.svc.cluster.local"' },
        { messageId: 'host', level: 'error', line: 30, message: 'lifecycle.preStop to the host "localhost"' },
      ],
    },
    'none.service-only.yaml': { expect: [] },
  });
});
