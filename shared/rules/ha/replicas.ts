// The replica count a workload asks for, read as the API server reads it.

import { isRecord, type ManifestObject } from '../../documents/manifest.js';

/** Kinds that keep `spec.replicas` copies of one pod template. */
export const REPLICATED_KINDS = ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'];
/** What the API server fills in when `spec.replicas` is left out. */
export const DEFAULT_REPLICAS = 1;
/** The fewest pods that survive losing one pod or one node. */
export const MIN_RESILIENT_REPLICAS = 2;

export type Replicas = { readonly written: boolean; readonly count: number } | undefined;

/** `spec.replicas`, or the default when unset; undefined when it is not an integer aks-gate can read. */
export function replicasOf(workload: ManifestObject): Replicas {
  const spec = isRecord(workload.body.spec) ? workload.body.spec : {};
  const value = spec.replicas;
  if (value === undefined || value === null) return { written: false, count: DEFAULT_REPLICAS };
  return Number.isInteger(value) ? { written: true, count: value as number } : undefined;
}
