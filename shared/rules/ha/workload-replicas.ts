import { describe } from '../../documents/manifest.js';
import { defineRule } from '../define-rule.js';
import { autoscalerIndex } from './autoscaler-targets.js';
import { existingPath } from './existing-path.js';
import { MIN_RESILIENT_REPLICAS, REPLICATED_KINDS, replicasOf } from './replicas.js';

export default defineRule({
  id: 'workload-replicas',
  checklist: 'HA-4',
  title: 'Workloads run at least two replicas',
  severity: 'warning',
  evidence: ['workload', 'live'],
  target: 'inventory',
  subjects: 'Deployments, StatefulSets, ReplicaSets or ReplicationControllers',
  messages: {
    unset: '{{object}} does not set replicas, so it runs a single pod.',
    tooFew: '{{object}} runs {{replicas}} replica(s); at least 2 are needed to survive losing a pod or a node.',
    autoscalerMin: '{{object}} lets {{workload}} scale down to {{replicas}} replica(s); set the minimum to at least 2.',
  },
  help:
    'A single pod is a single point of failure: a node upgrade, a node failure or an eviction takes the workload down until ' +
    'the pod is rescheduled and ready again. When an autoscaler scales the workload, its minimum decides (a ' +
    'HorizontalPodAutoscaler\'s `minReplicas`, default 1; a KEDA ScaledObject\'s `minReplicaCount`, default 0) and the ' +
    'finding is reported on the autoscaler; otherwise `spec.replicas` decides, and leaving it out means 1.',
  remediation:
    'Set `spec.replicas` to 2 or more, or, when an autoscaler scales the workload, set its `minReplicas` (`minReplicaCount` ' +
    'for KEDA) to 2 or more; spread the replicas over nodes and zones with topology spread constraints.',
  references: [
    'https://learn.microsoft.com/azure/aks/best-practices-app-cluster-reliability',
    'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/',
  ],
  check(inventory, report) {
    // In input order, so that findings follow the files.
    const workloads = inventory.objects.filter((object) => REPLICATED_KINDS.includes(object.kind));
    const autoscalers = autoscalerIndex(inventory);
    for (const workload of workloads) {
      const scalers = autoscalers.of(workload);
      if (scalers.length > 0) {
        // The autoscaler owns the replica count; spec.replicas only matters until it first acts.
        for (const { object, minReplicas, minReplicasPath } of scalers) {
          if (minReplicas === undefined || minReplicas >= MIN_RESILIENT_REPLICAS) continue;
          report({ object, messageId: 'autoscalerMin', data: { workload: describe(workload), replicas: minReplicas }, path: minReplicasPath });
        }
        continue;
      }
      const replicas = replicasOf(workload);
      if (replicas === undefined || replicas.count >= MIN_RESILIENT_REPLICAS) continue;
      if (replicas.written) report({ object: workload, messageId: 'tooFew', data: { replicas: replicas.count }, path: ['spec', 'replicas'] });
      else report({ object: workload, messageId: 'unset', path: existingPath(workload.body, ['spec', 'replicas']) });
    }
    return workloads.length > 0;
  },
});
