import { defineRule } from '../define-rule.js';
import { containerKeyOrNearest, containerLabel, containerSetting, isWindowsPod } from '../pod-security.js';

export default defineRule({
  id: 'container-privilege-escalation',
  checklist: 'SEC-7',
  title: 'Containers forbid privilege escalation',
  severity: 'warning',
  evidence: ['workload', 'live'],
  target: 'pod',
  messages: {
    allowed: '{{container}} in {{object}} sets allowPrivilegeEscalation: true.',
    unset: '{{container}} in {{object}} does not set allowPrivilegeEscalation: false.',
  },
  help:
    'Unless a container sets `allowPrivilegeEscalation: false`, its processes can gain more privileges than their parent, ' +
    'through setuid binaries such as `sudo` or file capabilities (the kernel\'s `no_new_privs` flag stays off). The default ' +
    'is to allow it, so the Pod Security Standards restricted profile requires every container to say `false` explicitly. ' +
    'Windows pods (`spec.os.name: windows`) are exempt.',
  remediation:
    'Set `securityContext.allowPrivilegeEscalation: false` on every container, init container and ephemeral container.',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
  ],
  check(pod, report) {
    if (isWindowsPod(pod)) return;
    for (const container of pod.containers) {
      const setting = containerSetting(container, ['allowPrivilegeEscalation']);
      if (setting?.value === false) continue;
      const data = { container: containerLabel(container) };
      if (setting === undefined) report({ messageId: 'unset', data, path: containerKeyOrNearest(pod, container, ['allowPrivilegeEscalation']) });
      else report({ messageId: 'allowed', data, path: setting.path });
    }
  },
});
