import { known, unknownReason, type RouteTable } from '../../documents/cluster/model.js';
import { defineRule } from '../define-rule.js';

const DEFAULT_ROUTE = '0.0.0.0/0';
const NAT_GATEWAY = new Set(['managednatgateway', 'userassignednatgateway']);

type RouteVerdict = 'firewall' | 'none' | { readonly unknown: string };

/** Whether a route table sends the default route to a virtual appliance (Azure Firewall or another NVA). */
function defaultRouteToAppliance(table: RouteTable): RouteVerdict {
  let unknown: string | undefined;
  for (const route of table.routes) {
    const prefix = known(route.addressPrefix);
    const hop = known(route.nextHopType);
    if (prefix?.trim() === DEFAULT_ROUTE && hop?.toLowerCase() === 'virtualappliance') return 'firewall';
    unknown ??= unknownReason(route.addressPrefix) ?? unknownReason(route.nextHopType);
  }
  return unknown === undefined ? 'none' : { unknown };
}

export default defineRule({
  id: 'egress-user-defined-routing',
  checklist: 'SEC-3',
  title: 'AKS egress is routed through a firewall',
  // Most clusters fail on the default load-balancer outbound, which the checklist makes a warning; the error is kept
  // for a cluster that says it routes egress itself while no route table in the inputs sends it to an appliance.
  severity: 'warning',
  evidence: ['cluster'],
  target: 'cluster',
  messages: {
    loadBalancer: 'Egress of "{{cluster}}" leaves through the load balancer\'s public IP (outbound type loadBalancer), not through a firewall.',
    natGateway: 'Egress of "{{cluster}}" leaves through a NAT gateway (outbound type {{outboundType}}), not through a firewall.',
    otherOutbound: 'Egress of "{{cluster}}" uses outbound type "{{outboundType}}", not user-defined routing through a firewall.',
    noFirewallRoute:
      '"{{cluster}}" uses user-defined routing, but route table "{{routeTable}}" does not send 0.0.0.0/0 to a VirtualAppliance (firewall).',
  },
  help:
    'The checklist wants all egress to pass a firewall that allows only what the cluster needs. On AKS that is ' +
    '`networkProfile.outboundType: userDefinedRouting` with a route table on the node subnet that sends `0.0.0.0/0` to a ' +
    '`VirtualAppliance` (Azure Firewall). The default, `loadBalancer`, and the NAT gateway types send egress to the ' +
    'internet unfiltered (warning). When route tables are in the inputs and none of them has that default route, ' +
    'user-defined routing leads nowhere safe (error).',
  remediation:
    'Set `networkProfile.outboundType` to `userDefinedRouting` in ARM/Bicep (Terraform: `network_profile { outbound_type = "userDefinedRouting" }`) ' +
    'and associate the node subnet with a route table whose route sends `0.0.0.0/0` to `VirtualAppliance` at the Azure Firewall\'s ' +
    'private IP (ARM `Microsoft.Network/routeTables`, Terraform `azurerm_route_table` with `next_hop_type = "VirtualAppliance"`).',
  references: [
    'https://learn.microsoft.com/azure/aks/egress-outboundtype',
    'https://learn.microsoft.com/azure/aks/egress-udr',
    'https://learn.microsoft.com/azure/aks/limit-egress-traffic',
    'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#outbound_type',
    'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/route_table',
  ],
  check(cluster, report, context) {
    const field = cluster.outboundType;
    const reason = unknownReason(field);
    if (reason !== undefined) return context.notEvaluated(`networkProfile.outboundType is ${reason}`);
    // Absent outboundType: loadBalancer, the AKS default (tf outbound_type defaults to loadBalancer too).
    const outboundType = known(field) ?? 'loadBalancer';
    const at = (field ?? cluster).at;
    const type = outboundType.toLowerCase();

    if (type === 'loadbalancer') return report({ messageId: 'loadBalancer', at });
    if (NAT_GATEWAY.has(type)) return report({ messageId: 'natGateway', data: { outboundType }, at });
    if (type !== 'userdefinedrouting') return report({ messageId: 'otherOutbound', data: { outboundType }, at });

    // The model does not link a route table to the cluster's subnet, so any table in the inputs with the default route
    // to an appliance counts; with no route table in the inputs the outbound type alone is the evidence.
    const tables = context.infrastructure.routeTables;
    if (tables.length === 0) return;
    const verdicts = tables.map((table) => ({ table, verdict: defaultRouteToAppliance(table) }));
    if (verdicts.some((v) => v.verdict === 'firewall')) return;
    const unknown = verdicts.find((v) => typeof v.verdict === 'object');
    if (unknown && typeof unknown.verdict === 'object') {
      return context.notEvaluated(`a route of route table "${unknown.table.displayName}" is ${unknown.verdict.unknown}`);
    }
    for (const { table } of verdicts) {
      report({ messageId: 'noFirewallRoute', data: { routeTable: table.displayName }, at: table.at, subject: table, level: 'error' });
    }
  },
});
