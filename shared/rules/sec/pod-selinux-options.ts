import { isRecord } from '../../documents/manifest.js';
import type { Path } from '../../documents/locator.js';
import { allowedSeLinuxTypes } from '../data/pod-security-standards.js';
import { defineRule } from '../define-rule.js';
import { POD_SUBJECT, containerLabel, containerSetting, podSetting, type Setting } from '../pod-security.js';

export default defineRule({
  id: 'pod-selinux-options',
  checklist: 'SEC-7',
  title: 'Pods do not choose a custom SELinux type, user or role',
  severity: 'error',
  evidence: ['workload', 'live'],
  target: 'pod',
  messages: {
    type: '{{subject}} in {{object}} sets the SELinux type "{{value}}"; only the container types are allowed.',
    user: '{{subject}} in {{object}} sets a custom SELinux user "{{value}}".',
    role: '{{subject}} in {{object}} sets a custom SELinux role "{{value}}".',
  },
  help:
    'On nodes that enforce SELinux, a container\'s SELinux label decides what on the host it may touch. Choosing another ' +
    'type (such as `spc_t`, a super-privileged container) or a custom user or role can lift that confinement. The Pod Security ' +
    'Standards baseline profile allows only the container types (`container_t`, `container_init_t`, `container_kvm_t`, and ' +
    '`container_engine_t` from Kubernetes 1.31) and no user or role, on the pod and on every container.',
  remediation: 'Remove `seLinuxOptions.type`, `user` and `role` from the pod and container securityContexts, keeping at most `level`.',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#assign-selinux-labels-to-a-container',
  ],
  check(pod, report, settings) {
    const types = allowedSeLinuxTypes(settings.kubernetesVersion);
    const inspect = (options: Setting | undefined, subject: string): void => {
      if (options === undefined || !isRecord(options.value)) return;
      const keyPath = (key: string): Path => [...options.path, key];
      const { type, user, role } = options.value;
      if (typeof type === 'string' && !types.has(type)) report({ messageId: 'type', data: { subject, value: type }, path: keyPath('type') });
      if (typeof user === 'string' && user !== '') report({ messageId: 'user', data: { subject, value: user }, path: keyPath('user') });
      if (typeof role === 'string' && role !== '') report({ messageId: 'role', data: { subject, value: role }, path: keyPath('role') });
    };
    inspect(podSetting(pod, ['seLinuxOptions']), POD_SUBJECT);
    for (const container of pod.containers) {
      inspect(containerSetting(container, ['seLinuxOptions']), containerLabel(container));
    }
  },
});
