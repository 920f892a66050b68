// Whether a container ends up with a request or a limit for a resource: written on the container, or
// filled in at admission by Kubernetes itself (a limit without a request becomes the request) or by a
// LimitRange in its namespace. A rule that ignored those would flag teams that set defaults once per namespace.

import type { Inventory } from '../../documents/inventory.js';
import { effectiveNamespace, isRecord } from '../../documents/manifest.js';
import type { ContainerRef } from '../../documents/workloads.js';

export type Resource = 'cpu' | 'memory';

interface NamespaceDefaults {
  readonly requests: ReadonlySet<string>;
  readonly limits: ReadonlySet<string>;
}

const NO_DEFAULTS: NamespaceDefaults = { requests: new Set(), limits: new Set() };
const LIMIT_RANGE = 'LimitRange';
const CONTAINER_LIMITS = 'Container';

/** Resources that LimitRanges give every container of each namespace that leaves them out. */
export function limitRangeDefaults(inventory: Inventory): (namespace: string) => NamespaceDefaults {
  const byNamespace = new Map<string, { requests: Set<string>; limits: Set<string> }>();
  for (const range of inventory.ofKind(LIMIT_RANGE)) {
    const spec = isRecord(range.body.spec) ? range.body.spec : {};
    const items = Array.isArray(spec.limits) ? spec.limits : [];
    const namespace = effectiveNamespace(range);
    const entry = byNamespace.get(namespace) ?? { requests: new Set<string>(), limits: new Set<string>() };
    for (const item of items) {
      if (!isRecord(item) || item.type !== CONTAINER_LIMITS) continue;
      // The API's own defaulting: a default limit falls back to max; a default request to the default limit, then to min.
      const limitSources = [item.default, item.max];
      const requestSources = [item.defaultRequest, item.default, item.max, item.min];
      for (const source of limitSources) for (const key of keysOf(source)) entry.limits.add(key);
      for (const source of requestSources) for (const key of keysOf(source)) entry.requests.add(key);
    }
    byNamespace.set(namespace, entry);
  }
  return (namespace) => byNamespace.get(namespace) ?? NO_DEFAULTS;
}

export function hasRequest(container: ContainerRef, resource: Resource, defaults: NamespaceDefaults): boolean {
  // Kubernetes copies a limit into a missing request, so a limit alone is a request too.
  return isSet(container, 'requests', resource) || isSet(container, 'limits', resource) || defaults.requests.has(resource);
}

export function hasLimit(container: ContainerRef, resource: Resource, defaults: NamespaceDefaults): boolean {
  return isSet(container, 'limits', resource) || defaults.limits.has(resource);
}

function isSet(container: ContainerRef, kind: 'requests' | 'limits', resource: Resource): boolean {
  const resources = isRecord(container.body.resources) ? container.body.resources : {};
  const list = isRecord(resources[kind]) ? resources[kind] : {};
  const value = list[resource];
  return value !== undefined && value !== null && value !== '';
}

function keysOf(value: unknown): string[] {
  return isRecord(value) ? Object.keys(value).filter((k) => value[k] !== null && value[k] !== undefined) : [];
}
