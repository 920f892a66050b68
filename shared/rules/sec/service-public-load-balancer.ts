import { isRecord } from '../../documents/manifest.js';
import { defineRule } from '../define-rule.js';

const INTERNAL = 'service.beta.kubernetes.io/azure-load-balancer-internal';

export default defineRule({
  id: 'service-public-load-balancer',
  checklist: 'SEC-1',
  title: 'LoadBalancer Services are internal',
  severity: 'error',
  evidence: ['workload', 'live'],
  target: 'object',
  kinds: ['Service'],
  messages: {
    public: '{{object}} is a LoadBalancer with a public IP open to the whole internet.',
    restricted: '{{object}} is a LoadBalancer with a public IP, restricted to loadBalancerSourceRanges.',
  },
  help:
    'On AKS a `Service` of `type: LoadBalancer` gets a public IP on the cluster\'s Azure Load Balancer unless it is annotated ' +
    '`service.beta.kubernetes.io/azure-load-balancer-internal: "true"`. The checklist wants no public endpoints: traffic from ' +
    'outside should enter through the Application Gateway (with WAF), not straight into a Service. `loadBalancerSourceRanges` ' +
    'narrows who can connect, which is better than nothing but still a public endpoint.',
  remediation:
    'Annotate the Service with `service.beta.kubernetes.io/azure-load-balancer-internal: "true"` and publish it through ' +
    'Application Gateway (AGIC) or Application Gateway for Containers; if it must stay public, set `loadBalancerSourceRanges`.',
  references: [
    'https://learn.microsoft.com/azure/aks/internal-lb',
    'https://learn.microsoft.com/azure/aks/load-balancer-standard#restrict-inbound-traffic-to-specific-ip-ranges',
  ],
  check(service, report) {
    const spec = isRecord(service.body.spec) ? service.body.spec : {};
    if (spec.type !== 'LoadBalancer') return;
    const metadata = isRecord(service.body.metadata) ? service.body.metadata : {};
    const annotations = isRecord(metadata.annotations) ? metadata.annotations : {};
    // Kubernetes annotations are strings; YAML 1.1 reads an unquoted `true` as a boolean, which the API rejects, so accept both.
    if (String(annotations[INTERNAL]).toLowerCase() === 'true') return;
    const ranges = Array.isArray(spec.loadBalancerSourceRanges) ? spec.loadBalancerSourceRanges.filter((r) => r !== '0.0.0.0/0' && r !== '::/0') : [];
    if (ranges.length > 0) report({ messageId: 'restricted', path: ['spec', 'loadBalancerSourceRanges'], level: 'warning' });
    else report({ messageId: 'public', path: ['spec', 'type'] });
  },
});
