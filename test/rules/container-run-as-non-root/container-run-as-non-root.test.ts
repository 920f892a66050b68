import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/container-run-as-non-root.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.pod-level.yaml': { expect: [] },
    'pass.every-container.yaml': { expect: [] },
    'pass.user-namespace.yaml': { expect: [] },
    'fail.user-namespace-k8s-1-30.yaml': {
      settings: { kubernetesVersion: { major: 1, minor: 30 } },
      expect: [{ messageId: 'containerRoot', level: 'warning', line: 20, message: 'Container "nginx" in Deployment nginx-userns runs as root' }],
    },
    'fail.guestbook.yaml': {
      expect: [{ messageId: 'unset', level: 'warning', line: 21, message: 'Deployment redis-master does not set runAsNonRoot: true' }],
    },
    'fail.root.yaml': {
      expect: [
        { messageId: 'podRoot', level: 'warning', line: 16, message: 'Deployment shop/legacy-app sets runAsUser: 0' },
        { messageId: 'containerDisabled', level: 'warning', line: 24, message: 'Container "proxy"' },
        { messageId: 'containerRoot', level: 'warning', line: 38, message: 'Container "toolbox" in Pod toolbox runs as root' },
      ],
    },
    'fail.partial.yaml': {
      expect: [
        { messageId: 'containerUnset', level: 'warning', line: 14, message: 'Init container "fetch" in CronJob finance/report' },
        { messageId: 'podDisabled', level: 'warning', line: 38, message: 'Deployment finance/worker' },
      ],
    },
    'none.service-only.yaml': { expect: [] },
  });
});
