import { known, unknownReason } from '../../documents/cluster/model.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'agic-addon',
  checklist: 'SEC-2',
  title: 'AKS ingress goes through Application Gateway (AGIC add-on)',
  // A warning, not an error: the cluster definition cannot show every accepted way in. AGIC and the ALB controller of
  // Application Gateway for Containers can be installed by Helm, and the Application Gateway for Containers can be
  // defined in another repository; none of that is visible here. The workload rules (ingress-application-gateway,
  // gateway-application-gateway) see both from the manifests.
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
    'A cluster passes when the AGIC add-on is enabled, when its ALB Controller add-on is enabled ' +
    '(`ingressProfile.applicationLoadBalancer.enabled`, managedClusters api-version 2025-09-02-preview and later), or when ' +
    'the inputs define an Application Gateway for Containers (`Microsoft.ServiceNetworking/trafficControllers`, Terraform ' +
    '`azurerm_application_load_balancer`); which cluster such a gateway serves is not checked. Otherwise this rule reports a ' +
    'warning: a Helm-installed AGIC or ALB controller and a gateway defined elsewhere live outside the cluster definition, ' +
    'so their absence here is not proof; the Ingress and Gateway rules check the manifests for them.',
  remediation:
    'Enable the add-on: set `addonProfiles.ingressApplicationGateway.enabled` to `true` with `config.applicationGatewayId` ' +
    '(or `config.subnetCIDR`) in ARM/Bicep, or add an `ingress_application_gateway { gateway_id = ... }` block to the ' +
    '`azurerm_kubernetes_cluster` in Terraform; or deploy Application Gateway for Containers and its ALB controller ' +
    '(`ingressProfile.applicationLoadBalancer.enabled: true` on the cluster).',
  references: [
    'https://learn.microsoft.com/azure/application-gateway/ingress-controller-overview',
    'https://learn.microsoft.com/azure/application-gateway/for-containers/overview',
    'https://learn.microsoft.com/azure/application-gateway/for-containers/quickstart-deploy-application-gateway-for-containers-alb-controller-addon',
    'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#ingress_application_gateway',
  ],
  check(cluster, report, context) {
    const addon = cluster.addons.ingressApplicationGateway;
    const alb = cluster.albControllerAddon;
    // Any Application Gateway for Containers in the inputs counts for every cluster: its association to a subnet (and so to
    // this cluster) is not modelled.
    if (known(addon) === true || known(alb) === true || context.infrastructure.trafficControllers.length > 0) return;
    const reason = unknownReason(addon);
    if (reason !== undefined) return context.notEvaluated(`addonProfiles.ingressApplicationGateway.enabled is ${reason}`);
    const albReason = unknownReason(alb);
    if (albReason !== undefined) return context.notEvaluated(`ingressProfile.applicationLoadBalancer.enabled is ${albReason}`);
    // Absent add-on profile: the add-on is not installed (AKS enables no add-on unless asked).
    if (!addon) report({ messageId: 'missing', at: cluster.at });
    else report({ messageId: 'disabled', at: addon.at });
  },
});
