import { describe, effectiveNamespace } from '../../documents/manifest.js';
import { defineRule } from '../define-rule.js';
import { autoscalerIndex } from './autoscaler-targets.js';
import { hasRequest, limitRangeDefaults, type Resource } from './container-resources.js';
import { existingPath } from './existing-path.js';

const RESOURCES: readonly Resource[] = ['cpu', 'memory'];

export default defineRule({
  id: 'container-resource-requests',
  checklist: 'HA-4',
  title: 'Containers request CPU and memory',
  severity: 'error',
  // Missing requests break autoscaling and scheduling, an availability risk rather than an intrusion path.
  securitySeverity: 5.0,
  evidence: ['workload', 'live'],
  target: 'inventory',
  subjects: 'workloads (Pods, Deployments, StatefulSets, DaemonSets, Jobs, CronJobs)',
  messages: {
    missing: 'Container "{{container}}" in {{object}} requests no {{resources}}.',
    missingAutoscaled:
      'Container "{{container}}" in {{object}} requests no {{resources}}, so {{autoscaler}} cannot compute its utilization.',
  },
  help:
    'The scheduler places pods by their CPU and memory requests; a pod without them can land on a node that has no room ' +
    'for it and is the first to be evicted under pressure. A HorizontalPodAutoscaler (and KEDA\'s CPU and memory triggers) ' +
    'measures utilization as a percentage of the request, so a scaled workload whose containers request nothing does not ' +
    'scale at all: that case is an error, every other one a warning. A limit without a request counts (Kubernetes copies it ' +
    'into the request), and so does a default from a `LimitRange` of type `Container` in the same namespace. Init containers ' +
    'are checked too, at warning level, since the autoscaler does not count them; ephemeral containers cannot have resources.',
  remediation:
    'Set `resources.requests.cpu` and `resources.requests.memory` on every container, sized from observed usage, or give the ' +
    'namespace a LimitRange with `defaultRequest` values.',
  references: [
    'https://learn.microsoft.com/azure/aks/developer-best-practices-resource-management',
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/',
  ],
  check(inventory, report) {
    const autoscalers = autoscalerIndex(inventory);
    const defaultsIn = limitRangeDefaults(inventory);
    for (const pod of inventory.pods) {
      const scaler = autoscalers.of(pod.object)[0];
      const defaults = defaultsIn(effectiveNamespace(pod.object));
      for (const container of pod.containers) {
        if (container.group === 'ephemeralContainers') continue;
        const missing = RESOURCES.filter((resource) => !hasRequest(container, resource, defaults));
        if (missing.length === 0) continue;
        const path = existingPath(pod.object.body, [...container.path, 'resources', 'requests']);
        const data = { container: container.name, resources: missing.join(' or ') };
        // The autoscaler sums the requests of the regular containers only; an init container's do not count.
        if (scaler && container.group === 'containers') {
          report({ object: pod.object, messageId: 'missingAutoscaled', data: { ...data, autoscaler: describe(scaler.object) }, path });
        } else {
          report({ object: pod.object, messageId: 'missing', data, path, level: 'warning' });
        }
      }
    }
    return inventory.pods.length > 0;
  },
});
