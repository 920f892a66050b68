// Reading RBAC objects once for the IAM rules: bindings' subjects and role references, roles'
// policy rules, and which names belong to Kubernetes itself rather than to the people who deploy.

import type { Inventory } from '../../documents/inventory.js';
import { effectiveNamespace, isRecord, type ManifestObject } from '../../documents/manifest.js';

export const BINDING_KINDS = ['ClusterRoleBinding', 'RoleBinding'];
export const ROLE_KINDS = ['ClusterRole', 'Role'];
export const WILDCARD = '*';
/** The built-in role that allows everything; it exists in every cluster, so it need not be in the inputs. */
export const CLUSTER_ADMIN = 'cluster-admin';

const SYSTEM_PREFIX = 'system:';
/** Service account identities are spelled with the system prefix but belong to workloads, not to Kubernetes. */
const SERVICE_ACCOUNT_PREFIXES = ['system:serviceaccount:', 'system:serviceaccounts'];
/** Label the API server puts on the default roles and bindings it creates and reconciles. */
const BOOTSTRAP_LABEL = 'kubernetes.io/bootstrapping';
const BOOTSTRAP_VALUE = 'rbac-defaults';

export interface Subject {
  readonly index: number;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | undefined;
}

export interface RoleRef {
  readonly kind: string;
  readonly name: string;
}

export interface PolicyRule {
  readonly index: number;
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames: readonly string[];
}

/** Objects of these kinds in input order, so findings follow the files. */
export function ofKinds(inventory: Inventory, kinds: readonly string[]): ManifestObject[] {
  return inventory.objects.filter((object) => kinds.includes(object.kind));
}

export function subjectsOf(binding: ManifestObject): Subject[] {
  const list = Array.isArray(binding.body.subjects) ? binding.body.subjects : [];
  return list.flatMap((item: unknown, index) =>
    isRecord(item) && typeof item.kind === 'string' && typeof item.name === 'string'
      ? [{ index, kind: item.kind, name: item.name, namespace: typeof item.namespace === 'string' ? item.namespace : undefined }]
      : [],
  );
}

export function roleRefOf(binding: ManifestObject): RoleRef | undefined {
  const ref = binding.body.roleRef;
  return isRecord(ref) && typeof ref.kind === 'string' && typeof ref.name === 'string' ? { kind: ref.kind, name: ref.name } : undefined;
}

export function rulesOf(role: ManifestObject): PolicyRule[] {
  const list = Array.isArray(role.body.rules) ? role.body.rules : [];
  return list.flatMap((item: unknown, index) =>
    isRecord(item)
      ? [{ index, apiGroups: strings(item.apiGroups), resources: strings(item.resources), verbs: strings(item.verbs), resourceNames: strings(item.resourceNames) }]
      : [],
  );
}

/** `User "alice@contoso.com"`, `ServiceAccount "ci/deployer"`. */
export function describeSubject(subject: Subject): string {
  const name = subject.kind === 'ServiceAccount' && subject.namespace ? `${subject.namespace}/${subject.name}` : subject.name;
  return `${subject.kind} "${name}"`;
}

export function describeRoleRef(ref: RoleRef): string {
  return `${ref.kind} ${ref.name}`;
}

/** A user or group of Kubernetes itself (`system:masters`, `system:nodes`), not a service account. */
export function isSystemSubject(subject: Subject): boolean {
  if (subject.kind === 'ServiceAccount') return false;
  return subject.name.startsWith(SYSTEM_PREFIX) && !SERVICE_ACCOUNT_PREFIXES.some((p) => subject.name.startsWith(p));
}

/** A role or binding Kubernetes creates itself: `system:` names, and the defaults it labels as such. */
export function isSystemObject(object: ManifestObject): boolean {
  const metadata = isRecord(object.body.metadata) ? object.body.metadata : {};
  const labels = isRecord(metadata.labels) ? metadata.labels : {};
  return object.name.startsWith(SYSTEM_PREFIX) || labels[BOOTSTRAP_LABEL] === BOOTSTRAP_VALUE;
}

/** Allows every verb on every resource in at least one rule. */
export function isWildcardRole(role: ManifestObject): boolean {
  return rulesOf(role).some((rule) => rule.verbs.includes(WILDCARD) && rule.resources.includes(WILDCARD));
}

/** The Role or ClusterRole in the inputs that a binding refers to (a Role is looked up in the binding's namespace). */
export function findRole(inventory: Inventory, binding: ManifestObject, ref: RoleRef): ManifestObject | undefined {
  const namespace = ref.kind === 'Role' ? effectiveNamespace(binding) : undefined;
  // Inventory.find keys cluster-scoped objects by the "default" namespace, so match cluster-scoped roles by name.
  return inventory.ofKind(ref.kind).find((role) => role.name === ref.name && (namespace === undefined || effectiveNamespace(role) === namespace));
}

/** Every binding in the inputs that refers to this role. */
export function bindingsOf(inventory: Inventory, role: ManifestObject): ManifestObject[] {
  return ofKinds(inventory, BINDING_KINDS).filter((binding) => {
    const ref = roleRefOf(binding);
    return ref !== undefined && ref.kind === role.kind && ref.name === role.name && (role.kind === 'ClusterRole' || effectiveNamespace(binding) === effectiveNamespace(role));
  });
}

function strings(value: unknown): string[] {
  // RBAC lists are lists of strings; YAML 1.1 reads an unquoted `yes` or `1` as another scalar, so read scalars as text.
  if (!Array.isArray(value)) return [];
  return value.flatMap((v: unknown) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? [String(v)] : []));
}
