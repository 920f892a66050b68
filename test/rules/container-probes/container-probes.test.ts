import { describe } from 'vitest';
import rule from '../../../shared/rules/ha/container-probes.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.aks-store-quickstart.yaml': { expect: [] },
    'pass.jobs-and-init.yaml': { expect: [] },
    'fail.guestbook.yaml': {
      expect: [
        { messageId: 'none', level: 'warning', line: 37, message: 'Container "master" in Deployment redis-master has neither' },
        { messageId: 'none', level: 'warning', line: 81, message: 'Container "replica"' },
        { messageId: 'none', level: 'warning', line: 134, message: 'Container "php-redis"' },
      ],
    },
    'fail.partial.yaml': {
      expect: [
        // The engine runs an object rule kind by kind, in the order the rule lists them.
        { messageId: 'readiness', level: 'warning', line: 45, message: 'Container "redis" in StatefulSet cache/redis has no readiness probe.' },
        { messageId: 'liveness', level: 'warning', line: 17, message: 'Container "node-exporter" in DaemonSet monitoring/node-exporter has no liveness probe.' },
      ],
    },
    'none.cronjob.yaml': { expect: [] },
  });
});
