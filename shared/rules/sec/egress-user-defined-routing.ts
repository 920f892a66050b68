import { known, unknownReason, type AksCluster, type RouteTable } from '../../documents/cluster/model.js';
import { isExpression, sameResource } from '../resource-ids.js';
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

/**
 * The route tables associated with a subnet of the cluster's pools, when that link is known: every pool names its
 * subnet, and at least one table's association names one of them. Otherwise undefined.
 */
function tablesOf(cluster: AksCluster, tables: readonly RouteTable[]): readonly RouteTable[] | undefined {
  if (cluster.nodePoolsUnknown !== undefined || cluster.nodePools.length === 0) return undefined;
  const subnets: string[] = [];
  for (const pool of cluster.nodePools) {
    const subnet = known(pool.subnetId);
    if (subnet === undefined || isExpression(subnet)) return undefined;
    subnets.push(subnet);
  }
  const linked = tables.filter((table) => table.subnetIds.some((id) => id.known && subnets.some((subnet) => sameResource(id.value, subnet))));
  return linked.length > 0 ? linked : undefined;
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
    'internet unfiltered (warning). The route tables judged are those associated with the subnets of the cluster\'s node ' +
    'pools; each must have that default route, or user-defined routing leads nowhere safe (error). When the inputs do not ' +
    'show which table serves which subnet, every route table in the inputs is considered and one with the route suffices.',
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

    const tables = context.infrastructure.routeTables;
    const reportTable = (table: RouteTable): void =>
      report({ messageId: 'noFirewallRoute', data: { routeTable: table.displayName }, at: table.at, subject: table, level: 'error' });
    const linked = tablesOf(cluster, tables);
    if (linked !== undefined) {
      // Every table on a node subnet must send the default route to an appliance: egress of the pools behind a
      // broken one bypasses the firewall, whatever the other subnets do.
      const verdicts = linked.map((table) => ({ table, verdict: defaultRouteToAppliance(table) }));
      const broken = verdicts.filter((v) => v.verdict === 'none');
      const unknown = verdicts.find((v) => typeof v.verdict === 'object');
      if (broken.length === 0 && unknown && typeof unknown.verdict === 'object') {
        return context.notEvaluated(`a route of route table "${unknown.table.displayName}" is ${unknown.verdict.unknown}`);
      }
      for (const { table } of broken) reportTable(table);
      return;
    }

    // Fallback when the link is not known (a pool's subnet is unknown or absent, no association is in the inputs, or
    // none names this cluster's subnets): any table in the inputs with the default route to an appliance counts; with
    // no route table in the inputs the outbound type alone is the evidence.
    if (tables.length === 0) return;
    const verdicts = tables.map((table) => ({ table, verdict: defaultRouteToAppliance(table) }));
    if (verdicts.some((v) => v.verdict === 'firewall')) return;
    const unknown = verdicts.find((v) => typeof v.verdict === 'object');
    if (unknown && typeof unknown.verdict === 'object') {
      return context.notEvaluated(`a route of route table "${unknown.table.displayName}" is ${unknown.verdict.unknown}`);
    }
    for (const { table } of verdicts) reportTable(table);
  },
});
