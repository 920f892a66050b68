// What rules may know of the configuration: a narrow, typed view, so a rule stays a pure function.

import { EMPTY_INFRASTRUCTURE, type Infrastructure } from '../documents/cluster/model.js';
import { KUBERNETES_VERSIONS_NEWEST, type KubernetesVersion } from './data/kubernetes-apis.js';

export interface RuleSettings {
  /** The Kubernetes version the manifests are deployed to, for API removal checks. */
  readonly kubernetesVersion: KubernetesVersion;
  /** Where that version came from: the user, the cluster definition in the inputs, or the newest version aks-gate knows. */
  readonly kubernetesVersionSource: 'configured' | 'cluster-definition' | 'newest-known';
  /** Which cluster definition gave the version, for messages (`aks1`). */
  readonly kubernetesVersionFrom?: string;
  /** The cluster definitions in the inputs, for workload rules that meet cluster evidence (an AGIC Ingress needs the add-on). */
  readonly infrastructure: Infrastructure;
  /** Registry patterns images must come from (e.g. `*.azurecr.io`); empty = any registry. */
  readonly allowedRegistries: readonly string[];
}

export const DEFAULT_RULE_SETTINGS: RuleSettings = {
  kubernetesVersion: KUBERNETES_VERSIONS_NEWEST,
  kubernetesVersionSource: 'newest-known',
  allowedRegistries: [],
  infrastructure: EMPTY_INFRASTRUCTURE,
};
