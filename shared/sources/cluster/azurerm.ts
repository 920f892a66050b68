// Terraform azurerm resources → the normalized model. Both provider generations are read: the v4
// argument names first, the v3 (and older) names where they differ, as CHECKLIST.md lists them.
// References between resources are matched by address: `target_resource_id =
// azurerm_kubernetes_cluster.main.id` names the cluster whose id is `azurerm_kubernetes_cluster.main`.

import type {
  AksCluster,
  AlertRule,
  ApplicationGateway,
  DiagnosticSetting,
  Field,
  Firewall,
  Infrastructure,
  NodePool,
  Resolved,
  RouteTable,
  TrafficController,
  TrafficRouter,
  Unresolved,
  WafPolicy,
} from '../../documents/cluster/model.js';
import type { Block, TerraformResource } from './block.js';
import { asBoolean, asNumber, asString, asStringList, firstOf, presence } from './fields.js';

const FRONT_DOOR_TYPES = new Set(['azurerm_cdn_frontdoor_profile', 'azurerm_frontdoor']);
const ALERT_TYPES = new Set([
  'azurerm_monitor_metric_alert',
  'azurerm_monitor_scheduled_query_rules_alert',
  'azurerm_monitor_scheduled_query_rules_alert_v2',
  'azurerm_monitor_alert_prometheus_rule_group',
  'azurerm_monitor_activity_log_alert',
]);

export function mapAzurerm(resources: readonly TerraformResource[]): Infrastructure {
  const separatePools = resources.filter((r) => r.type === 'azurerm_kubernetes_cluster_node_pool').map((r) => ({ pool: nodePool(r.body, r, true), clusterRef: reference(r.body.attribute('kubernetes_cluster_id')) }));
  const clusters = resources
    .filter((r) => r.type === 'azurerm_kubernetes_cluster')
    .map((r) => cluster(r, separatePools.filter((p) => p.clusterRef === r.address).map((p) => p.pool)));
  const routeTables = resources.filter((r) => r.type === 'azurerm_route_table').map((r) => routeTable(r, resources));
  // A pool whose kubernetes_cluster_id does not lead to a cluster in the inputs is said, not dropped.
  const orphans: Unresolved[] = separatePools
    .filter((p) => !clusters.some((c) => c.id === p.clusterRef))
    .map((p) => ({ what: `node pool ${p.pool.id}`, reason: p.clusterRef === undefined ? 'its kubernetes_cluster_id cannot be resolved' : `its cluster ${p.clusterRef} is not in the inputs`, at: p.pool.at }));
  return {
    unresolved: orphans,
    clusters,
    diagnosticSettings: resources.filter((r) => r.type === 'azurerm_monitor_diagnostic_setting').map(diagnosticSetting),
    applicationGateways: resources.filter((r) => r.type === 'azurerm_application_gateway').map(applicationGateway),
    wafPolicies: resources.filter((r) => r.type === 'azurerm_web_application_firewall_policy').map(wafPolicy),
    routeTables,
    firewalls: resources.filter((r) => r.type === 'azurerm_firewall').map((r): Firewall => ({ ...base(r), kind: 'firewall' })),
    trafficRouters: resources
      .filter((r) => r.type === 'azurerm_traffic_manager_profile' || FRONT_DOOR_TYPES.has(r.type))
      .map((r): TrafficRouter => ({ ...base(r), kind: r.type === 'azurerm_traffic_manager_profile' ? 'traffic-manager' : 'front-door' })),
    // Application Gateway for Containers (registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/application_load_balancer).
    // Its `_frontend` and `_subnet_association` resources are not read. azurerm_kubernetes_cluster has no argument for the
    // ALB Controller add-on, so albControllerAddon never comes from Terraform.
    trafficControllers: resources.filter((r) => r.type === 'azurerm_application_load_balancer').map((r): TrafficController => ({ ...base(r), kind: 'traffic-controller' })),
    alertRules: resources.filter((r) => ALERT_TYPES.has(r.type)).map(alertRule),
  };
}

function base(r: TerraformResource): { id: string; displayName: string; format: TerraformResource['format']; at: Block['at'] } {
  return { id: r.address, displayName: r.address, format: r.format, at: r.body.at };
}

function cluster(r: TerraformResource, separatePools: NodePool[]): AksCluster {
  const b = r.body;
  const network = b.blocks('network_profile')[0];
  const apiAccess = b.blocks('api_server_access_profile')[0];
  const aad = b.blocks('azure_active_directory_role_based_access_control')[0];
  // azurerm 1.x/2.x: role_based_access_control { enabled, azure_active_directory { managed, … } }
  const legacyRbac = b.blocks('role_based_access_control')[0];
  const legacyAad = legacyRbac?.blocks('azure_active_directory')[0];
  const identity = b.blocks('identity')[0];
  const servicePrincipal = b.blocks('service_principal')[0];
  const agic = b.blocks('ingress_application_gateway')[0];
  const secret = servicePrincipal?.attribute('client_secret');
  const inlinePools = [...b.blocks('default_node_pool'), ...b.blocks('agent_pool_profile')].map((pool) => nodePool(pool, r, false));

  const publicAccess = asBoolean(b.attribute('public_network_access_enabled'));
  return {
    ...base(r),
    kind: 'cluster',
    name: asString(b.attribute('name')),
    location: asString(b.attribute('location')),
    kubernetesVersion: asString(b.attribute('kubernetes_version')),
    skuTier: asString(b.attribute('sku_tier')),
    enablePrivateCluster: asBoolean(b.attribute('private_cluster_enabled')),
    authorizedIpRanges: asStringList(firstOf(apiAccess?.attribute('authorized_ip_ranges'), b.attribute('api_server_authorized_ip_ranges'))),
    publicNetworkAccess: publicAccess && { ...publicAccess, value: mapResolved(publicAccess.value, (open) => (open ? 'Enabled' : 'Disabled')) },
    outboundType: asString(network?.attribute('outbound_type')),
    networkPolicy: asString(network?.attribute('network_policy')),
    networkPlugin: asString(network?.attribute('network_plugin')),
    addons: {
      ...defined('ingressApplicationGateway', presence(agic?.at, true)),
      ...defined('httpApplicationRouting', asBoolean(b.attribute('http_application_routing_enabled'))),
      ...defined('azureKeyvaultSecretsProvider', presence(b.blocks('key_vault_secrets_provider')[0]?.at, true)),
      ...defined('azurepolicy', asBoolean(b.attribute('azure_policy_enabled'))),
      ...defined('omsagent', presence(b.blocks('oms_agent')[0]?.at, true)),
    },
    agicGatewayId: asString(agic?.attribute('gateway_id')),
    azureMonitorMetrics: presence(b.blocks('monitor_metrics')[0]?.at, true),
    oidcIssuer: asBoolean(b.attribute('oidc_issuer_enabled')),
    workloadIdentity: asBoolean(b.attribute('workload_identity_enabled')),
    defender: presence(b.blocks('microsoft_defender')[0]?.at, true),
    upgradeChannel: asString(firstOf(b.attribute('automatic_upgrade_channel'), b.attribute('automatic_channel_upgrade'))),
    nodeOsUpgradeChannel: asString(firstOf(b.attribute('node_os_upgrade_channel'), b.attribute('node_os_channel_upgrade'))),
    // v4 has only managed AAD; v3 and older say `managed = true`.
    aadManaged: aad ? (asBoolean(aad.attribute('managed')) ?? presence(aad.at, true)) : legacyAad ? (asBoolean(legacyAad.attribute('managed')) ?? presence(legacyAad.at, false)) : undefined,
    azureRbac: asBoolean(firstOf(aad?.attribute('azure_rbac_enabled'), legacyAad?.attribute('azure_rbac_enabled'))),
    disableLocalAccounts: asBoolean(b.attribute('local_account_disabled')),
    enableRbac: asBoolean(firstOf(b.attribute('role_based_access_control_enabled'), legacyRbac?.attribute('enabled'))),
    identityType: asString(identity?.attribute('type')),
    servicePrincipalClientId: asString(servicePrincipal?.attribute('client_id')),
    // Only whether it is a literal, never the value itself.
    servicePrincipalSecretLiteral: secret && { at: secret.at, value: { known: true, value: secret.via === undefined && secret.value.known && typeof secret.value.value === 'string' && secret.value.value !== '' } },
    nodePools: [...inlinePools, ...separatePools],
  };
}

function nodePool(b: Block, r: TerraformResource, separate: boolean): NodePool {
  const name = asString(b.attribute('name'));
  const label = name?.value.known ? name.value.value : separate ? r.address : 'default_node_pool';
  return {
    kind: 'node-pool',
    id: separate ? r.address : `${r.address}/${label}`,
    displayName: label,
    format: r.format,
    at: b.at,
    name,
    mode: asString(b.attribute('mode')) ?? (separate ? undefined : { value: { known: true, value: 'System' }, at: b.at }),
    orchestratorVersion: asString(b.attribute('orchestrator_version')),
    enableAutoScaling: asBoolean(firstOf(b.attribute('auto_scaling_enabled'), b.attribute('enable_auto_scaling'))),
    minCount: asNumber(b.attribute('min_count')),
    maxCount: asNumber(b.attribute('max_count')),
    availabilityZones: asStringList(firstOf(b.attribute('zones'), b.attribute('availability_zones'))),
    enableNodePublicIP: asBoolean(firstOf(b.attribute('node_public_ip_enabled'), b.attribute('enable_node_public_ip'))),
    subnetId: asString(b.attribute('vnet_subnet_id')),
    separate,
  };
}

function diagnosticSetting(r: TerraformResource): DiagnosticSetting {
  const b = r.body;
  const categories: string[] = [];
  let unknown: string | undefined;
  // v4: enabled_log { category | category_group }; v3: log { category, enabled }.
  for (const log of [...b.blocks('enabled_log'), ...b.blocks('log')]) {
    const enabled = asBoolean(log.attribute('enabled'));
    if (enabled?.value.known === true && !enabled.value.value) continue;
    for (const name of ['category', 'category_group']) {
      const value = asString(log.attribute(name));
      if (value?.value.known) categories.push(value.value.value);
      else if (value && !value.value.known) unknown = value.value.reason;
    }
  }
  const target = b.attribute('target_resource_id');
  return {
    ...base(r),
    kind: 'diagnostic-setting',
    targetId: target ? mapResolved(asString(target)?.value ?? target.value, String) : { known: false, reason: 'target_resource_id is not set' },
    enabledLogs: { at: b.at, value: unknown !== undefined && categories.length === 0 ? { known: false, reason: unknown } : { known: true, value: categories } },
  };
}

function applicationGateway(r: TerraformResource): ApplicationGateway {
  const b = r.body;
  const waf = b.blocks('waf_configuration')[0];
  const ssl = b.blocks('ssl_policy')[0];
  return {
    ...base(r),
    kind: 'application-gateway',
    skuTier: asString(b.blocks('sku')[0]?.attribute('tier')),
    wafEnabled: asBoolean(waf?.attribute('enabled')),
    wafMode: asString(waf?.attribute('firewall_mode')),
    firewallPolicyId: asString(b.attribute('firewall_policy_id')),
    minTlsVersion: asString(firstOf(ssl?.attribute('min_protocol_version'), ssl?.attribute('policy_name'))),
  };
}

function wafPolicy(r: TerraformResource): WafPolicy {
  const settings = r.body.blocks('policy_settings')[0];
  return { ...base(r), kind: 'waf-policy', enabled: asBoolean(settings?.attribute('enabled')), mode: asString(settings?.attribute('mode')) };
}

function routeTable(r: TerraformResource, all: readonly TerraformResource[]): RouteTable {
  const inline = r.body.blocks('route');
  // azurerm_route resources name their table by `route_table_name = azurerm_route_table.x.name`.
  const separate = all.filter((other) => other.type === 'azurerm_route' && reference(other.body.attribute('route_table_name')) === r.address).map((other) => other.body);
  // azurerm_subnet_route_table_association { subnet_id = azurerm_subnet.x.id, route_table_id = azurerm_route_table.y.id }.
  const subnetIds = all
    .filter((other) => other.type === 'azurerm_subnet_route_table_association' && reference(other.body.attribute('route_table_id')) === r.address)
    .map((other): Resolved<string> => asString(other.body.attribute('subnet_id'))?.value ?? { known: false, reason: 'subnet_id is not set' });
  return {
    ...base(r),
    kind: 'route-table',
    subnetIds,
    routes: [...inline, ...separate].flatMap((route) => {
      const addressPrefix = asString(route.attribute('address_prefix'));
      const nextHopType = asString(route.attribute('next_hop_type'));
      return addressPrefix && nextHopType ? [{ addressPrefix, nextHopType, at: route.at }] : [];
    }),
  };
}

function alertRule(r: TerraformResource): AlertRule {
  const b = r.body;
  const scopes = asStringList(b.attribute('scopes')) ?? asStringList(wrapList(b.attribute('data_source_id')));
  return { ...base(r), kind: 'alert-rule', scopes: scopes ?? { at: b.at, value: { known: true, value: [] } } };
}

function wrapList(field: Field<unknown> | undefined): Field<unknown> | undefined {
  return field && { ...field, value: mapResolved(field.value, (v) => [v]) };
}

/** The address a reference attribute points at (`azurerm_kubernetes_cluster.main`), when known. */
function reference(field: Field<unknown> | undefined): string | undefined {
  return field?.value.known && typeof field.value.value === 'string' ? field.value.value.replace(/\.(id|name)$/, '') : undefined;
}

function mapResolved<A, B>(value: Resolved<A>, f: (a: A) => B): Resolved<B> {
  return value.known ? { known: true, value: f(value.value) } : value;
}

function defined<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Partial<Record<K, V>>);
}
