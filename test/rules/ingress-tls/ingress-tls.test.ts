import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/ingress-tls.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.tls.yaml': { expect: [] },
    'fail.app-routing.yaml': { expect: [{ messageId: 'noTls', level: 'error', line: 6, message: 'Ingress store-front has no spec.tls: every host is served' }] },
    'fail.no-tls-hosts.yaml': {
      expect: [{ messageId: 'noTls', level: 'error', line: 8, message: '"blog.contoso.com", "www.contoso.com" are served over plain HTTP' }],
    },
    'fail.uncovered-hosts.yaml': {
      expect: [
        { messageId: 'uncoveredHost', level: 'error', line: 30, message: 'Host "eu.v1.api.contoso.com" of Ingress shop/shop' },
        { messageId: 'uncoveredHost', level: 'error', line: 33, message: 'Host "api.contoso.com"' },
        { messageId: 'uncoveredAnyHost', level: 'error', line: 36, message: 'A rule of Ingress shop/shop without a host' },
        { messageId: 'uncoveredHost', level: 'error', line: 50, message: 'Host "admin.contoso.com" of Ingress shop/admin' },
      ],
    },
    'none.no-ingress.yaml': { expect: [] },
  });
});
