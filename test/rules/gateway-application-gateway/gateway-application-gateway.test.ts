import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/gateway-application-gateway.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.https-redirect.yaml': { expect: [] },
    'fail.istio.yaml': {
      expect: [
        { messageId: 'otherClass', level: 'warning', line: 7, message: 'Gateway istio-gateway uses GatewayClass "istio"' },
        { messageId: 'noHttps', level: 'error', line: 8, message: 'Gateway istio-gateway has no HTTPS listener' },
      ],
    },
    'fail.plain-http.yaml': {
      expect: [
        {
          messageId: 'plainHttp',
          level: 'warning',
          line: 15,
          message: 'Listener "http-listener" of Gateway test-infra/gateway-01 serves plain HTTP on port 80: HTTPRoute test-infra/https-route',
        },
        { messageId: 'noRedirect', level: 'warning', line: 53, message: 'Listener "http" of Gateway gateway-infra/shared-external' },
      ],
    },
    'none.istio-api-gateway.yaml': { expect: [] },
  });
});
