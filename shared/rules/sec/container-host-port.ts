import { isRecord } from '../../documents/manifest.js';
import type { ContainerGroup } from '../../documents/workloads.js';
import { defineRule } from '../define-rule.js';

const GROUP_LABEL: Readonly<Record<ContainerGroup, string>> = {
  containers: 'Container',
  initContainers: 'Init container',
  ephemeralContainers: 'Ephemeral container',
};

export default defineRule({
  id: 'container-host-port',
  checklist: 'SEC-1',
  title: 'Containers do not bind host ports',
  severity: 'warning',
  evidence: ['workload', 'live'],
  target: 'pod',
  messages: {
    hostPort: '{{container}} in {{object}} binds port {{port}} of its node (hostPort).',
  },
  help:
    'A `hostPort` maps a port of the node straight to the container: anything that can reach the node reaches the container ' +
    'without a Service, the ingress or the WAF. It also limits scheduling to one such pod per node. Pod Security Standards ' +
    'restrict host ports at the baseline level.',
  remediation:
    'Remove `hostPort` from the container port and expose the container through a ClusterIP Service behind the ingress; ' +
    '`containerPort` alone is enough for other pods to reach it.',
  references: [
    'https://kubernetes.io/docs/concepts/configuration/overview/#services',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  ],
  check(pod, report) {
    for (const container of pod.containers) {
      const ports = container.body.ports;
      if (!Array.isArray(ports)) continue;
      ports.forEach((port: unknown, i) => {
        if (!isRecord(port) || !isHostPort(port.hostPort)) return;
        report({
          messageId: 'hostPort',
          path: [...container.path, 'ports', i, 'hostPort'],
          data: { container: `${GROUP_LABEL[container.group]} "${container.name}"`, port: String(port.hostPort) },
        });
      });
    }
  },
});

/** 0 (or absent) means "no host port". A quoted number is rejected by the API server, so only numbers bind one. */
function isHostPort(value: unknown): value is number {
  return typeof value === 'number' && value !== 0;
}
