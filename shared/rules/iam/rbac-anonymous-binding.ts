import { defineRule } from '../define-rule.js';
import { BINDING_KINDS, describeRoleRef, describeSubject, ofKinds, roleRefOf, subjectsOf } from './rbac.js';

/** Identities that anyone can assume: no login at all, or any login. */
const ANONYMOUS = new Set(['system:anonymous', 'system:unauthenticated']);
const AUTHENTICATED = 'system:authenticated';
/** The built-in discovery roles every cluster binds to these groups; they reveal only API and version information. */
const DISCOVERY_ROLES = new Set(['system:basic-user', 'system:discovery', 'system:public-info-viewer']);

export default defineRule({
  id: 'rbac-anonymous-binding',
  checklist: 'IAM-2',
  title: 'Nothing is granted to anonymous or to every authenticated user',
  severity: 'error',
  evidence: ['workload', 'live'],
  target: 'inventory',
  subjects: 'ClusterRoleBindings or RoleBindings',
  messages: {
    anonymous: '{{object}} grants {{role}} to {{subject}}: anyone who can reach the API server, without signing in.',
    authenticated:
      '{{object}} grants {{role}} to {{subject}}: every identity that can sign in (with Microsoft Entra ID, every account of the tenant).',
  },
  help:
    '`system:anonymous` and `system:unauthenticated` are requests without credentials; `system:authenticated` is every ' +
    'identity that can get a token, which on an AKS cluster integrated with Microsoft Entra ID is every user and service ' +
    'principal of the tenant, and includes every service account of the cluster. A permission bound to them is a permission ' +
    'granted to everyone. Only the built-in discovery bindings (`system:basic-user`, `system:discovery`, ' +
    '`system:public-info-viewer`) are accepted.',
  remediation:
    'Remove the subject from the binding and bind the role to the specific groups, users or service accounts that need it.',
  references: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#discovery-roles',
    'https://learn.microsoft.com/azure/aks/concepts-identity',
  ],
  check(inventory, report) {
    const bindings = ofKinds(inventory, BINDING_KINDS);
    for (const binding of bindings) {
      const ref = roleRefOf(binding);
      if (ref === undefined || (ref.kind === 'ClusterRole' && DISCOVERY_ROLES.has(ref.name))) continue;
      for (const subject of subjectsOf(binding)) {
        if (subject.kind === 'ServiceAccount') continue;
        const messageId = ANONYMOUS.has(subject.name) ? 'anonymous' : subject.name === AUTHENTICATED ? 'authenticated' : undefined;
        if (messageId === undefined) continue;
        report({
          object: binding,
          messageId,
          data: { role: describeRoleRef(ref), subject: describeSubject(subject) },
          path: ['subjects', subject.index],
        });
      }
    }
    return bindings.length > 0;
  },
});
