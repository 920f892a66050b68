import { defineRule } from '../define-rule.js';
import { autoscalerIndex } from './autoscaler-targets.js';
import { existingPath } from './existing-path.js';

export default defineRule({
  id: 'hpa-target-exists',
  checklist: 'HA-4',
  title: 'Every autoscaler targets a workload in the inputs',
  severity: 'warning',
  evidence: ['workload', 'live'],
  target: 'inventory',
  subjects: 'HorizontalPodAutoscalers or KEDA ScaledObjects',
  messages: {
    missingTarget: '{{object}} scales {{target}}, which is not in the inputs.',
    noTarget: '{{object}} names no workload to scale in spec.scaleTargetRef.',
  },
  help:
    'An autoscaler whose `scaleTargetRef` names a workload that does not exist scales nothing: a renamed Deployment, a typo, ' +
    'or an autoscaler in another namespace than its workload (the target is always looked up in the autoscaler\'s own ' +
    'namespace) leaves the workload at a fixed size while the manifests look autoscaled. When the workload is deployed from ' +
    'another repository, scan both together.',
  remediation:
    'Make `spec.scaleTargetRef` name the kind and name of the workload exactly as written in its manifest, and put the ' +
    'autoscaler in the same namespace as the workload.',
  references: [
    'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/',
    'https://learn.microsoft.com/azure/aks/keda-about',
  ],
  check(inventory, report) {
    const { all } = autoscalerIndex(inventory);
    for (const { object, target } of all) {
      if (target === undefined) {
        report({ object, messageId: 'noTarget', path: existingPath(object.body, ['spec', 'scaleTargetRef']) });
      } else if (inventory.find(target.kind, target.namespace, target.name) === undefined) {
        report({
          object,
          messageId: 'missingTarget',
          data: { target: `${target.kind} ${target.namespace}/${target.name}` },
          path: ['spec', 'scaleTargetRef', 'name'],
        });
      }
    }
    return all.length > 0;
  },
});
