import { podTemplateOf } from '../../documents/workloads.js';
import { defineRule } from '../define-rule.js';

/** Kinds whose pods are meant to run until replaced; a Job's or a bare Pod's are not kept alive or load-balanced the same way. */
const LONG_RUNNING_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController'];

export default defineRule({
  id: 'container-probes',
  checklist: 'HA-4',
  title: 'Long-running containers have readiness and liveness probes',
  severity: 'warning',
  evidence: ['workload', 'live'],
  target: 'object',
  kinds: LONG_RUNNING_KINDS,
  messages: {
    none: 'Container "{{container}}" in {{object}} has neither a readiness nor a liveness probe.',
    readiness: 'Container "{{container}}" in {{object}} has no readiness probe.',
    liveness: 'Container "{{container}}" in {{object}} has no liveness probe.',
  },
  help:
    'Without a readiness probe a pod receives traffic as soon as its process starts, before it can answer, and keeps receiving ' +
    'it while it is overloaded; a rolling update then takes capacity away before the new pods can serve. Without a liveness ' +
    'probe a container that hangs without exiting is never restarted. The check covers the regular containers of Deployments, ' +
    'StatefulSets, DaemonSets, ReplicaSets and ReplicationControllers; a startup probe does not replace either of them.',
  remediation:
    'Give every container a `readinessProbe` that fails while it cannot serve and a `livenessProbe` that fails only when it ' +
    'must be restarted (they should not check the same thing); add a `startupProbe` for slow starters instead of a long ' +
    'initial delay.',
  references: [
    'https://learn.microsoft.com/azure/aks/best-practices-app-cluster-reliability',
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
  ],
  check(object, report) {
    const pod = podTemplateOf(object);
    if (!pod) return;
    for (const container of pod.containers) {
      if (container.group !== 'containers') continue;
      const readiness = isProbe(container.body.readinessProbe);
      const liveness = isProbe(container.body.livenessProbe);
      if (readiness && liveness) continue;
      const messageId = !readiness && !liveness ? 'none' : readiness ? 'liveness' : 'readiness';
      report({ messageId, data: { container: container.name }, path: container.path });
    }
  },
});

function isProbe(value: unknown): boolean {
  return value !== undefined && value !== null;
}
