import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'pod-host-network',
  checklist: 'SEC-1',
  title: 'Pods do not use the node network',
  severity: 'warning',
  evidence: ['workload', 'live'],
  target: 'pod',
  messages: {
    hostNetwork: "{{object}} runs its pods in the node's network namespace (hostNetwork: true).",
  },
  help:
    'With `hostNetwork: true` a pod shares the network stack of its node: every port it listens on is a port of the node, ' +
    'reachable without a Service, an ingress or the WAF, and NetworkPolicies no longer isolate it. It can also see the ' +
    "node's network traffic and local services. Pod Security Standards forbid it at the baseline level.",
  remediation:
    'Remove `hostNetwork: true` (or set it to false) and expose the pod through a ClusterIP Service behind the ingress; ' +
    'keep the node network only for node agents that truly need it, in a namespace of their own.',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://kubernetes.io/docs/concepts/configuration/overview/#services',
  ],
  check(pod, report) {
    // Kubernetes reads YAML 1.1, so `hostNetwork: yes` or `on` is already the boolean true here; a string is rejected by the API.
    if (pod.spec.hostNetwork !== true) return;
    report({ messageId: 'hostNetwork', path: [...pod.specPath, 'hostNetwork'] });
  },
});
