// Which workloads a HorizontalPodAutoscaler or a KEDA ScaledObject scales, and how far down it may
// scale them: one reading of both kinds for every rule that asks "is this workload autoscaled?".

import type { Path } from '../../documents/locator.js';
import type { Inventory } from '../../documents/inventory.js';
import { effectiveNamespace, isRecord, type ManifestObject } from '../../documents/manifest.js';

const HPA_KIND = 'HorizontalPodAutoscaler';
/** autoscaling/v1, v2 and the removed v2beta1/v2beta2 all spell the target the same way. */
const HPA_GROUP = 'autoscaling/';
const KEDA_KIND = 'ScaledObject';
const KEDA_GROUP = 'keda.sh/';
/** KEDA's default target kind; its own examples write it in lower case (`kind: deployment`), which KEDA accepts. */
const KEDA_DEFAULT_KIND = 'Deployment';
const KEDA_CANONICAL_KINDS = ['Deployment', 'StatefulSet'];
/** The API defaults: an HPA keeps at least one pod, a ScaledObject may scale to zero. */
const HPA_DEFAULT_MIN = 1;
const KEDA_DEFAULT_MIN = 0;

export interface Autoscaler {
  /** The HorizontalPodAutoscaler or ScaledObject. */
  readonly object: ManifestObject;
  /** Undefined when scaleTargetRef names nothing. */
  readonly target: { readonly kind: string; readonly name: string; readonly namespace: string } | undefined;
  /** The fewest replicas it keeps; undefined when the value is not a number aks-gate can read. */
  readonly minReplicas: number | undefined;
  /** Where that minimum is written, or the nearest parent when it is left to the default. */
  readonly minReplicasPath: Path;
}

export interface AutoscalerIndex {
  readonly all: readonly Autoscaler[];
  /** The autoscalers that target this workload (same kind, name and effective namespace). */
  of(workload: ManifestObject): readonly Autoscaler[];
}

// Several rules ask the same inventory; read it once per scan.
const cache = new WeakMap<Inventory, AutoscalerIndex>();

export function autoscalerIndex(inventory: Inventory): AutoscalerIndex {
  const cached = cache.get(inventory);
  if (cached) return cached;
  // In input order, so that findings follow the files.
  const all = inventory.objects
    .map(readAutoscaler)
    .filter((a): a is Autoscaler => a !== undefined);
  const byTarget = new Map<string, Autoscaler[]>();
  for (const autoscaler of all) {
    if (!autoscaler.target) continue;
    const key = targetKey(autoscaler.target.kind, autoscaler.target.namespace, autoscaler.target.name);
    byTarget.set(key, [...(byTarget.get(key) ?? []), autoscaler]);
  }
  const index: AutoscalerIndex = {
    all,
    of: (workload) => byTarget.get(targetKey(workload.kind, effectiveNamespace(workload), workload.name)) ?? [],
  };
  cache.set(inventory, index);
  return index;
}

function readAutoscaler(object: ManifestObject): Autoscaler | undefined {
  const spec = isRecord(object.body.spec) ? object.body.spec : {};
  const ref = isRecord(spec.scaleTargetRef) ? spec.scaleTargetRef : {};
  const name = typeof ref.name === 'string' && ref.name !== '' ? ref.name : undefined;
  const namespace = effectiveNamespace(object);
  if (object.kind === HPA_KIND && object.apiVersion.startsWith(HPA_GROUP)) {
    const kind = typeof ref.kind === 'string' ? ref.kind : undefined;
    return {
      object,
      target: kind !== undefined && name !== undefined ? { kind, name, namespace } : undefined,
      ...minimum(spec, 'minReplicas', HPA_DEFAULT_MIN),
    };
  }
  if (object.kind === KEDA_KIND && object.apiVersion.startsWith(KEDA_GROUP)) {
    const written = typeof ref.kind === 'string' && ref.kind !== '' ? ref.kind : KEDA_DEFAULT_KIND;
    const kind = KEDA_CANONICAL_KINDS.find((k) => k.toLowerCase() === written.toLowerCase()) ?? written;
    return {
      object,
      target: name !== undefined ? { kind, name, namespace } : undefined,
      ...minimum(spec, 'minReplicaCount', KEDA_DEFAULT_MIN),
    };
  }
  return undefined; // same kind name from another API group: not an autoscaler we know
}

function minimum(spec: Readonly<Record<string, unknown>>, key: string, fallback: number): Pick<Autoscaler, 'minReplicas' | 'minReplicasPath'> {
  const value = spec[key];
  // An empty value (a Helm value left unset) is null, which the API server defaults like an absent key.
  if (value === undefined || value === null) return { minReplicas: fallback, minReplicasPath: value === null ? ['spec', key] : ['spec'] };
  return { minReplicas: Number.isInteger(value) ? (value as number) : undefined, minReplicasPath: ['spec', key] };
}

function targetKey(kind: string, namespace: string, name: string): string {
  return `${kind}\u0000${namespace}\u0000${name}`;
}
