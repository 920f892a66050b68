import { known } from '../../documents/cluster/model.js';
import { defineRule } from '../define-rule.js';
import { ingressClassOf } from './ingress-application-gateway.js';

export default defineRule({
  id: 'ingress-agic-addon',
  checklist: 'SEC-2',
  title: 'Ingresses meant for AGIC have an AGIC add-on to serve them',
  severity: 'warning',
  evidence: ['workload', 'cluster'],
  target: 'inventory',
  subjects: 'AGIC Ingresses together with AKS cluster definitions',
  messages: {
    noAddon:
      '{{object}} is meant for AGIC (class "{{class}}"), but no AKS cluster in the inputs enables the ingressApplicationGateway add-on: unless AGIC is installed another way, nothing serves it and no WAF is in front of it.',
  },
  help:
    'Workload and cluster evidence meet here. An Ingress of the `azure-application-gateway` class is only served when the ' +
    'Application Gateway Ingress Controller runs in the cluster. When the cluster definitions in the inputs all leave the ' +
    '`ingressApplicationGateway` add-on off, the Ingress is accepted by the API server and then ignored: the application is ' +
    'not reachable, or is reached some other way without the WAF. AGIC installed with Helm is not visible in a cluster ' +
    'definition, hence a warning.',
  remediation:
    'Enable the add-on in the cluster definition (ARM `addonProfiles.ingressApplicationGateway.enabled: true` with ' +
    '`config.applicationGatewayId`; Terraform `ingress_application_gateway { gateway_id = ... }`), or, if AGIC is installed ' +
    'with Helm, switch this rule off for this repository in the configuration file.',
  references: [
    'https://learn.microsoft.com/azure/application-gateway/tutorial-ingress-controller-add-on-existing',
    'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#ingress_application_gateway',
  ],
  check(inventory, report, settings) {
    const clusters = settings.infrastructure.clusters;
    const agic = inventory.ofKind('Ingress').map((ingress) => ({ ingress, cls: ingressClassOf(ingress) })).filter((i) => i.cls.controller === 'agic');
    if (clusters.length === 0 || agic.length === 0) return false;
    const addons = clusters.map((c) => c.addons.ingressApplicationGateway);
    // An add-on that is on, or whose value cannot be known, leaves nothing to report.
    if (addons.some((a) => a !== undefined && (!a.value.known || known(a) === true))) return addons.some((a) => known(a) === true);
    for (const { ingress, cls } of agic) report({ object: ingress, messageId: 'noAddon', data: { class: cls.name ?? '' }, path: cls.path });
    return true;
  },
});
