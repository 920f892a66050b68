import { unknownReason } from '../../documents/cluster/model.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'agic-addon',
  checklist: 'SEC-2',
  title: 'AKS ingress goes through Application Gateway (AGIC add-on)',
  // A warning, not an error: the cluster definition cannot show every accepted way in. Application Gateway for
  // Containers (the successor of AGIC) is a separate `Microsoft.ServiceNetworking/trafficControllers` resource with an
  // ALB controller installed by Helm, and AGIC itself can be installed by Helm; neither is visible on the cluster.
  // The workload rules (ingress-application-gateway, gateway-application-gateway) see both from the manifests.
  severity: 'warning',
  evidence: ['cluster'],
  target: 'cluster',
  messages: {
    disabled: '"{{cluster}}" has the ingressApplicationGateway (AGIC) add-on switched off, and no Application Gateway for Containers is visible: nothing puts a WAF in front of its ingress.',
    missing: '"{{cluster}}" does not enable the ingressApplicationGateway (AGIC) add-on, and no Application Gateway for Containers is visible: nothing puts a WAF in front of its ingress.',
  },
  help:
    'The checklist wants all ingress to pass an Application Gateway with WAF. On the cluster this is the ' +
    '`ingressApplicationGateway` add-on (Application Gateway Ingress Controller), or Application Gateway for Containers. ' +
    'This rule reports a warning when the add-on is not enabled: Application Gateway for Containers and a Helm-installed ' +
    'AGIC live outside the cluster definition, so their absence here is not proof; the Ingress and Gateway rules check ' +
    'the manifests for them.',
  remediation:
    'Enable the add-on: set `addonProfiles.ingressApplicationGateway.enabled` to `true` with `config.applicationGatewayId` ' +
    '(or `config.subnetCIDR`) in ARM/Bicep, or add an `ingress_application_gateway { gateway_id = ... }` block to the ' +
    '`azurerm_kubernetes_cluster` in Terraform; or deploy Application Gateway for Containers and its ALB controller.',
  references: [
    'https://learn.microsoft.com/azure/application-gateway/ingress-controller-overview',
    'https://learn.microsoft.com/azure/application-gateway/for-containers/overview',
    'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#ingress_application_gateway',
  ],
  check(cluster, report, context) {
    // The model has no field for Application Gateway for Containers (the ALB controller add-on or a trafficControllers
    // resource), so only the AGIC add-on can satisfy this rule from the cluster definition.
    const addon = cluster.addons.ingressApplicationGateway;
    const reason = unknownReason(addon);
    if (reason !== undefined) return context.notEvaluated(`addonProfiles.ingressApplicationGateway.enabled is ${reason}`);
    // Absent add-on profile: the add-on is not installed (AKS enables no add-on unless asked).
    if (!addon) report({ messageId: 'missing', at: cluster.at });
    else if (addon.value.known && !addon.value.value) report({ messageId: 'disabled', at: addon.at });
  },
});
