import { effectiveNamespace } from '../../documents/manifest.js';
import { defineRule } from '../define-rule.js';
import {
  BINDING_KINDS,
  CLUSTER_ADMIN,
  describeRoleRef,
  describeSubject,
  findRole,
  isSystemSubject,
  isWildcardRole,
  ofKinds,
  roleRefOf,
  subjectsOf,
} from './rbac.js';

export default defineRule({
  id: 'rbac-admin-binding',
  checklist: 'IAM-2',
  title: 'No binding grants cluster-admin or another wildcard role',
  severity: 'error',
  evidence: ['workload', 'live'],
  target: 'inventory',
  subjects: 'ClusterRoleBindings or RoleBindings',
  messages: {
    clusterAdmin: '{{object}} grants ClusterRole cluster-admin (every action on every resource {{scope}}) to {{subject}}.',
    wildcardRole: '{{object}} grants {{role}}, which allows every verb on every resource {{scope}}, to {{subject}}.',
  },
  help:
    'A binding to `cluster-admin`, or to any Role or ClusterRole in the inputs that allows `*` verbs on `*` resources, gives ' +
    'its subject full control: through a ClusterRoleBinding of the whole cluster, through a RoleBinding of the namespace ' +
    '(including its Secrets and the right to run any pod there). A leaked token or a compromised pod of such a service account ' +
    'is a cluster takeover. Users and groups of Kubernetes itself (names starting with `system:`) are not reported; service ' +
    'accounts are. Bindings to `system:anonymous`, `system:unauthenticated` and `system:authenticated` are reported by ' +
    '`rbac-anonymous-binding`.',
  remediation:
    'Bind a role that lists only the verbs and resources the subject needs, in the namespace where it needs them (a RoleBinding, ' +
    'not a ClusterRoleBinding); give people cluster administration through Microsoft Entra ID groups and Azure RBAC with ' +
    'just-in-time access instead of a standing binding.',
  references: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/',
    'https://learn.microsoft.com/azure/aks/azure-ad-rbac',
  ],
  check(inventory, report) {
    const bindings = ofKinds(inventory, BINDING_KINDS);
    for (const binding of bindings) {
      const ref = roleRefOf(binding);
      if (ref === undefined) continue;
      const builtIn = ref.kind === 'ClusterRole' && ref.name === CLUSTER_ADMIN;
      const role = builtIn ? undefined : findRole(inventory, binding, ref);
      if (!builtIn && (role === undefined || !isWildcardRole(role))) continue;
      const scope = binding.kind === 'ClusterRoleBinding' ? 'in the whole cluster' : `in namespace "${effectiveNamespace(binding)}"`;
      for (const subject of subjectsOf(binding)) {
        if (isSystemSubject(subject)) continue;
        report({
          object: binding,
          messageId: builtIn ? 'clusterAdmin' : 'wildcardRole',
          data: { role: describeRoleRef(ref), subject: describeSubject(subject), scope },
          path: ['subjects', subject.index],
        });
      }
    }
    return bindings.length > 0;
  },
});
