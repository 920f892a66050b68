import { defineRule } from '../define-rule.js';
import { autoscalerIndex } from './autoscaler-targets.js';

/** The kinds the checklist wants autoscaled; DaemonSets follow the nodes, Jobs run to completion. */
const AUTOSCALED_KINDS = ['Deployment', 'StatefulSet'];

export default defineRule({
  id: 'workload-autoscaled',
  checklist: 'HA-4',
  title: 'Deployments and StatefulSets are scaled by a HorizontalPodAutoscaler or KEDA',
  severity: 'warning',
  evidence: ['workload', 'live'],
  target: 'inventory',
  subjects: 'Deployments or StatefulSets',
  messages: {
    notAutoscaled: '{{object}} is not the target of any HorizontalPodAutoscaler or KEDA ScaledObject in the inputs.',
  },
  help:
    'A workload with a fixed replica count cannot follow its load: it is either paid for at peak all day or overloaded at peak. ' +
    'A `HorizontalPodAutoscaler` (any `autoscaling/` version) or a KEDA `ScaledObject` (`keda.sh`) adds and removes pods as the ' +
    'load changes, and the cluster autoscaler adds nodes for them. A workload counts as autoscaled when an autoscaler in the same ' +
    'namespace names it in `spec.scaleTargetRef` (kind and name; a ScaledObject\'s kind defaults to `Deployment`).',
  remediation:
    'Add a HorizontalPodAutoscaler (autoscaling/v2) in the same namespace whose `scaleTargetRef` names the workload\'s kind and name, ' +
    'or a KEDA ScaledObject when it scales on events such as queue length. Give its containers CPU and memory requests so that ' +
    'utilization can be computed.',
  references: [
    'https://learn.microsoft.com/azure/aks/concepts-scale',
    'https://learn.microsoft.com/azure/aks/keda-about',
    'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/',
  ],
  check(inventory, report) {
    // In input order, so that findings follow the files.
    const workloads = inventory.objects.filter((object) => AUTOSCALED_KINDS.includes(object.kind));
    const autoscalers = autoscalerIndex(inventory);
    for (const workload of workloads) {
      if (autoscalers.of(workload).length === 0) report({ object: workload, messageId: 'notAutoscaled' });
    }
    return workloads.length > 0;
  },
});
