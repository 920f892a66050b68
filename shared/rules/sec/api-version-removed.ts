import {
  compareVersions,
  describeReplacement,
  findDeprecatedApi,
  formatVersion,
  KUBERNETES_APIS_SOURCE,
} from '../data/kubernetes-apis.js';
import { defineRule } from '../define-rule.js';
import type { RuleSettings } from '../settings.js';

const VERSION_FLAG = '--kubernetes-version';

export default defineRule({
  id: 'api-version-removed',
  checklist: 'SEC-5',
  title: 'Manifests use no API version removed or deprecated in the target Kubernetes version',
  severity: 'error',
  evidence: ['workload'],
  target: 'object',
  kinds: '*',
  messages: {
    removed: '{{object}} uses {{apiVersion}} {{kind}}, which Kubernetes stopped serving in {{removedIn}} ({{target}}); {{replacement}}.',
    deprecated: '{{object}} uses {{apiVersion}} {{kind}}, deprecated since Kubernetes {{deprecatedIn}}{{removal}} ({{target}}); {{replacement}}.',
  },
  help:
    'Kubernetes deprecates beta API versions when a newer version of the same API ships, and stops serving them a few ' +
    'releases later. A manifest that still names a removed `apiVersion` (e.g. `extensions/v1beta1` Ingress, `policy/v1beta1` ' +
    'PodSecurityPolicy or PodDisruptionBudget, `autoscaling/v2beta2` HorizontalPodAutoscaler) is rejected by the API server of ' +
    'the target version, so the deployment fails, and AKS blocks a minor upgrade while such APIs are in use. A deprecated ' +
    'version still works but will break on a coming upgrade. The target is the cluster\'s Kubernetes version; without one ' +
    `the newest release aks-gate knows is assumed. The table follows ${KUBERNETES_APIS_SOURCE}.`,
  remediation:
    'Change `apiVersion` to the replacement the finding names and adapt the fields that changed between the versions ' +
    '(`kubectl convert` can do most of it). PodSecurityPolicy has no replacement API: label namespaces for Pod Security ' +
    `Admission or use Azure Policy instead. Pass the cluster's version with ${VERSION_FLAG} so the check matches the target.`,
  references: [
    'https://kubernetes.io/docs/reference/using-api/deprecation-guide/',
    'https://learn.microsoft.com/azure/aks/stop-cluster-upgrade-api-breaking-changes',
    'https://kubernetes.io/docs/tasks/configure-pod-container/migrate-from-psp/',
  ],
  check(object, report, settings) {
    const api = findDeprecatedApi(object.apiVersion, object.kind);
    if (!api) return;
    const target = settings.kubernetesVersion;
    if (compareVersions(target, api.deprecatedIn) < 0) return;
    const data = {
      apiVersion: api.apiVersion,
      kind: api.kind,
      deprecatedIn: formatVersion(api.deprecatedIn),
      replacement: describeReplacement(api.replacement),
      target: describeTarget(settings),
    };
    if (api.removedIn !== undefined && compareVersions(target, api.removedIn) >= 0) {
      report({ messageId: 'removed', path: ['apiVersion'], data: { ...data, removedIn: formatVersion(api.removedIn) } });
      return;
    }
    const removal = api.removedIn === undefined ? '' : `, no longer served from ${formatVersion(api.removedIn)}`;
    report({ messageId: 'deprecated', path: ['apiVersion'], level: 'warning', data: { ...data, removal } });
  },
});

/** Says which target was checked, and that it was a guess when the user gave none. */
function describeTarget(settings: RuleSettings): string {
  const version = formatVersion(settings.kubernetesVersion);
  switch (settings.kubernetesVersionSource) {
    case 'configured':
      return `target Kubernetes ${version}`;
    case 'cluster-definition':
      return `target Kubernetes ${version}, the version of cluster ${settings.kubernetesVersionFrom ?? 'in the inputs'}`;
    case 'newest-known':
      return `no target version was given, so the newest known, ${version}, was assumed; set it with ${VERSION_FLAG}`;
  }
}
