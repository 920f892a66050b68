import { defineRule } from '../define-rule.js';
import { containerLabel, containerSetting } from '../pod-security.js';

export default defineRule({
  id: 'pod-privileged',
  checklist: 'SEC-7',
  title: 'Containers do not run privileged',
  severity: 'error',
  // A privileged container is root on the node: every device, every capability, no confinement.
  securitySeverity: 9.0,
  evidence: ['workload', 'live'],
  target: 'pod',
  messages: {
    privileged: '{{container}} in {{object}} runs privileged.',
  },
  help:
    'A container with `securityContext.privileged: true` runs with all Linux capabilities, sees every host device and is not ' +
    'confined by seccomp or AppArmor: anyone who gets code execution in it owns the node and every pod on it. The Pod Security ' +
    'Standards baseline profile forbids it for containers, init containers and ephemeral containers alike.',
  remediation:
    'Remove `privileged: true` (or set it to `false`) and grant only the specific capability the workload needs, if any. ' +
    'Node agents that truly need it belong in a separate namespace with an explicit exemption, not in application manifests.',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    'https://learn.microsoft.com/azure/aks/developer-best-practices-pod-security',
  ],
  check(pod, report) {
    for (const container of pod.containers) {
      const privileged = containerSetting(container, ['privileged']);
      // YAML 1.1 (as Kubernetes reads it) already turned `yes`/`on` into true.
      if (privileged?.value === true) report({ messageId: 'privileged', data: { container: containerLabel(container) }, path: privileged.path });
    }
  },
});
