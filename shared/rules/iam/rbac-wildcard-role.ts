import { defineRule } from '../define-rule.js';
import { CLUSTER_ADMIN, isSystemObject, ofKinds, ROLE_KINDS, rulesOf, WILDCARD } from './rbac.js';

export default defineRule({
  id: 'rbac-wildcard-role',
  checklist: 'IAM-2',
  title: 'Roles do not use wildcard verbs or resources',
  severity: 'error',
  evidence: ['workload', 'live'],
  target: 'inventory',
  subjects: 'Roles or ClusterRoles',
  messages: {
    verbs: '{{object}} allows every verb ("*") in rules[{{rule}}].',
    resources: '{{object}} allows every resource ("*") in rules[{{rule}}].',
  },
  help:
    'A `*` in `verbs` grants `escalate`, `bind`, `impersonate` and `delete` along with `get`; a `*` in `resources` grants ' +
    'Secrets, `pods/exec` and every custom resource, including the ones installed next year. Either is far more than a ' +
    'workload or a team needs and hides what the role is for. Roles of Kubernetes itself (`system:` names, the built-in ' +
    '`cluster-admin`, and roles labelled `kubernetes.io/bootstrapping: rbac-defaults`) are not reported.',
  remediation: 'List the verbs and resources the role needs explicitly, one rule per API group, instead of using "*".',
  references: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/',
  ],
  check(inventory, report) {
    const roles = ofKinds(inventory, ROLE_KINDS);
    for (const role of roles) {
      if (isSystemObject(role) || (role.kind === 'ClusterRole' && role.name === CLUSTER_ADMIN)) continue;
      for (const rule of rulesOf(role)) {
        const verb = rule.verbs.indexOf(WILDCARD);
        if (verb >= 0) report({ object: role, messageId: 'verbs', data: { rule: rule.index }, path: ['rules', rule.index, 'verbs', verb] });
        const resource = rule.resources.indexOf(WILDCARD);
        if (resource >= 0) {
          report({ object: role, messageId: 'resources', data: { rule: rule.index }, path: ['rules', rule.index, 'resources', resource] });
        }
      }
    }
    return roles.length > 0;
  },
});
