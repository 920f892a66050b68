// Builds normalized cluster models by hand for rule tests, so a rule's logic is tested apart from the
// ARM/Terraform readers (which have their own tests and the per-format fixtures).

import type { AksCluster, Field, Infrastructure, NodePool, SourceLocation } from '../../shared/documents/cluster/model.js';
import { EMPTY_INFRASTRUCTURE } from '../../shared/documents/cluster/model.js';

let line = 1;

/** A location on a new line of `main.json`, so each field of a test model has its own line. */
export function loc(file = 'main.json'): SourceLocation {
  line += 1;
  return { file, region: { startLine: line, startColumn: 5, endLine: line, endColumn: 20 } };
}

export function field<T>(value: T, at: SourceLocation = loc()): Field<T> {
  return { value: { known: true, value }, at };
}

export function unknownField<T>(reason: string, at: SourceLocation = loc()): Field<T> {
  return { value: { known: false, reason }, at };
}

export function nodePool(overrides: Partial<NodePool> = {}): NodePool {
  return { kind: 'node-pool', id: 'pool/system', displayName: 'system', format: 'arm', at: loc(), separate: false, ...overrides };
}

export function cluster(overrides: Partial<AksCluster> = {}): AksCluster {
  return { kind: 'cluster', id: '/providers/Microsoft.ContainerService/managedClusters/aks1', displayName: 'aks1', format: 'arm', at: loc(), addons: {}, nodePools: [], ...overrides };
}

export function infrastructure(overrides: Partial<Infrastructure> = {}): Infrastructure {
  return { ...EMPTY_INFRASTRUCTURE, ...overrides };
}
