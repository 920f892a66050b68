import { effectiveNamespace, isRecord, type ManifestObject } from '../../documents/manifest.js';
import { podTemplateOf } from '../../documents/workloads.js';
import { defineRule } from '../define-rule.js';
import { autoscalerIndex } from './autoscaler-targets.js';
import { selects } from './label-selector.js';
import { MIN_RESILIENT_REPLICAS, REPLICATED_KINDS, replicasOf } from './replicas.js';

const PDB_KIND = 'PodDisruptionBudget';
/** policy/v1beta1 (removed in 1.25) read an empty selector as "no pods"; policy/v1 reads it as "every pod in the namespace". */
const LEGACY_PDB_API = 'policy/v1beta1';

export default defineRule({
  id: 'workload-disruption-budget',
  checklist: 'HA-4',
  title: 'Multi-replica workloads have a PodDisruptionBudget',
  severity: 'warning',
  evidence: ['workload', 'live'],
  target: 'inventory',
  subjects: 'Deployments, StatefulSets, ReplicaSets or ReplicationControllers',
  messages: {
    missing: '{{object}} runs several replicas but no PodDisruptionBudget in its namespace selects its pods.',
  },
  help:
    'AKS drains nodes during upgrades, node image updates and scale-down; without a PodDisruptionBudget a drain may evict ' +
    'every replica of a workload at once, and the replicas that were meant to keep it available go down together. A ' +
    'workload counts as multi-replica when it sets `replicas` to 2 or more or an autoscaler scales it. The budget must be ' +
    'in the same namespace and its `spec.selector` (matchLabels and matchExpressions) must select the pod template\'s labels.',
  remediation:
    'Add a PodDisruptionBudget (policy/v1) in the workload\'s namespace whose selector matches the pod template labels, with ' +
    '`minAvailable` or `maxUnavailable` that still lets one pod be evicted at a time (a budget that allows no eviction blocks ' +
    'node upgrades).',
  references: [
    'https://learn.microsoft.com/azure/aks/operator-best-practices-scheduler',
    'https://kubernetes.io/docs/tasks/run-application/configure-pdb/',
  ],
  check(inventory, report) {
    // In input order, so that findings follow the files.
    const workloads = inventory.objects.filter((object) => REPLICATED_KINDS.includes(object.kind));
    const autoscalers = autoscalerIndex(inventory);
    const budgets = inventory.ofKind(PDB_KIND);
    for (const workload of workloads) {
      const multiReplica = autoscalers.of(workload).length > 0 || (replicasOf(workload)?.count ?? 0) >= MIN_RESILIENT_REPLICAS;
      if (!multiReplica) continue;
      const labels = podTemplateOf(workload)?.metadata.labels;
      const podLabels = isRecord(labels) ? labels : {};
      if (!budgets.some((budget) => protects(budget, workload, podLabels))) report({ object: workload, messageId: 'missing' });
    }
    return workloads.length > 0;
  },
});

function protects(budget: ManifestObject, workload: ManifestObject, podLabels: Readonly<Record<string, unknown>>): boolean {
  if (effectiveNamespace(budget) !== effectiveNamespace(workload)) return false;
  const spec = isRecord(budget.body.spec) ? budget.body.spec : {};
  return selects(spec.selector, podLabels, budget.apiVersion !== LEGACY_PDB_API);
}
