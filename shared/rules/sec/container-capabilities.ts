import { defineRule } from '../define-rule.js';
import { BASELINE_CAPABILITIES, DROP_ALL, RESTRICTED_ADDABLE_CAPABILITY } from '../data/pod-security-standards.js';
import { containerKeyOrNearest, containerLabel, isWindowsPod, listAt } from '../pod-security.js';

export default defineRule({
  id: 'container-capabilities',
  checklist: 'SEC-7',
  title: 'Containers drop all capabilities and add none that are dangerous',
  severity: 'error',
  evidence: ['workload', 'live'],
  target: 'pod',
  messages: {
    dangerous: '{{container}} in {{object}} adds the capability {{capability}}, which the baseline profile forbids.',
    added: '{{container}} in {{object}} adds the capability {{capability}}; the restricted profile allows only NET_BIND_SERVICE.',
    notDropped: '{{container}} in {{object}} does not drop ALL capabilities.',
  },
  help:
    'Linux capabilities split root\'s power into pieces; some of them (`SYS_ADMIN`, `NET_ADMIN`, `SYS_PTRACE`, `SYS_MODULE`, ' +
    '`NET_RAW`, …) are enough to escape the container or attack the node\'s network. The Pod Security Standards baseline profile ' +
    'forbids adding any capability outside the runtime\'s default set (an error here); the restricted profile requires every ' +
    'container to drop `ALL` and add back at most `NET_BIND_SERVICE` (warnings). Windows pods (`spec.os.name: windows`) are ' +
    'exempt from the restricted part.',
  remediation:
    'Set `securityContext.capabilities.drop: ["ALL"]` on every container and remove entries from `capabilities.add`; if the ' +
    'process must bind a port below 1024, add back only `NET_BIND_SERVICE`, or better, listen on a high port.',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container',
    'https://learn.microsoft.com/azure/aks/developer-best-practices-pod-security',
  ],
  check(pod, report) {
    const restricted = !isWindowsPod(pod);
    for (const container of pod.containers) {
      const label = containerLabel(container);
      listAt(container.body, ['securityContext', 'capabilities', 'add']).forEach((capability, i) => {
        // Compared exactly, as admission does: `CAP_SYS_ADMIN` or `sys_admin` is not on the allow-list either.
        const name = typeof capability === 'string' ? capability : String(capability);
        const path = [...container.path, 'securityContext', 'capabilities', 'add', i];
        if (!BASELINE_CAPABILITIES.has(name)) report({ messageId: 'dangerous', data: { container: label, capability: name }, path });
        else if (restricted && name !== RESTRICTED_ADDABLE_CAPABILITY) {
          report({ messageId: 'added', data: { container: label, capability: name }, path, level: 'warning' });
        }
      });
      if (!restricted) continue;
      const drop = listAt(container.body, ['securityContext', 'capabilities', 'drop']);
      if (!drop.includes(DROP_ALL)) {
        report({ messageId: 'notDropped', data: { container: label }, path: containerKeyOrNearest(pod, container, ['capabilities', 'drop']), level: 'warning' });
      }
    }
  },
});
