import { DEFAULT_PROC_MOUNT, USER_NAMESPACE_RELAXATION_SINCE, atLeast } from '../data/pod-security-standards.js';
import { defineRule } from '../define-rule.js';
import { containerLabel, containerSetting, usesUserNamespace } from '../pod-security.js';

export default defineRule({
  id: 'container-proc-mount',
  checklist: 'SEC-7',
  title: 'Containers keep the default masked /proc',
  severity: 'error',
  evidence: ['workload', 'live'],
  target: 'pod',
  messages: {
    unmasked: '{{container}} in {{object}} sets procMount: {{procMount}}; only Default is allowed.',
    userNamespace:
      '{{container}} in {{object}} sets procMount: {{procMount}}; baseline allows it in a user namespace (hostUsers: false), ' +
      'restricted allows only Default.',
  },
  help:
    'By default the container runtime masks and makes read-only the parts of `/proc` that reveal or change the host kernel ' +
    '(`/proc/kcore`, `/proc/sys`, …). `procMount: Unmasked` removes that protection. The Pod Security Standards allow only ' +
    '`Default` (an error here), except that from Kubernetes 1.35 the baseline profile accepts another value in a pod that runs ' +
    'in its own user namespace (`hostUsers: false`), where the restricted profile still forbids it (a warning).',
  remediation: 'Remove `securityContext.procMount` from the container, or set it to `Default`.',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security-context-1',
  ],
  check(pod, report, settings) {
    const relaxed = usesUserNamespace(pod) && atLeast(settings.kubernetesVersion, USER_NAMESPACE_RELAXATION_SINCE);
    for (const container of pod.containers) {
      const procMount = containerSetting(container, ['procMount']);
      if (procMount === undefined || procMount.value === DEFAULT_PROC_MOUNT) continue;
      const data = { container: containerLabel(container), procMount: String(procMount.value) };
      if (relaxed) report({ messageId: 'userNamespace', data, path: procMount.path, level: 'warning' });
      else report({ messageId: 'unmasked', data, path: procMount.path });
    }
  },
});
