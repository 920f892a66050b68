import { describe } from 'vitest';
import rule from '../../../shared/rules/iam/rbac-admin-binding.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.psp-bindings.yaml': { expect: [] },
    'pass.system-and-scoped.yaml': { expect: [] },
    'fail.cluster-admin.yaml': {
      expect: [
        {
          messageId: 'clusterAdmin',
          level: 'error',
          line: 11,
          message: 'ClusterRoleBinding tiller grants ClusterRole cluster-admin (every action on every resource in the whole cluster) to ServiceAccount "kube-system/tiller".',
        },
        { messageId: 'clusterAdmin', level: 'error', line: 25, message: 'in namespace "shop") to Group "6f1c2b9e-3d4a-4e5f-8a7b-9c0d1e2f3a4b"' },
        { messageId: 'clusterAdmin', level: 'error', line: 41, message: 'to User "alice@contoso.com"' },
      ],
    },
    'fail.wildcard-role.yaml': {
      expect: [
        {
          messageId: 'wildcardRole',
          level: 'error',
          line: 20,
          message: 'grants ClusterRole platform-superuser, which allows every verb on every resource in the whole cluster, to ServiceAccount "argocd/argocd-application-controller"',
        },
        { messageId: 'wildcardRole', level: 'error', line: 44, message: 'RoleBinding payments/namespace-owner grants Role namespace-owner' },
      ],
    },
    'none.roles-only.yaml': { expect: [] },
  });
});
