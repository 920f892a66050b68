import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/ingress-https-redirect.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.redirect.yaml': { expect: [] },
    'fail.missing.yaml': {
      expect: [
        { messageId: 'missing', level: 'warning', line: 4, message: 'Ingress shop/shop does not redirect HTTP to HTTPS' },
        { messageId: 'missing', level: 'warning', line: 30, message: 'Ingress shop/api' },
      ],
    },
    'fail.disabled.yaml': {
      expect: [
        { messageId: 'disabled', level: 'warning', line: 7, message: 'Ingress shop/shop does not redirect HTTP to HTTPS: appgw.ingress.kubernetes.io/ssl-redirect is "false"' },
        { messageId: 'disabled', level: 'warning', line: 23, message: 'is "yes"' },
      ],
    },
    'none.other-classes.yaml': { expect: [] },
  });
});
