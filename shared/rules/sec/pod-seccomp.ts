import type { ContainerRef } from '../../documents/workloads.js';
import { PROFILE } from '../data/pod-security-standards.js';
import { defineRule } from '../define-rule.js';
import { containerKeyOrNearest, containerLabel, containerSetting, isWindowsPod, podKeyOrNearest, podSetting } from '../pod-security.js';

const TYPE = ['seccompProfile', 'type'] as const;

export default defineRule({
  id: 'pod-seccomp',
  checklist: 'SEC-7',
  title: 'Pods run under the RuntimeDefault (or a Localhost) seccomp profile',
  severity: 'error',
  evidence: ['workload', 'live'],
  target: 'pod',
  messages: {
    podUnconfined: '{{object}} turns seccomp off for the whole pod (seccompProfile type Unconfined).',
    containerUnconfined: '{{container}} in {{object}} turns seccomp off (seccompProfile type Unconfined).',
    unset: '{{object}} sets no seccomp profile; set seccompProfile type RuntimeDefault in the pod securityContext.',
    containerUnset: '{{container}} in {{object}} has no seccomp profile: neither it nor the pod sets RuntimeDefault or Localhost.',
  },
  help:
    'Seccomp filters the system calls a container may make; the container runtime\'s default profile blocks the rarely needed ' +
    'ones that most kernel exploits use. Kubernetes runs containers *without* it unless asked. The Pod Security Standards ' +
    'baseline profile forbids turning it off explicitly (`Unconfined`, an error here); the restricted profile requires every ' +
    'container to run under `RuntimeDefault` or a `Localhost` profile, set on the pod or on the container (a warning). Windows ' +
    'pods (`spec.os.name: windows`) are exempt from the restricted part.',
  remediation:
    'Add `securityContext.seccompProfile.type: RuntimeDefault` to the pod spec (containers inherit it) and remove any ' +
    '`Unconfined` profile; use `Localhost` with a tailored profile only where the default blocks a call the workload needs.',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    'https://kubernetes.io/docs/tutorials/security/seccomp/',
    'https://learn.microsoft.com/azure/aks/secure-container-access',
  ],
  check(pod, report) {
    const podType = podSetting(pod, TYPE);
    if (podType?.value === PROFILE.unconfined) report({ messageId: 'podUnconfined', path: podType.path });

    const unset: ContainerRef[] = [];
    for (const container of pod.containers) {
      const own = containerSetting(container, TYPE);
      if (own?.value === PROFILE.unconfined) {
        report({ messageId: 'containerUnconfined', data: { container: containerLabel(container) }, path: own.path });
      }
      // A container inheriting the pod's Unconfined was reported with the pod.
      if (own === undefined && podType === undefined) unset.push(container);
    }
    if (isWindowsPod(pod) || unset.length === 0) return;

    // Nothing in the pod sets a profile: one finding on the pod securityContext, where a single line fixes it.
    if (unset.length === pod.containers.length) {
      report({ messageId: 'unset', path: podKeyOrNearest(pod, TYPE), level: 'warning' });
      return;
    }
    for (const container of unset) {
      report({ messageId: 'containerUnset', data: { container: containerLabel(container) }, path: containerKeyOrNearest(pod, container, TYPE), level: 'warning' });
    }
  },
});
