import { effectiveNamespace } from '../../documents/manifest.js';
import { defineRule } from '../define-rule.js';
import { hasLimit, limitRangeDefaults } from './container-resources.js';
import { existingPath } from './existing-path.js';

export default defineRule({
  id: 'container-memory-limit',
  checklist: 'HA-4',
  title: 'Containers set a memory limit',
  severity: 'warning',
  evidence: ['workload', 'live'],
  target: 'inventory',
  subjects: 'workloads (Pods, Deployments, StatefulSets, DaemonSets, Jobs, CronJobs)',
  messages: {
    missing: 'Container "{{container}}" in {{object}} sets no memory limit.',
  },
  help:
    'Memory cannot be throttled: a container without a memory limit that leaks or spikes takes the node\'s memory from every ' +
    'other pod until the kernel kills something, often a neighbour rather than the culprit. A limit makes the culprit the one ' +
    'that is restarted. A default from a `LimitRange` of type `Container` in the same namespace counts. Regular and init ' +
    'containers are checked; ephemeral containers cannot have resources.',
  remediation:
    'Set `resources.limits.memory` on every container (commonly equal to, or a little above, the memory request), or give the ' +
    'namespace a LimitRange with a `default` memory limit.',
  references: [
    'https://learn.microsoft.com/azure/aks/developer-best-practices-resource-management',
    'https://learn.microsoft.com/azure/aks/best-practices-app-cluster-reliability',
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
  ],
  check(inventory, report) {
    const defaultsIn = limitRangeDefaults(inventory);
    for (const pod of inventory.pods) {
      const defaults = defaultsIn(effectiveNamespace(pod.object));
      for (const container of pod.containers) {
        if (container.group === 'ephemeralContainers' || hasLimit(container, 'memory', defaults)) continue;
        report({
          object: pod.object,
          messageId: 'missing',
          data: { container: container.name },
          path: existingPath(pod.object.body, [...container.path, 'resources', 'limits']),
        });
      }
    }
    return inventory.pods.length > 0;
  },
});
