import { isRecord } from '../../documents/manifest.js';
import type { Path } from '../../documents/locator.js';
import { at } from '../../documents/workloads.js';
import { defineRule } from '../define-rule.js';
import { containerLabel } from '../pod-security.js';

/** Where a container's probes and lifecycle hooks keep a handler that can name another host. */
const HANDLERS: readonly Path[] = [
  ['livenessProbe'],
  ['readinessProbe'],
  ['startupProbe'],
  ['lifecycle', 'postStart'],
  ['lifecycle', 'preStop'],
];
/** `tcpSocket` is kept in lifecycle hooks only for backward compatibility, but the kubelet still honours its host. */
const ACTIONS = ['httpGet', 'tcpSocket'] as const;

export default defineRule({
  id: 'container-probe-host',
  checklist: 'SEC-7',
  title: 'Probes and lifecycle hooks do not target other hosts',
  severity: 'error',
  evidence: ['workload', 'live'],
  target: 'pod',
  messages: {
    host: '{{container}} in {{object}} sends its {{handler}} to the host "{{host}}" instead of the pod.',
  },
  help:
    'An `httpGet` or `tcpSocket` probe or lifecycle hook with a `host` makes the kubelet, from the node\'s network, connect to ' +
    'that address: anyone who can create pods can use it to reach addresses the pod itself cannot (node-local services, the ' +
    'Azure instance metadata endpoint). The Pod Security Standards baseline profile forbids the field from Kubernetes 1.34; it ' +
    'is reported here for every version because the risk does not depend on the version.',
  remediation:
    'Remove `host` from the probe or hook so that it targets the pod\'s own IP; to check a dependency, do it from inside the ' +
    'container (an `exec` probe) rather than from the node.',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
  ],
  check(pod, report) {
    for (const container of pod.containers) {
      for (const handler of HANDLERS) {
        for (const action of ACTIONS) {
          const spec = at(container.body, [...handler, action]);
          if (!isRecord(spec) || typeof spec.host !== 'string' || spec.host === '') continue;
          report({
            messageId: 'host',
            data: { container: containerLabel(container), handler: handler.join('.'), host: spec.host },
            path: [...container.path, ...handler, action, 'host'],
          });
        }
      }
    }
  },
});
