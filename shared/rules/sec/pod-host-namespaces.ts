import { defineRule } from '../define-rule.js';

/** hostNetwork belongs to SEC-1 (public endpoints); this rule covers the namespaces that expose the node's processes. */
const HOST_NAMESPACES = ['hostPID', 'hostIPC'] as const;

export default defineRule({
  id: 'pod-host-namespaces',
  checklist: 'SEC-7',
  title: "Pods do not share the node's process or IPC namespace",
  severity: 'error',
  evidence: ['workload', 'live'],
  target: 'pod',
  messages: {
    hostPID: "{{object}} shares the node's process namespace (hostPID).",
    hostIPC: "{{object}} shares the node's IPC namespace (hostIPC).",
  },
  help:
    "With `hostPID: true` a pod sees every process on the node, can read their environment (often secrets) and, with ptrace, " +
    "enter them. With `hostIPC: true` it shares the node's shared memory and message queues. The Pod Security Standards baseline " +
    'profile forbids both.',
  remediation:
    'Remove `hostPID` and `hostIPC` from the pod spec (or set them to `false`). Monitoring agents that need them should run ' +
    'as a node-level add-on in a namespace exempted on purpose, not as an application workload.',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://learn.microsoft.com/azure/aks/use-psa',
  ],
  check(pod, report) {
    for (const key of HOST_NAMESPACES) {
      // YAML 1.1 (as Kubernetes reads it) already turned `on`/`yes` into true.
      if (pod.spec[key] === true) report({ messageId: key, path: [...pod.specPath, key] });
    }
  },
});
