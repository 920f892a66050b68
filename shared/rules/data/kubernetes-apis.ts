// Which apiVersion/kind pairs Kubernetes deprecated and stopped serving, from 1.16 to the newest release, and
// the small version arithmetic the SEC-5 rules need.
//
// As of 2026-11-27. Sources:
// - removals: the Deprecated API Migration Guide, https://kubernetes.io/docs/reference/using-api/deprecation-guide/
//   ("Removed APIs by release"; its newest section is v1.32, nothing listed for 1.33 to 1.37);
// - deprecation releases: the `prerelease-lifecycle-gen` tags in kubernetes/kubernetes
//   staging/src/k8s.io/api/<group>/<version>/zz_generated.prerelease-lifecycle.go, the same numbers the API server
//   prints in "X is deprecated in v1.N+, unavailable in v1.M+";
// - v1 Endpoints deprecated in 1.33 (never removed within v1): https://kubernetes.io/blog/2025/04/24/endpoints-deprecation/;
// - newest release 1.37 (1.37.2 by 2026-10-28): https://github.com/Arnavion/k8s-openapi/releases/tag/v0.29.0.
// Beta API versions introduced after 1.24 (e.g. resource.k8s.io/v1beta1) are off by default and have no removal
// in the guide yet, so they are not listed.

export interface KubernetesVersion {
  readonly major: number;
  readonly minor: number;
}

export const KUBERNETES_APIS_AS_OF = '2026-11-27';
export const KUBERNETES_APIS_SOURCE = 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/';
/** The newest Kubernetes minor release the table knows; the assumed target when the user gives none. */
export const KUBERNETES_VERSIONS_NEWEST: KubernetesVersion = { major: 1, minor: 37 };

export type Replacement =
  | {
      readonly type: 'api';
      readonly apiVersion: string;
      readonly kind: string;
      /** For targets too old for the replacement: what to use there instead. */
      readonly note?: string;
    }
  | { readonly type: 'none'; readonly hint: string };

export interface DeprecatedApi {
  readonly apiVersion: string;
  readonly kind: string;
  readonly deprecatedIn: KubernetesVersion;
  /** Undefined when removal is not scheduled (a GA version, which the policy keeps within its major version). */
  readonly removedIn?: KubernetesVersion;
  readonly replacement: Replacement;
}

const v = (minor: number): KubernetesVersion => ({ major: 1, minor });

interface Group {
  readonly apiVersion: string;
  readonly kinds: readonly string[];
  readonly deprecatedIn: KubernetesVersion;
  readonly removedIn?: KubernetesVersion;
  /** The replacement apiVersion (same kind), or a full replacement. */
  readonly replacement: string | Replacement;
}

const PSP_HINT =
  'PodSecurityPolicy has no replacement API: enforce pod security with Pod Security Admission ' +
  '(namespace label pod-security.kubernetes.io/enforce) or Azure Policy for AKS';
const FLOWCONTROL_KINDS = ['FlowSchema', 'PriorityLevelConfiguration'];
const FLOWCONTROL_V1_SINCE = 29;

/** FlowSchema and PriorityLevelConfiguration went through three betas before v1 (1.29). */
function flowcontrolBeta(version: string, deprecatedIn: number, removedIn: number): Group[] {
  return FLOWCONTROL_KINDS.map((kind) => {
    const v1: Replacement = { type: 'api', apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind };
    // While this beta was deprecated but still served, v1 did not exist yet: say what to use meanwhile.
    const replacement: Replacement =
      deprecatedIn < FLOWCONTROL_V1_SINCE ? { ...v1, note: 'flowcontrol.apiserver.k8s.io/v1beta3 on clusters older than 1.29' } : v1;
    return { apiVersion: `flowcontrol.apiserver.k8s.io/${version}`, kinds: [kind], deprecatedIn: v(deprecatedIn), removedIn: v(removedIn), replacement };
  });
}

// Grouped as the guide groups them, by the release that stopped serving them.
const GROUPS: readonly Group[] = [
  // 1.16
  { apiVersion: 'extensions/v1beta1', kinds: ['DaemonSet', 'Deployment', 'ReplicaSet'], deprecatedIn: v(8), removedIn: v(16), replacement: 'apps/v1' },
  { apiVersion: 'extensions/v1beta1', kinds: ['NetworkPolicy'], deprecatedIn: v(9), removedIn: v(16), replacement: 'networking.k8s.io/v1' },
  // Its interim successor, policy/v1beta1, is gone too: point at what replaced both.
  { apiVersion: 'extensions/v1beta1', kinds: ['PodSecurityPolicy'], deprecatedIn: v(11), removedIn: v(16), replacement: { type: 'none', hint: PSP_HINT } },
  { apiVersion: 'apps/v1beta1', kinds: ['Deployment', 'ReplicaSet', 'StatefulSet'], deprecatedIn: v(8), removedIn: v(16), replacement: 'apps/v1' },
  { apiVersion: 'apps/v1beta2', kinds: ['DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'], deprecatedIn: v(9), removedIn: v(16), replacement: 'apps/v1' },
  // 1.22
  {
    apiVersion: 'admissionregistration.k8s.io/v1beta1',
    kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
    deprecatedIn: v(16),
    removedIn: v(22),
    replacement: 'admissionregistration.k8s.io/v1',
  },
  { apiVersion: 'apiextensions.k8s.io/v1beta1', kinds: ['CustomResourceDefinition'], deprecatedIn: v(16), removedIn: v(22), replacement: 'apiextensions.k8s.io/v1' },
  { apiVersion: 'apiregistration.k8s.io/v1beta1', kinds: ['APIService'], deprecatedIn: v(19), removedIn: v(22), replacement: 'apiregistration.k8s.io/v1' },
  { apiVersion: 'authentication.k8s.io/v1beta1', kinds: ['TokenReview'], deprecatedIn: v(19), removedIn: v(22), replacement: 'authentication.k8s.io/v1' },
  {
    apiVersion: 'authorization.k8s.io/v1beta1',
    kinds: ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview'],
    deprecatedIn: v(19),
    removedIn: v(22),
    replacement: 'authorization.k8s.io/v1',
  },
  { apiVersion: 'certificates.k8s.io/v1beta1', kinds: ['CertificateSigningRequest'], deprecatedIn: v(19), removedIn: v(22), replacement: 'certificates.k8s.io/v1' },
  { apiVersion: 'coordination.k8s.io/v1beta1', kinds: ['Lease'], deprecatedIn: v(19), removedIn: v(22), replacement: 'coordination.k8s.io/v1' },
  { apiVersion: 'extensions/v1beta1', kinds: ['Ingress'], deprecatedIn: v(14), removedIn: v(22), replacement: 'networking.k8s.io/v1' },
  { apiVersion: 'networking.k8s.io/v1beta1', kinds: ['Ingress', 'IngressClass'], deprecatedIn: v(19), removedIn: v(22), replacement: 'networking.k8s.io/v1' },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1beta1',
    kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
    deprecatedIn: v(17),
    removedIn: v(22),
    replacement: 'rbac.authorization.k8s.io/v1',
  },
  { apiVersion: 'scheduling.k8s.io/v1beta1', kinds: ['PriorityClass'], deprecatedIn: v(14), removedIn: v(22), replacement: 'scheduling.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSINode'], deprecatedIn: v(17), removedIn: v(22), replacement: 'storage.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIDriver', 'StorageClass', 'VolumeAttachment'], deprecatedIn: v(19), removedIn: v(22), replacement: 'storage.k8s.io/v1' },
  // 1.25
  { apiVersion: 'autoscaling/v2beta1', kinds: ['HorizontalPodAutoscaler'], deprecatedIn: v(22), removedIn: v(25), replacement: 'autoscaling/v2' },
  { apiVersion: 'batch/v1beta1', kinds: ['CronJob'], deprecatedIn: v(21), removedIn: v(25), replacement: 'batch/v1' },
  { apiVersion: 'discovery.k8s.io/v1beta1', kinds: ['EndpointSlice'], deprecatedIn: v(21), removedIn: v(25), replacement: 'discovery.k8s.io/v1' },
  { apiVersion: 'events.k8s.io/v1beta1', kinds: ['Event'], deprecatedIn: v(22), removedIn: v(25), replacement: 'events.k8s.io/v1' },
  { apiVersion: 'node.k8s.io/v1beta1', kinds: ['RuntimeClass'], deprecatedIn: v(22), removedIn: v(25), replacement: 'node.k8s.io/v1' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget'], deprecatedIn: v(21), removedIn: v(25), replacement: 'policy/v1' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'], deprecatedIn: v(21), removedIn: v(25), replacement: { type: 'none', hint: PSP_HINT } },
  // 1.26
  { apiVersion: 'autoscaling/v2beta2', kinds: ['HorizontalPodAutoscaler'], deprecatedIn: v(23), removedIn: v(26), replacement: 'autoscaling/v2' },
  ...flowcontrolBeta('v1beta1', 23, 26),
  // 1.27
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], deprecatedIn: v(24), removedIn: v(27), replacement: 'storage.k8s.io/v1' },
  // 1.29
  ...flowcontrolBeta('v1beta2', 26, 29),
  // 1.32
  ...flowcontrolBeta('v1beta3', 29, 32),
  // 1.33: deprecated, not scheduled for removal.
  { apiVersion: 'v1', kinds: ['Endpoints'], deprecatedIn: v(33), replacement: { type: 'api', apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice' } },
];

export const DEPRECATED_APIS: readonly DeprecatedApi[] = GROUPS.flatMap((group) =>
  group.kinds.map((kind): DeprecatedApi => {
    const replacement: Replacement =
      typeof group.replacement === 'string' ? { type: 'api', apiVersion: group.replacement, kind } : group.replacement;
    const base = { apiVersion: group.apiVersion, kind, deprecatedIn: group.deprecatedIn, replacement };
    return group.removedIn === undefined ? base : { ...base, removedIn: group.removedIn };
  }),
);

const BY_API = new Map(DEPRECATED_APIS.map((api) => [`${api.apiVersion} ${api.kind}`, api]));

/** The table's entry for an object's apiVersion and kind, if that pair was ever deprecated. */
export function findDeprecatedApi(apiVersion: string, kind: string): DeprecatedApi | undefined {
  return BY_API.get(`${apiVersion.trim()} ${kind.trim()}`);
}

/** "migrate to apps/v1 Deployment", or the hint when there is no replacement API. */
export function describeReplacement(replacement: Replacement): string {
  if (replacement.type === 'none') return replacement.hint;
  const to = `migrate to ${replacement.apiVersion} ${replacement.kind}`;
  return replacement.note === undefined ? to : `${to} (${replacement.note})`;
}

// Major and minor (and an ignored patch) of at most three digits each: enough for any release, and it keeps
// "1.2900000000000000001" from becoming a float.
const VERSION = /^v?(\d{1,3})\.(\d{1,3})(?:\.(\d{1,3}))?$/;

/** Reads "1.29", "v1.29" or "1.29.4" (the patch is ignored); undefined for anything else. */
export function parseKubernetesVersion(text: string): KubernetesVersion | undefined {
  const match = VERSION.exec(text.trim());
  if (!match) return undefined;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  return major >= 1 ? { major, minor } : undefined;
}

/** Negative when a is older than b, 0 when the same minor, positive when newer. */
export function compareVersions(a: KubernetesVersion, b: KubernetesVersion): number {
  return a.major !== b.major ? a.major - b.major : a.minor - b.minor;
}

export function formatVersion(version: KubernetesVersion): string {
  return `${version.major}.${version.minor}`;
}
