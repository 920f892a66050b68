import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/ingress-application-gateway.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.application-gateway.yaml': { expect: [] },
    'fail.app-routing.yaml': {
      expect: [{ messageId: 'otherClass', level: 'warning', line: 7, message: 'Ingress store-front uses ingress class "webapprouting.kubernetes.azure.com"' }],
    },
    'fail.other-or-no-class.yaml': {
      expect: [
        { messageId: 'otherClass', level: 'warning', line: 8, message: 'Ingress shop/shop uses ingress class "nginx"' },
        { messageId: 'noClass', level: 'warning', line: 28, message: 'Ingress shop/admin names no ingress class' },
        { messageId: 'otherClass', level: 'warning', line: 53, message: '"traefik"' },
      ],
    },
    'none.no-ingress.yaml': { expect: [] },
  });
});
