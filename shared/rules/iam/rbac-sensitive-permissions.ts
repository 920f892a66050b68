import type { Inventory } from '../../documents/inventory.js';
import type { ManifestObject } from '../../documents/manifest.js';
import { defineRule } from '../define-rule.js';
import { BINDING_KINDS, bindingsOf, findRole, isSystemObject, ofKinds, roleRefOf, ROLE_KINDS, rulesOf, WILDCARD, type PolicyRule } from './rbac.js';

/** Verbs that let a holder give itself more than it was given. */
const ESCALATING_VERBS = ['escalate', 'bind', 'impersonate'] as const;
type EscalatingVerb = (typeof ESCALATING_VERBS)[number];
const CORE_GROUP = '';
const SECRETS = 'secrets';
/** `list` and `watch` return the Secrets' values, not only their names. */
const READ_VERBS = ['get', 'list', 'watch'];
const EXEC = 'pods/exec';
/** kubectl exec is a `create` on pods/exec; over WebSockets older API servers accepted a `get`. */
const EXEC_VERBS = ['create', 'get', WILDCARD];
/**
 * Built-in user-facing ClusterRoles that are not in the inputs but grant what this rule flags: both read
 * Secrets and create pods/exec (kubernetes.io "User-facing roles"). `view` reads neither; cluster-admin
 * is rbac-admin-binding's.
 */
const BUILT_IN_ROLES: Readonly<Record<string, string>> = {
  admin: 'reads Secrets and runs commands in containers (pods/exec)',
  edit: 'reads Secrets and runs commands in containers (pods/exec)',
};

export default defineRule({
  id: 'rbac-sensitive-permissions',
  checklist: 'IAM-2',
  title: 'Roles do not grant escalate, bind, impersonate, cluster-wide Secret reads or pods/exec',
  severity: 'warning',
  evidence: ['workload', 'live'],
  target: 'inventory',
  subjects: 'Roles, ClusterRoles or their bindings',
  messages: {
    escalate: '{{object}} grants "escalate" in rules[{{rule}}], which lets its holders create roles with permissions they do not have.',
    bind: '{{object}} grants "bind" in rules[{{rule}}], which lets its holders bind roles with permissions they do not have.',
    impersonate: '{{object}} grants "impersonate" in rules[{{rule}}], which lets its holders act as other users, groups or service accounts.',
    secretsRead: '{{object}} lets its holders read every Secret of the cluster ({{verbs}} on secrets in rules[{{rule}}]).',
    podsExec: '{{object}} grants pods/exec in rules[{{rule}}], which lets its holders run commands inside running containers.',
    builtInRole: '{{object}} grants the built-in ClusterRole "{{role}}" {{scope}}, which {{grants}}.',
  },
  help:
    'Some permissions are worth as much as cluster-admin. `escalate` and `bind` get around the rule that one cannot grant what ' +
    'one does not have; `impersonate` acts as anyone, `system:masters` included; `get`, `list` or `watch` on Secrets in a ' +
    'ClusterRole reads every credential of every namespace (service account tokens among them); `pods/exec` runs commands in ' +
    'any container with that container\'s identity. A ClusterRole\'s Secret reads are not reported when every binding of it ' +
    'in the inputs is a RoleBinding, which limits it to one namespace; reads restricted by `resourceNames` are not reported. ' +
    'Bindings of the built-in `admin` and `edit` ClusterRoles are reported too: both read Secrets and allow pods/exec. ' +
    'Wildcards are reported by `rbac-wildcard-role`, and roles of Kubernetes itself (`system:` names) are left out.',
  remediation:
    'Remove the permission, or move it into a role bound only to the platform identity that needs it, in the namespace where it ' +
    'needs it; restrict Secret reads with `resourceNames`, and use `kubectl debug` with audited just-in-time access instead of a ' +
    'standing pods/exec grant.',
  references: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks',
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping',
    'https://learn.microsoft.com/azure/aks/concepts-identity',
  ],
  check(inventory, report) {
    const roles = ofKinds(inventory, ROLE_KINDS);
    for (const role of roles) {
      if (isSystemObject(role)) continue;
      const clusterWide = readsAreClusterWide(inventory, role);
      for (const rule of rulesOf(role)) {
        const data = { rule: rule.index };
        rule.verbs.forEach((verb, i) => {
          if (isEscalating(verb)) report({ object: role, messageId: verb, data, path: ['rules', rule.index, 'verbs', i] });
        });
        const secrets = rule.resources.indexOf(SECRETS);
        const reads = rule.verbs.filter((verb) => READ_VERBS.includes(verb));
        if (clusterWide && secrets >= 0 && reads.length > 0 && inCoreGroup(rule) && rule.resourceNames.length === 0) {
          report({ object: role, messageId: 'secretsRead', data: { ...data, verbs: reads.join(', ') }, path: ['rules', rule.index, 'resources', secrets] });
        }
        const exec = rule.resources.indexOf(EXEC);
        if (exec >= 0 && inCoreGroup(rule) && rule.verbs.some((verb) => EXEC_VERBS.includes(verb))) {
          report({ object: role, messageId: 'podsExec', data, path: ['rules', rule.index, 'resources', exec] });
        }
      }
    }
    const bindings = ofKinds(inventory, BINDING_KINDS);
    for (const binding of bindings) {
      const ref = roleRefOf(binding);
      const grants = ref?.kind === 'ClusterRole' ? BUILT_IN_ROLES[ref.name] : undefined;
      if (ref === undefined || grants === undefined || findRole(inventory, binding, ref) !== undefined) continue;
      const scope = binding.kind === 'ClusterRoleBinding' ? 'in every namespace' : `in namespace ${binding.namespace ?? 'default'}`;
      report({ object: binding, messageId: 'builtInRole', data: { role: ref.name, scope, grants }, path: ['roleRef', 'name'] });
    }
    return roles.length > 0 || bindings.length > 0;
  },
});

/** A ClusterRole reads across namespaces unless the inputs show it bound only by RoleBindings. */
function readsAreClusterWide(inventory: Inventory, role: ManifestObject): boolean {
  if (role.kind !== 'ClusterRole') return false;
  const bindings = bindingsOf(inventory, role);
  return bindings.length === 0 || bindings.some((binding) => binding.kind === 'ClusterRoleBinding');
}

function isEscalating(verb: string): verb is EscalatingVerb {
  return (ESCALATING_VERBS as readonly string[]).includes(verb);
}

function inCoreGroup(rule: PolicyRule): boolean {
  return rule.apiGroups.includes(CORE_GROUP) || rule.apiGroups.includes(WILDCARD);
}
