import type { ContainerRef } from '../../documents/workloads.js';
import { USER_NAMESPACE_RELAXATION_SINCE, atLeast } from '../data/pod-security-standards.js';
import { defineRule } from '../define-rule.js';
import { containerKeyOrNearest, containerLabel, containerSetting, podKeyOrNearest, podSetting, usesUserNamespace } from '../pod-security.js';

const ROOT_UID = 0;

export default defineRule({
  id: 'container-run-as-non-root',
  checklist: 'SEC-7',
  title: 'Containers must run as a non-root user',
  severity: 'warning',
  evidence: ['workload', 'live'],
  target: 'pod',
  messages: {
    unset: '{{object}} does not set runAsNonRoot: true, so its containers may run as root.',
    containerUnset: '{{container}} in {{object}} may run as root: neither it nor the pod sets runAsNonRoot: true.',
    podDisabled: '{{object}} sets runAsNonRoot: false for the whole pod.',
    containerDisabled: '{{container}} in {{object}} sets runAsNonRoot: false.',
    podRoot: '{{object}} sets runAsUser: 0 (root) for the whole pod.',
    containerRoot: '{{container}} in {{object}} runs as root (runAsUser: 0).',
  },
  help:
    'Many images run as root unless told otherwise. Root in a container is root on the node for every file, device or socket ' +
    'that leaks into it, and the first step of most container escapes. With `runAsNonRoot: true` the kubelet refuses to start a ' +
    'container whose user is UID 0. The Pod Security Standards restricted profile requires `runAsNonRoot: true` on the pod (or on ' +
    'every container) and forbids `runAsUser: 0` anywhere; a container\'s own setting overrides the pod\'s. From Kubernetes 1.35 ' +
    'a pod in its own user namespace (`hostUsers: false`) is exempt: its root maps to an unprivileged user on the node.',
  remediation:
    'Set `securityContext.runAsNonRoot: true` in the pod spec and a non-zero `runAsUser` (for example 1000, or the user the ' +
    'image declares), remove `runAsUser: 0` and `runAsNonRoot: false`, and build the image with a non-root `USER`.',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    'https://learn.microsoft.com/azure/aks/developer-best-practices-pod-security',
  ],
  check(pod, report, settings) {
    if (usesUserNamespace(pod) && atLeast(settings.kubernetesVersion, USER_NAMESPACE_RELAXATION_SINCE)) return;
    const podNonRoot = podSetting(pod, ['runAsNonRoot']);
    const podUser = podSetting(pod, ['runAsUser']);
    if (podNonRoot?.value === false) report({ messageId: 'podDisabled', path: podNonRoot.path });
    if (podUser?.value === ROOT_UID) report({ messageId: 'podRoot', path: podUser.path });

    const unset: ContainerRef[] = [];
    for (const container of pod.containers) {
      const data = { container: containerLabel(container) };
      const nonRoot = containerSetting(container, ['runAsNonRoot']);
      const user = containerSetting(container, ['runAsUser']);
      if (user?.value === ROOT_UID) report({ messageId: 'containerRoot', data, path: user.path });
      if (nonRoot?.value === false) report({ messageId: 'containerDisabled', data, path: nonRoot.path });
      // A container that inherits the pod's `false`, or runs as UID 0, was reported above; saying "unset" too is noise.
      else if (nonRoot === undefined && podNonRoot === undefined && (user ?? podUser)?.value !== ROOT_UID) unset.push(container);
    }

    // When nothing in the pod asks for non-root, one finding on the pod spec says it once, where the fix belongs.
    const nobodyAsked = podNonRoot === undefined && pod.containers.every((c) => containerSetting(c, ['runAsNonRoot']) === undefined);
    if (nobodyAsked && unset.length === pod.containers.length && unset.length > 0) {
      report({ messageId: 'unset', path: podKeyOrNearest(pod, ['runAsNonRoot']) });
      return;
    }
    for (const container of unset) {
      report({ messageId: 'containerUnset', data: { container: containerLabel(container) }, path: containerKeyOrNearest(pod, container, ['runAsNonRoot']) });
    }
  },
});
