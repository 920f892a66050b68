import { describe } from 'vitest';
import rule from '../../../shared/rules/iam/rbac-anonymous-binding.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.discovery-defaults.yaml': { expect: [] },
    'fail.everyone.yaml': {
      expect: [
        {
          messageId: 'authenticated',
          level: 'error',
          line: 11,
          message: 'ClusterRoleBinding view-for-everyone grants ClusterRole view to Group "system:authenticated"',
        },
        { messageId: 'anonymous', level: 'error', line: 25, message: 'RoleBinding monitoring/status-reader grants Role status-reader to User "system:anonymous"' },
        { messageId: 'anonymous', level: 'error', line: 31, message: 'to Group "system:unauthenticated"' },
      ],
    },
    'none.no-bindings.yaml': { expect: [] },
  });
});
