import { describe } from 'vitest';
import rule from '../../../shared/rules/ha/workload-replicas.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.replicas.yaml': { expect: [] },
    'pass.autoscaler-owns-replicas.yaml': { expect: [] },
    'fail.guestbook.yaml': {
      expect: [{ messageId: 'tooFew', level: 'warning', line: 28, message: 'Deployment redis-master runs 1 replica(s)' }],
    },
    'fail.ingress-nginx-controller.yaml': {
      expect: [{ messageId: 'unset', level: 'warning', line: 13, message: 'Deployment ingress-nginx/ingress-nginx-controller does not set replicas' }],
    },
    'fail.helm-empty-value.yaml': {
      expect: [{ messageId: 'unset', level: 'warning', line: 9, message: 'Deployment web/web does not set replicas' }],
    },
    'fail.autoscaler-minimum.yaml': {
      expect: [
        { messageId: 'autoscalerMin', level: 'warning', line: 26, message: 'HorizontalPodAutoscaler shop/api lets Deployment shop/api scale down to 1 replica(s)' },
        { messageId: 'autoscalerMin', level: 'warning', line: 59, message: 'ScaledObject shop/worker lets Deployment shop/worker scale down to 0 replica(s)' },
        { messageId: 'tooFew', level: 'warning', line: 74, message: 'StatefulSet shop/postgres runs 1 replica(s)' },
      ],
    },
    'none.daemonset.yaml': { expect: [] },
  });
});
