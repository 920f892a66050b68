// What rules may know of the configuration: a narrow, typed view, so a rule stays a pure function.

import { KUBERNETES_VERSIONS_NEWEST, type KubernetesVersion } from './data/kubernetes-apis.js';

export interface RuleSettings {
  /** The Kubernetes version the manifests are deployed to, for API removal checks. */
  readonly kubernetesVersion: KubernetesVersion;
  /** Where that version came from: the user, or the newest version aks-gate knows. */
  readonly kubernetesVersionSource: 'configured' | 'newest-known';
  /** Registry patterns images must come from (e.g. `*.azurecr.io`); empty = any registry. */
  readonly allowedRegistries: readonly string[];
}

export const DEFAULT_RULE_SETTINGS: RuleSettings = {
  kubernetesVersion: KUBERNETES_VERSIONS_NEWEST,
  kubernetesVersionSource: 'newest-known',
  allowedRegistries: [],
};
