import { isRecord } from '../../documents/manifest.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'service-node-port',
  checklist: 'SEC-1',
  title: 'Services are not of type NodePort',
  severity: 'warning',
  evidence: ['workload', 'live'],
  target: 'object',
  kinds: ['Service'],
  messages: {
    nodePort: '{{object}} is a NodePort Service: it opens {{ports}} on every node of the cluster.',
  },
  help:
    'A `Service` of `type: NodePort` listens on a port (30000–32767) of every node. Anything that can reach a node can reach the ' +
    'Service without passing the Application Gateway and its WAF, and on a node pool with public IPs that is the internet. ' +
    'The checklist wants traffic from outside to enter only through the ingress layer.',
  remediation:
    'Use `type: ClusterIP` and publish the Service through Application Gateway (AGIC) or Application Gateway for Containers; ' +
    'for traffic from inside the virtual network use an internal LoadBalancer Service instead of a node port.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport',
    'https://learn.microsoft.com/azure/aks/concepts-network-services',
  ],
  check(service, report) {
    const spec = isRecord(service.body.spec) ? service.body.spec : {};
    if (spec.type !== 'NodePort') return;
    report({ messageId: 'nodePort', path: ['spec', 'type'], data: { ports: describeNodePorts(spec.ports) } });
  },
});

/** "port 30080", "ports 30080, 30443", or the range when Kubernetes picks them. */
function describeNodePorts(ports: unknown): string {
  const fixed = Array.isArray(ports)
    ? ports.flatMap((port: unknown) => (isRecord(port) && typeof port.nodePort === 'number' ? [port.nodePort] : []))
    : [];
  if (fixed.length === 0) return 'a port from the node port range (30000–32767)';
  return `${fixed.length === 1 ? 'port' : 'ports'} ${fixed.join(', ')}`;
}
