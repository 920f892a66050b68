// The allow-lists of the Kubernetes Pod Security Standards, as the Pod Security admission controller
// (k8s.io/pod-security-admission/policy) enforces them. Some lists grew with Kubernetes versions: a
// sysctl only became safe once the kubelet namespaced it, so the list depends on the target version.

import type { KubernetesVersion } from './kubernetes-apis.js';

/** Baseline: capabilities a container may add (the container runtime's default set). */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** Restricted: the one capability a container may add back after dropping ALL. */
export const RESTRICTED_ADDABLE_CAPABILITY = 'NET_BIND_SERVICE';

/** Restricted: what `capabilities.drop` must contain (compared exactly, as admission does). */
export const DROP_ALL = 'ALL';

interface Versioned {
  readonly since: number;
  readonly names: readonly string[];
}

/** Baseline: sysctls a pod may set, by the Kubernetes minor version that made them safe. */
const SAFE_SYSCTLS: readonly Versioned[] = [
  {
    since: 0,
    names: ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range'],
  },
  { since: 27, names: ['net.ipv4.ip_local_reserved_ports'] },
  { since: 29, names: ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'] },
  { since: 32, names: ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'] },
  { since: 37, names: ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'] },
];

/** Baseline: SELinux types a pod or container may ask for ('' is the runtime's default). */
const SELINUX_TYPES: readonly Versioned[] = [
  { since: 0, names: ['', 'container_t', 'container_init_t', 'container_kvm_t'] },
  { since: 31, names: ['container_engine_t'] },
];

/** Whether the target version is 1.`minor` or later (a Kubernetes 2.x would keep everything 1.x allowed). */
export function atLeast(version: KubernetesVersion, minor: number): boolean {
  return version.major > 1 || (version.major === 1 && version.minor >= minor);
}

function allowedIn(lists: readonly Versioned[], version: KubernetesVersion): ReadonlySet<string> {
  return new Set(lists.filter((list) => atLeast(version, list.since)).flatMap((list) => list.names));
}

/**
 * From policy version 1.35, a pod in its own user namespace (`hostUsers: false`) is exempt from the restricted
 * runAsNonRoot and runAsUser checks and from the baseline /proc mount check: root inside it is not root on the node.
 */
export const USER_NAMESPACE_RELAXATION_SINCE = 35;

export function safeSysctls(version: KubernetesVersion): ReadonlySet<string> {
  return allowedIn(SAFE_SYSCTLS, version);
}

export function allowedSeLinuxTypes(version: KubernetesVersion): ReadonlySet<string> {
  return allowedIn(SELINUX_TYPES, version);
}

/**
 * Restricted: the inline volume sources a pod may use; everything else must come through a PersistentVolumeClaim.
 * `image` (an OCI image mounted read-only) was added in Kubernetes 1.33 to every policy version.
 */
export const RESTRICTED_VOLUME_SOURCES: ReadonlySet<string> = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

/** Seccomp and AppArmor profile types (securityContext fields). */
export const PROFILE = { runtimeDefault: 'RuntimeDefault', localhost: 'Localhost', unconfined: 'Unconfined' } as const;

/** The legacy per-container AppArmor annotation (still honoured) and the values baseline allows in it. */
export const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
export const APPARMOR_RUNTIME_DEFAULT = 'runtime/default';
export const APPARMOR_LOCALHOST_PREFIX = 'localhost/';

/** Baseline: the only /proc mount type allowed (Unmasked exposes the host's /proc paths). */
export const DEFAULT_PROC_MOUNT = 'Default';
