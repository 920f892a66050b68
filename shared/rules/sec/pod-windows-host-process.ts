import { defineRule } from '../define-rule.js';
import { POD_SUBJECT, containerLabel, containerSetting, podSetting, type Setting } from '../pod-security.js';

const HOST_PROCESS = ['windowsOptions', 'hostProcess'] as const;

export default defineRule({
  id: 'pod-windows-host-process',
  checklist: 'SEC-7',
  title: 'Windows pods do not run HostProcess containers',
  severity: 'error',
  securitySeverity: 9.0,
  evidence: ['workload', 'live'],
  target: 'pod',
  messages: {
    hostProcess: '{{subject}} in {{object}} runs as a Windows HostProcess container (privileged access to the node).',
  },
  help:
    'A Windows HostProcess container runs directly on the Windows node, as a node user, with the node\'s network and file ' +
    'system: it is the Windows equivalent of a privileged container. The Pod Security Standards baseline profile forbids ' +
    '`windowsOptions.hostProcess: true` on the pod and on every container.',
  remediation:
    'Remove `securityContext.windowsOptions.hostProcess` (or set it to `false`); node-management tools that need it belong ' +
    'in a separate, explicitly exempted namespace.',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/',
  ],
  check(pod, report) {
    const inspect = (hostProcess: Setting | undefined, subject: string): void => {
      if (hostProcess?.value === true) report({ messageId: 'hostProcess', data: { subject }, path: hostProcess.path });
    };
    inspect(podSetting(pod, HOST_PROCESS), POD_SUBJECT);
    for (const container of pod.containers) inspect(containerSetting(container, HOST_PROCESS), containerLabel(container));
  },
});
