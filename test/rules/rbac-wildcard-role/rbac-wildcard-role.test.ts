import { describe } from 'vitest';
import rule from '../../../shared/rules/iam/rbac-wildcard-role.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.ingress-nginx.yaml': { expect: [] },
    'pass.built-in.yaml': { expect: [] },
    'fail.wildcards.yaml': {
      expect: [
        { messageId: 'verbs', level: 'error', line: 10, message: 'Role shop/ci-deployer allows every verb ("*") in rules[0].' },
        { messageId: 'verbs', level: 'error', line: 31, message: 'ClusterRole my-operator allows every verb ("*") in rules[1].' },
        { messageId: 'resources', level: 'error', line: 29, message: 'ClusterRole my-operator allows every resource ("*") in rules[1].' },
      ],
    },
    'none.bindings-only.yaml': { expect: [] },
  });
});
