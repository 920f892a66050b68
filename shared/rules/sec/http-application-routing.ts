import { known, unknownReason } from '../../documents/cluster/model.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'http-application-routing',
  checklist: 'SEC-2',
  title: 'The retired HTTP application routing add-on is not enabled',
  severity: 'error',
  evidence: ['cluster'],
  target: 'cluster',
  messages: {
    enabled: '"{{cluster}}" enables the retired httpApplicationRouting add-on, a public ingress controller without WAF or TLS.',
  },
  help:
    'The HTTP application routing add-on was a preview for development clusters: it exposes an NGINX ingress controller ' +
    'through a public load balancer with no WAF and no TLS, and creates public DNS names for every Ingress. It is retired ' +
    'and does not work on any supported Kubernetes version. Ingress belongs behind Application Gateway with WAF.',
  remediation:
    'Remove the add-on: delete `addonProfiles.httpApplicationRouting` (or set its `enabled` to `false`) in ARM/Bicep, or ' +
    'remove `http_application_routing_enabled` (or set it to `false`) in Terraform, and publish workloads through ' +
    'Application Gateway (AGIC) or Application Gateway for Containers.',
  references: [
    'https://learn.microsoft.com/azure/aks/http-application-routing',
    'https://learn.microsoft.com/azure/aks/app-routing-migration',
    'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#http_application_routing_enabled',
  ],
  check(cluster, report, context) {
    const addon = cluster.addons.httpApplicationRouting;
    const reason = unknownReason(addon);
    if (reason !== undefined) return context.notEvaluated(`addonProfiles.httpApplicationRouting.enabled is ${reason}`);
    // Absent: the add-on is not installed (AKS default; tf http_application_routing_enabled defaults to false).
    if (known(addon) === true && addon) report({ messageId: 'enabled', at: addon.at });
  },
});
