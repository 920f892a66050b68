// All objects of a scan, indexed for the rules that look across objects (HPA → Deployment,
// NetworkPolicy per namespace, PodDisruptionBudget per workload).

import { effectiveNamespace, type ManifestObject } from './manifest.js';
import { podTemplateOf, type PodTemplate } from './workloads.js';

export class Inventory {
  readonly pods: readonly PodTemplate[];
  private readonly byKind = new Map<string, ManifestObject[]>();
  private readonly byIdentity = new Map<string, ManifestObject>();

  constructor(readonly objects: readonly ManifestObject[]) {
    const pods: PodTemplate[] = [];
    for (const object of objects) {
      const list = this.byKind.get(object.kind);
      if (list) list.push(object);
      else this.byKind.set(object.kind, [object]);
      this.byIdentity.set(identity(object.kind, effectiveNamespace(object), object.name), object);
      const pod = podTemplateOf(object);
      if (pod) pods.push(pod);
    }
    this.pods = pods;
  }

  /** Objects of any of these kinds, in input order (so findings come out in file order). */
  ofKinds(kinds: readonly string[]): readonly ManifestObject[] {
    return this.objects.filter((o) => kinds.includes(o.kind));
  }

  ofKind(kind: string): readonly ManifestObject[] {
    return this.byKind.get(kind) ?? [];
  }

  /**
   * The object of this kind and name in this effective namespace. Objects written without a namespace
   * (namespaced ones left to kubectl, and cluster-scoped ones) are filed under 'default'.
   */
  find(kind: string, namespace: string, name: string): ManifestObject | undefined {
    return this.byIdentity.get(identity(kind, namespace, name));
  }
}

function identity(kind: string, namespace: string, name: string): string {
  return `${kind}\u0000${namespace}\u0000${name}`;
}
