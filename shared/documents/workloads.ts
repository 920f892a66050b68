// Every kind that runs pods carries a pod template somewhere different; this finds it, so that rules
// about pods and containers are written once and apply to Pods, Deployments, CronJobs and the rest.

import { isRecord, type ManifestObject } from './manifest.js';
import type { Path } from './locator.js';

/** Where each workload kind keeps its pod spec. */
export const POD_SPEC_PATHS: Readonly<Record<string, Path>> = {
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
};

export const CONTAINER_GROUPS = ['initContainers', 'containers', 'ephemeralContainers'] as const;
export type ContainerGroup = (typeof CONTAINER_GROUPS)[number];

export interface ContainerRef {
  readonly name: string;
  readonly group: ContainerGroup;
  readonly body: Readonly<Record<string, unknown>>;
  /** Path of the container inside its object. */
  readonly path: Path;
}

export interface PodTemplate {
  readonly object: ManifestObject;
  /** Path of the pod spec inside the object. */
  readonly specPath: Path;
  readonly spec: Readonly<Record<string, unknown>>;
  /** The pod template's own metadata (labels, annotations); the object's for a bare Pod. */
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly metadataPath: Path;
  readonly containers: readonly ContainerRef[];
}

export function podTemplateOf(object: ManifestObject): PodTemplate | undefined {
  const specPath = POD_SPEC_PATHS[object.kind];
  if (specPath === undefined) return undefined;
  const spec = at(object.body, specPath);
  if (!isRecord(spec)) return undefined;
  const metadataPath = [...specPath.slice(0, -1), 'metadata'];
  const metadata = at(object.body, metadataPath);
  const containers: ContainerRef[] = [];
  for (const group of CONTAINER_GROUPS) {
    const list = spec[group];
    if (!Array.isArray(list)) continue;
    list.forEach((body: unknown, i) => {
      if (!isRecord(body)) return;
      containers.push({ name: typeof body.name === 'string' ? body.name : `#${i + 1}`, group, body, path: [...specPath, group, i] });
    });
  }
  return { object, specPath, spec, metadata: isRecord(metadata) ? metadata : {}, metadataPath, containers };
}

/** The value at a path, or undefined. */
export function at(value: unknown, path: Path): unknown {
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment] as unknown;
    else if (isRecord(current) && typeof segment === 'string') current = current[segment];
    else return undefined;
  }
  return current;
}
