// How the Pod Security Standards rules (SEC-7) read security contexts: where a setting is written (on the
// pod or on the container, whose own value overrides the pod's), how a container is named in messages,
// and which existing key to point at when a required setting is missing altogether.

import type { Path } from '../documents/locator.js';
import { at, type ContainerGroup, type ContainerRef, type PodTemplate } from '../documents/workloads.js';

/** A value found in a manifest, with the path (inside the object) it was written at. */
export interface Setting {
  readonly value: unknown;
  readonly path: Path;
}

const GROUP_LABEL: Readonly<Record<ContainerGroup, string>> = {
  initContainers: 'Init container',
  containers: 'Container',
  ephemeralContainers: 'Ephemeral container',
};

/** How messages name the pod itself where they would name a container: `The pod in Deployment shop/api …`. */
export const POD_SUBJECT = 'The pod';

/** `Container "web"`, `Init container "migrate"`: how messages name a container (at the start of a sentence). */
export function containerLabel(container: ContainerRef): string {
  return `${GROUP_LABEL[container.group]} "${container.name}"`;
}

/** `key:` with nothing after it is null in YAML, and Kubernetes treats it as unset. */
function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function found(object: unknown, path: Path): Setting | undefined {
  const value = at(object, path);
  return isSet(value) ? { value, path } : undefined;
}

/** A pod-level `securityContext` setting, e.g. ['runAsNonRoot'] or ['seccompProfile', 'type']. */
export function podSetting(pod: PodTemplate, key: Path): Setting | undefined {
  return found(pod.object.body, [...pod.specPath, 'securityContext', ...key]);
}

/** A container's own `securityContext` setting. */
export function containerSetting(container: ContainerRef, key: Path): Setting | undefined {
  const value = at(container.body, ['securityContext', ...key]);
  return isSet(value) ? { value, path: [...container.path, 'securityContext', ...key] } : undefined;
}

/**
 * The longest prefix of `path` that exists in the object: where a finding about a missing key points
 * (the locator would find the same node, but the pointer and fingerprint should name what exists).
 */
export function nearestExisting(pod: PodTemplate, path: Path): Path {
  for (let length = path.length; length > 0; length -= 1) {
    const prefix = path.slice(0, length);
    if (found(pod.object.body, prefix)) return prefix;
  }
  return [];
}

/** Where a container-level finding about a missing `securityContext` key points. */
export function containerKeyOrNearest(pod: PodTemplate, container: ContainerRef, key: Path): Path {
  return nearestExisting(pod, [...container.path, 'securityContext', ...key]);
}

/** Where a pod-level finding about a missing `securityContext` key points. */
export function podKeyOrNearest(pod: PodTemplate, key: Path): Path {
  return nearestExisting(pod, [...pod.specPath, 'securityContext', ...key]);
}

/**
 * Pods declared to run on Windows (`spec.os.name: windows`). The restricted profile exempts them from
 * its Linux-only controls (privilege escalation, seccomp, capabilities), as the API forbids those fields there.
 */
export function isWindowsPod(pod: PodTemplate): boolean {
  return at(pod.spec, ['os', 'name']) === 'windows';
}

/** A pod in its own user namespace (`hostUsers: false`): UID 0 inside it maps to an unprivileged user on the node. */
export function usesUserNamespace(pod: PodTemplate): boolean {
  return pod.spec.hostUsers === false;
}

/** The items of a list field, or none when it is missing or not a list. */
export function listAt(object: unknown, path: Path): readonly unknown[] {
  const value = at(object, path);
  return Array.isArray(value) ? value : [];
}
