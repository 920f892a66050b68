import { defineRule } from '../define-rule.js';
import { containerKeyOrNearest, containerLabel, containerSetting, isWindowsPod } from '../pod-security.js';

export default defineRule({
  id: 'container-readonly-root-filesystem',
  checklist: 'SEC-7',
  title: 'Containers run with a read-only root filesystem',
  severity: 'warning',
  evidence: ['workload', 'live'],
  target: 'pod',
  messages: {
    writable: '{{container}} in {{object}} sets readOnlyRootFilesystem: false.',
    unset: '{{container}} in {{object}} does not set readOnlyRootFilesystem: true.',
  },
  help:
    'A writable root filesystem lets an attacker who gets code execution drop tools, change binaries or configuration, and ' +
    'persist until the container restarts. A read-only root filesystem (with `emptyDir` volumes for the few paths that must be ' +
    'written, such as `/tmp`) makes the image immutable at run time. The checklist requires it in addition to the Pod Security ' +
    'Standards; Windows pods (`spec.os.name: windows`) are exempt because Windows does not support it.',
  remediation:
    'Set `securityContext.readOnlyRootFilesystem: true` on every container and mount an `emptyDir` volume at each path the ' +
    'process writes to (for example `/tmp` or a cache directory).',
  references: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    'https://learn.microsoft.com/azure/aks/developer-best-practices-pod-security',
  ],
  check(pod, report) {
    if (isWindowsPod(pod)) return;
    for (const container of pod.containers) {
      const setting = containerSetting(container, ['readOnlyRootFilesystem']);
      if (setting?.value === true) continue;
      const data = { container: containerLabel(container) };
      if (setting === undefined) report({ messageId: 'unset', data, path: containerKeyOrNearest(pod, container, ['readOnlyRootFilesystem']) });
      else report({ messageId: 'writable', data, path: setting.path });
    }
  },
});
