import { describe } from 'vitest';
import rule from '../../../shared/rules/iam/rbac-sensitive-permissions.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.scoped.yaml': { expect: [] },
    'fail.ingress-nginx.yaml': {
      expect: [
        {
          messageId: 'secretsRead',
          level: 'warning',
          line: 130,
          message: 'ClusterRole ingress-nginx lets its holders read every Secret of the cluster (list, watch on secrets in rules[0]).',
        },
      ],
    },
    'fail.escalation.yaml': {
      expect: [
        { messageId: 'impersonate', level: 'warning', line: 9, message: 'ClusterRole support-tools grants "impersonate" in rules[0]' },
        { messageId: 'podsExec', level: 'warning', line: 11, message: 'ClusterRole support-tools grants pods/exec in rules[1]' },
        { messageId: 'bind', level: 'warning', line: 29, message: 'Role team-a/rbac-manager grants "bind" in rules[0]' },
        { messageId: 'escalate', level: 'warning', line: 30, message: 'Role team-a/rbac-manager grants "escalate" in rules[0]' },
      ],
    },
    'pass.view-binding.yaml': { expect: [] },
    'fail.built-in-edit.yaml': {
      expect: [
        { messageId: 'builtInRole', level: 'warning', line: 9, message: 'ClusterRoleBinding edit grants the built-in ClusterRole "edit" in every namespace' },
        { messageId: 'builtInRole', level: 'warning', line: 23, message: 'RoleBinding team-a/team-admins grants the built-in ClusterRole "admin" in namespace team-a' },
      ],
    },
    'none.no-rbac.yaml': { expect: [] },
  });
});
