// Calls of the Azure Verified Module (AVM) for AKS, from a registry, mapped into the model: the module
// itself is never fetched, but the arguments passed to it are read. The parameter names and what the
// module does with them come from the module sources:
// - Bicep `br/public:avm/res/container-service/managed-cluster`: main.bicep of 0.9–0.11 (one parameter
//   per setting: `enableWorkloadIdentity`, `aadProfile.aadProfileManaged`, …) and of 0.12+ (API-typed
//   objects: `securityProfile.workloadIdentity.enabled`, `aadProfile.managed`, …, CHANGELOG 0.12.0);
//   both spellings are read, they never collide.
// - Terraform `Azure/avm-res-containerservice-managedcluster/azurerm`: variables.tf of the AzAPI
//   generation the 0.6.x calls use (`parent_id`, `aad_profile`, `default_agent_pool`, `addon_profile_*`).
// An argument that is not passed is unknown, "left to the default of registry module …": the module's
// defaults differ from Azure's (AVM Bicep defaults disableLocalAccounts to true, publicNetworkAccess to
// 'Disabled') and between its versions, so none is assumed.

import { PSEUDO_SEGMENT } from '../../documents/arm/expression-values.js';
import type { AddonName, AksCluster, Field, NodePool, Resolved, SourceLocation, Unresolved } from '../../documents/cluster/model.js';
import type { Body, Expression, Range } from '../../documents/terraform/hcl-ast.js';
import { evaluate } from '../../documents/terraform/hcl-evaluate.js';
import { asBoolean, asNumber, asString, asStringList } from './fields.js';

export type ModuleLanguage = 'bicep' | 'terraform';

/** One argument as written in the call: its value as a whole, and the members or items of a literal. */
export interface ModuleArgument {
  readonly at: SourceLocation;
  readonly value: Resolved<unknown>;
  /** How a value that is not a literal was obtained: `default of parameter "x"`, `var.x`. */
  readonly via?: string;
  /** Members of an object literal, each with its own line. */
  readonly members?: ReadonlyMap<string, ModuleArgument>;
  /** Items of an array literal. */
  readonly items?: readonly ModuleArgument[];
}

export interface ModuleCall {
  readonly language: ModuleLanguage;
  /** Bicep symbolic name (`managedCluster`), Terraform address (`module.aks`, `module.aks["x"]`). */
  readonly address: string;
  /** As written: `br/public:avm/res/container-service/managed-cluster:0.9.0`, `Azure/avm-res-containerservice-managedcluster/azurerm`. */
  readonly source: string;
  /** Terraform `version` when it is a literal. */
  readonly version?: string | undefined;
  readonly at: SourceLocation;
  readonly arguments: ReadonlyMap<string, ModuleArgument>;
}

export interface AvmRead {
  readonly cluster: AksCluster;
  /** What could not be read of it (a list of node pools that is not a literal). */
  readonly unresolved: readonly Unresolved[];
}

const BICEP_AKS = /^(?:br\/public:avm|br:mcr\.microsoft\.com\/bicep\/avm)\/res\/container-service\/managed-cluster(?::[\w.-]+|@sha256:[0-9a-f]+)$/i;
// A `//subdir` names one of its submodules (agentpool, …), not the cluster.
const TERRAFORM_AKS = /^(?:registry\.terraform\.io\/)?azure\/avm-res-containerservice-managedcluster\/azurerm$/i;

/** Whether a module source is the AVM AKS module of the registry. */
export function isAvmAksModule(language: ModuleLanguage, source: string): boolean {
  return (language === 'bicep' ? BICEP_AKS : TERRAFORM_AKS).test(source.trim());
}

/** Why the module call itself is listed in `unresolved` although a cluster was read from it. */
export const AVM_ARGUMENTS_READ = 'it is not read; the arguments passed to it are';

type ScalarField =
  | 'name'
  | 'location'
  | 'kubernetesVersion'
  | 'skuTier'
  | 'enablePrivateCluster'
  | 'authorizedIpRanges'
  | 'publicNetworkAccess'
  | 'outboundType'
  | 'networkPlugin'
  | 'networkPolicy'
  | 'agicGatewayId'
  | 'azureMonitorMetrics'
  | 'oidcIssuer'
  | 'workloadIdentity'
  | 'defender'
  | 'podIdentity'
  | 'upgradeChannel'
  | 'nodeOsUpgradeChannel'
  | 'aadManaged'
  | 'azureRbac'
  | 'disableLocalAccounts'
  | 'enableRbac'
  | 'servicePrincipalClientId';

type PoolField = 'name' | 'mode' | 'orchestratorVersion' | 'enableAutoScaling' | 'minCount' | 'maxCount' | 'availabilityZones' | 'enableNodePublicIP';

/** Dotted argument paths, first match wins (alternatives are the spellings of different module versions). */
interface Table {
  readonly fields: Readonly<Record<ScalarField, readonly string[]>>;
  /** Each add-on: its enabling flag, and for two of them the id without which the module leaves it off. */
  readonly addons: Readonly<Record<AddonName, { readonly flag: readonly string[]; readonly requires?: readonly string[] }>>;
  /** Container Insights through azureMonitorProfile.containerInsights: on when this is, whatever the omsagent add-on. */
  readonly containerInsights?: readonly string[];
  readonly identity: { readonly system: string; readonly user: string };
  readonly secret: string;
  readonly pools: { readonly inline: readonly string[]; readonly separate: string; readonly fields: Readonly<Record<PoolField, string>> };
  /** Bicep: `networkDataplane == 'cilium' ? 'cilium' : networkPolicy` in every version read. */
  readonly dataplane?: string;
}

const BICEP: Table = {
  fields: {
    name: ['name'],
    location: ['location'],
    kubernetesVersion: ['kubernetesVersion'],
    skuTier: ['skuTier'],
    enablePrivateCluster: ['enablePrivateCluster', 'apiServerAccessProfile.enablePrivateCluster'],
    authorizedIpRanges: ['authorizedIPRanges', 'apiServerAccessProfile.authorizedIPRanges'],
    publicNetworkAccess: ['publicNetworkAccess'],
    outboundType: ['outboundType'],
    networkPlugin: ['networkPlugin'],
    networkPolicy: ['networkPolicy'],
    agicGatewayId: ['appGatewayResourceId'],
    azureMonitorMetrics: ['enableAzureMonitorProfileMetrics', 'azureMonitorProfile.metrics.enabled'],
    oidcIssuer: ['enableOidcIssuerProfile'],
    workloadIdentity: ['enableWorkloadIdentity', 'securityProfile.workloadIdentity.enabled'],
    defender: ['enableAzureDefender', 'securityProfile.defender.securityMonitoring.enabled'],
    podIdentity: ['podIdentityProfileEnable', 'podIdentityProfile.enabled'],
    upgradeChannel: ['autoUpgradeProfileUpgradeChannel', 'autoUpgradeProfile.upgradeChannel'],
    nodeOsUpgradeChannel: ['autoNodeOsUpgradeProfileUpgradeChannel', 'autoUpgradeProfile.nodeOSUpgradeChannel'],
    // 0.9–0.11 wrap the ARM names in aadProfile* keys; 0.12+ pass the ARM aadProfile; older ones had top-level parameters.
    aadManaged: ['aadProfile.aadProfileManaged', 'aadProfile.managed', 'aadProfileManaged'],
    azureRbac: ['aadProfile.aadProfileEnableAzureRBAC', 'aadProfile.enableAzureRBAC', 'aadProfileEnableAzureRBAC'],
    disableLocalAccounts: ['disableLocalAccounts'],
    enableRbac: ['enableRBAC'],
    servicePrincipalClientId: ['aksServicePrincipalProfile.clientId'],
  },
  addons: {
    // addonProfiles.x.enabled: `ingressApplicationGatewayEnabled && !empty(appGatewayResourceId)`, `omsAgentEnabled && !empty(monitoringWorkspaceResourceId)`.
    ingressApplicationGateway: { flag: ['ingressApplicationGatewayEnabled'], requires: ['appGatewayResourceId'] },
    httpApplicationRouting: { flag: ['httpApplicationRoutingEnabled'] },
    azureKeyvaultSecretsProvider: { flag: ['enableKeyvaultSecretsProvider'] },
    azurepolicy: { flag: ['azurePolicyEnabled'] },
    omsagent: { flag: ['omsAgentEnabled'], requires: ['monitoringWorkspaceResourceId', 'monitoringWorkspaceId'] },
  },
  // Before 0.12 (read in a pre-0.9 main.bicep; aks-store-demo passes it to 0.9.0): `azureMonitorProfile: { containerInsights:
  // enableContainerInsights ? { enabled: enableContainerInsights, … } : null }`, a second way to Container Insights (agent
  // ama-logs) beside the omsagent add-on; 0.12+ take the ARM azureMonitorProfile as it is (HEAD: `azureMonitorProfile: azureMonitorProfile`).
  containerInsights: ['enableContainerInsights', 'azureMonitorProfile.containerInsights.enabled'],
  // `type: systemAssigned ? 'SystemAssigned' : (!empty(userAssignedResourceIds) ? 'UserAssigned' : null)`.
  identity: { system: 'managedIdentities.systemAssigned', user: 'managedIdentities.userAssignedResourceIds' },
  secret: 'aksServicePrincipalProfile.secret',
  pools: {
    inline: ['primaryAgentPoolProfiles', 'primaryAgentPoolProfile'],
    // Deployed by the module as managedClusters/agentPools children.
    separate: 'agentPools',
    fields: {
      name: 'name',
      mode: 'mode',
      orchestratorVersion: 'orchestratorVersion',
      enableAutoScaling: 'enableAutoScaling',
      minCount: 'minCount',
      maxCount: 'maxCount',
      availabilityZones: 'availabilityZones',
      enableNodePublicIP: 'enableNodePublicIP',
    },
  },
  dataplane: 'networkDataplane',
};

const TERRAFORM: Table = {
  fields: {
    name: ['name'],
    location: ['location'],
    kubernetesVersion: ['kubernetes_version'],
    skuTier: ['sku.tier'],
    enablePrivateCluster: ['api_server_access_profile.enable_private_cluster'],
    authorizedIpRanges: ['api_server_access_profile.authorized_ip_ranges'],
    publicNetworkAccess: ['public_network_access'],
    outboundType: ['network_profile.outbound_type'],
    networkPlugin: ['network_profile.network_plugin'],
    networkPolicy: ['network_profile.network_policy'],
    agicGatewayId: ['addon_profile_ingress_application_gateway.config.application_gateway_id'],
    azureMonitorMetrics: ['azure_monitor_profile.metrics.enabled'],
    oidcIssuer: ['oidc_issuer_profile.enabled'],
    workloadIdentity: ['security_profile.workload_identity.enabled'],
    defender: ['security_profile.defender.security_monitoring.enabled'],
    podIdentity: ['pod_identity_profile.enabled'],
    upgradeChannel: ['auto_upgrade_profile.upgrade_channel'],
    // The variable's object type names it node_os_upgrade_channel; Terraform drops attributes a type does not declare.
    nodeOsUpgradeChannel: ['auto_upgrade_profile.node_os_upgrade_channel'],
    aadManaged: ['aad_profile.managed'],
    azureRbac: ['aad_profile.enable_azure_rbac'],
    disableLocalAccounts: ['disable_local_accounts'],
    enableRbac: ['enable_rbac'],
    servicePrincipalClientId: ['service_principal_profile.client_id'],
  },
  addons: {
    ingressApplicationGateway: { flag: ['addon_profile_ingress_application_gateway.enabled'] },
    // No variable of its own: only through addon_profiles_extra (merged into addonProfiles by key).
    httpApplicationRouting: { flag: ['addon_profiles_extra.httpApplicationRouting.enabled'] },
    azureKeyvaultSecretsProvider: { flag: ['addon_profile_key_vault_secrets_provider.enabled'] },
    azurepolicy: { flag: ['addon_profile_azure_policy.enabled'] },
    omsagent: { flag: ['addon_profile_oms_agent.enabled'] },
  },
  identity: { system: 'managed_identities.system_assigned', user: 'managed_identities.user_assigned_resource_ids' },
  secret: 'service_principal_profile.secret',
  pools: {
    inline: ['default_agent_pool'],
    separate: 'agent_pools',
    fields: {
      name: 'name',
      mode: 'mode',
      orchestratorVersion: 'orchestrator_version',
      enableAutoScaling: 'enable_auto_scaling',
      minCount: 'min_count',
      maxCount: 'max_count',
      availabilityZones: 'availability_zones',
      enableNodePublicIP: 'enable_node_public_ip',
    },
  },
};

/** The AKS cluster an AVM module call describes, from the arguments passed to it. */
export function mapAvmCluster(call: ModuleCall): AvmRead {
  const table = call.language === 'bicep' ? BICEP : TERRAFORM;
  const args = new Arguments(call);
  const f = (name: ScalarField): Field<unknown> => args.field(table.fields[name]);
  const name = asString(f('name'));
  const clusterName = name?.value.known ? name.value.value : undefined;
  const id =
    call.language === 'bicep' ? `/subscriptions/${PSEUDO_SEGMENT}/resourceGroups/${PSEUDO_SEGMENT}/providers/Microsoft.ContainerService/managedClusters/${clusterName ?? PSEUDO_SEGMENT}` : call.address;
  const displayName = call.language === 'bicep' ? (clusterName ?? call.address) : call.address;
  const unresolved: Unresolved[] = [];
  const addons: Partial<Record<AddonName, Field<boolean>>> = {};
  for (const [addon, rule] of Object.entries(table.addons) as [AddonName, Table['addons'][AddonName]][]) {
    const enabled = asBoolean(rule.requires ? args.requiring(rule.flag, rule.requires) : args.field(rule.flag));
    if (enabled) addons[addon] = enabled;
  }
  // The model has one "Container Insights" field, addons.omsagent, the one monitoring-enabled reads.
  const insights = table.containerInsights && eitherOn(addons.omsagent, asBoolean(args.field(table.containerInsights)));
  if (insights) addons.omsagent = insights;
  const secret = args.find(table.secret);
  const cluster: AksCluster = {
    kind: 'cluster',
    id,
    displayName,
    format: call.language,
    at: call.at,
    name,
    location: asString(f('location')),
    kubernetesVersion: asString(f('kubernetesVersion')),
    skuTier: asString(f('skuTier')),
    enablePrivateCluster: asBoolean(f('enablePrivateCluster')),
    authorizedIpRanges: asStringList(f('authorizedIpRanges')),
    publicNetworkAccess: asString(f('publicNetworkAccess')),
    outboundType: asString(f('outboundType')),
    networkPolicy: asString(table.dataplane ? args.networkPolicy(table.fields.networkPolicy, table.dataplane) : f('networkPolicy')),
    networkPlugin: asString(f('networkPlugin')),
    addons,
    agicGatewayId: asString(f('agicGatewayId')),
    azureMonitorMetrics: asBoolean(f('azureMonitorMetrics')),
    oidcIssuer: asBoolean(f('oidcIssuer')),
    workloadIdentity: asBoolean(f('workloadIdentity')),
    defender: asBoolean(f('defender')),
    podIdentity: asBoolean(f('podIdentity')),
    upgradeChannel: asString(f('upgradeChannel')),
    nodeOsUpgradeChannel: asString(f('nodeOsUpgradeChannel')),
    aadManaged: asBoolean(f('aadManaged')),
    azureRbac: asBoolean(f('azureRbac')),
    disableLocalAccounts: asBoolean(f('disableLocalAccounts')),
    enableRbac: asBoolean(f('enableRbac')),
    identityType: asString(args.identity(table.identity)),
    servicePrincipalClientId: asString(f('servicePrincipalClientId')),
    // Only whether it is a literal, never the value itself; nothing passed means no secret in the file.
    servicePrincipalSecretLiteral: secret && { at: secret.at, value: { known: true, value: secret.via === undefined && secret.value.known && typeof secret.value.value === 'string' && secret.value.value !== '' } },
    nodePools: nodePools(args, table, call, id, displayName, unresolved),
  };
  return { cluster, unresolved };
}

function nodePools(args: Arguments, table: Table, call: ModuleCall, clusterId: string, clusterName: string, unresolved: Unresolved[]): NodePool[] {
  const pools: NodePool[] = [];
  const poolId = (label: string): string => (call.language === 'bicep' ? `${clusterId}/agentPools/${label}` : `${clusterId}/${label}`);
  const add = (item: ModuleArgument, separate: boolean, fallbackName: string, mode?: Field<unknown>): void => {
    const p = (field: PoolField): Field<unknown> => args.field([table.pools.fields[field]], item);
    const name = asString(p('name'));
    const label = name?.value.known ? name.value.value : fallbackName;
    pools.push({
      kind: 'node-pool',
      id: poolId(label),
      displayName: label,
      format: call.language,
      at: item.at,
      name,
      mode: asString(mode ?? p('mode')),
      orchestratorVersion: asString(p('orchestratorVersion')),
      enableAutoScaling: asBoolean(p('enableAutoScaling')),
      minCount: asNumber(p('minCount')),
      maxCount: asNumber(p('maxCount')),
      availabilityZones: asStringList(p('availabilityZones')),
      enableNodePublicIP: asBoolean(p('enableNodePublicIP')),
      separate,
    });
  };
  const notRead = (what: string, reason: string, at: SourceLocation): void => {
    unresolved.push({ what: `${what} of ${clusterName}`, reason, at });
  };
  const inline = args.argument(table.pools.inline);
  if (call.language === 'terraform') {
    // default_agent_pool is one object; "os_type and mode … are automatically set to Linux and System" (its description).
    if (inline?.value.known === false && !inline.members) notRead('the default agent pool', inline.value.reason, inline.at);
    else if (inline) add(inline, false, 'systempool', { at: inline.at, value: { known: true, value: 'System' } });
  } else {
    for (const item of listOf(inline, (what, reason, at) => notRead(what, reason, at), 'the primary agent pools')) add(item, false, `pool${pools.length}`);
  }
  const separate = args.argument([table.pools.separate]);
  for (const item of listOf(separate, (what, reason, at) => notRead(what, reason, at), 'the agent pools')) add(item, true, item.key ?? `pool${pools.length}`);
  if (inline === undefined) notRead(call.language === 'bicep' ? 'the primary agent pools' : 'the default agent pool', args.defaultReason, call.at);
  return pools;
}

/** The items of a list argument (Bicep array, Terraform map of objects), each with its key for a map. */
function listOf(
  arg: ModuleArgument | undefined,
  notRead: (what: string, reason: string, at: SourceLocation) => void,
  what: string,
): (ModuleArgument & { readonly key?: string })[] {
  if (arg === undefined || (arg.value.known && arg.value.value === null)) return [];
  if (arg.items) return [...arg.items];
  if (arg.members) return [...arg.members].map(([key, member]) => ({ ...member, key }));
  if (!arg.value.known) {
    notRead(what, arg.value.reason, arg.at);
    return [];
  }
  const value = arg.value.value;
  const entries = Array.isArray(value) ? value.map((v: unknown) => [undefined, v] as const) : isPlainObject(value) ? Object.entries(value) : [];
  return entries.map(([key, v]) => ({ at: arg.at, value: { known: true, value: v }, ...(arg.via !== undefined ? { via: arg.via } : {}), ...(key !== undefined ? { key } : {}) }));
}

type Lookup = { readonly found: ModuleArgument } | { readonly absent: ModuleArgument | undefined };

/** The arguments of one call, looked up by dotted path (Bicep names case-insensitively, as ARM does). */
class Arguments {
  private readonly root: ModuleArgument;
  readonly defaultReason: string;

  constructor(private readonly call: ModuleCall) {
    this.root = { at: call.at, value: { known: true, value: {} }, members: call.arguments };
    this.defaultReason = `left to the default of registry module ${call.source}${call.version !== undefined ? ` ${call.version}` : ''}`;
  }

  /** The first of the paths that is passed, as a field; unknown with the default reason when none is. */
  field(paths: readonly string[], from: ModuleArgument = this.root): Field<unknown> {
    let parent: ModuleArgument | undefined;
    for (const path of paths) {
      const lookup = this.lookup(path, from);
      if ('found' in lookup) return toField(lookup.found);
      parent ??= lookup.absent;
    }
    return { at: (parent ?? from).at, value: { known: false, reason: this.defaultReason } };
  }

  /** A field when one of the paths is passed, otherwise undefined. */
  find(path: string): Field<unknown> | undefined {
    const lookup = this.lookup(path, this.root);
    return 'found' in lookup ? toField(lookup.found) : undefined;
  }

  argument(paths: readonly string[]): ModuleArgument | undefined {
    for (const path of paths) {
      const lookup = this.lookup(path, this.root);
      if ('found' in lookup) return lookup.found;
    }
    return undefined;
  }

  /**
   * An add-on the module enables only when its flag is true and an id is given (`a && !empty(b)`). An id
   * passed as null leaves it off like '': the id parameters are nullable without a default in every
   * version read (`string?`), so the module sees the null.
   */
  requiring(flag: readonly string[], requires: readonly string[]): Field<unknown> {
    const enabled = asBoolean(this.field(flag));
    const id = this.passed(requires);
    if (id?.value.known && (id.value.value === '' || id.value.value === null)) return { ...toField(id), value: { known: true, value: false } };
    if (enabled?.value.known && !enabled.value.value) return enabled;
    if (id && !id.value.known) return toField(id);
    if (!id) return { at: enabled?.at ?? this.call.at, value: { known: false, reason: this.defaultReason } };
    return enabled ?? { at: id.at, value: { known: false, reason: this.defaultReason } };
  }

  /** `networkPolicy: networkDataplane == 'cilium' ? 'cilium' : networkPolicy` (Bicep, every version read; networkDataplane has no default). */
  networkPolicy(policyPaths: readonly string[], dataplanePath: string): Field<unknown> {
    const policy = this.field(policyPaths);
    const dataplane = this.find(dataplanePath);
    if (dataplane === undefined || (dataplane.value.known && dataplane.value.value !== 'cilium')) return policy;
    if (!dataplane.value.known) return dataplane;
    if (policy.value.known && policy.value.value === 'cilium') return policy;
    return { at: dataplane.at, value: { known: true, value: 'cilium' }, via: `${dataplanePath} "cilium" (the module then sets the network policy to cilium)` };
  }

  /** SystemAssigned when asked for, else UserAssigned when identities are listed (the module allows one type). */
  identity(paths: Table['identity']): Field<unknown> {
    const system = this.find(paths.system);
    if (system && (!system.value.known || system.value.value === true)) return system.value.known ? { ...system, value: { known: true, value: 'SystemAssigned' } } : system;
    const user = this.find(paths.user);
    if (user && !user.value.known) return user;
    if (user?.value.known && Array.isArray(user.value.value) && user.value.value.length > 0) return { ...user, value: { known: true, value: 'UserAssigned' } };
    const parent = this.argument([paths.system.split('.')[0] ?? '']);
    if (parent && !parent.value.known && !parent.members) return toField(parent);
    if (parent) return { at: parent.at, value: { known: false, reason: 'no managed identity is named in it' } };
    return this.field([paths.system]);
  }

  /** The first of the paths that is passed, a null included. */
  private passed(paths: readonly string[]): ModuleArgument | undefined {
    for (const path of paths) {
      const lookup = this.lookup(path, this.root, true);
      if ('found' in lookup) return lookup.found;
    }
    return undefined;
  }

  /** A null passed reads as not passed, unless `nullAtEnd` and it is the last key. */
  private lookup(path: string, from: ModuleArgument, nullAtEnd = false): Lookup {
    let current = from;
    const keys = path.split('.');
    for (const [index, key] of keys.entries()) {
      const next = this.member(current, key);
      if (next === 'unknown') return { found: current };
      const isNull = next !== undefined && next.value.known && next.value.value === null;
      if (next === undefined || (isNull && !(nullAtEnd && index === keys.length - 1))) return { absent: current === this.root ? undefined : current };
      current = next;
    }
    return { found: current };
  }

  /** A member of an object argument: written in the literal, or read from a known value; 'unknown' when the object is. */
  private member(arg: ModuleArgument, key: string): ModuleArgument | 'unknown' | undefined {
    if (arg.members) return getKey(arg.members, key, this.call.language === 'bicep');
    if (!arg.value.known) return 'unknown';
    const value = arg.value.value;
    if (!isPlainObject(value)) return undefined;
    const map = new Map(Object.entries(value));
    const found = getKey(map, key, this.call.language === 'bicep');
    return found === undefined ? undefined : { at: arg.at, value: { known: true, value: found }, ...(arg.via !== undefined ? { via: arg.via } : {}) };
  }
}

/** On when either is on; off when both are known off (placed on the first); otherwise the first that is unknown. */
function eitherOn(first: Field<boolean> | undefined, second: Field<boolean> | undefined): Field<boolean> | undefined {
  const fields = [first, second].filter((f): f is Field<boolean> => f !== undefined);
  return fields.find((f) => f.value.known && f.value.value) ?? fields.find((f) => !f.value.known) ?? fields[0];
}

function getKey<V>(map: ReadonlyMap<string, V>, key: string, ignoreCase: boolean): V | undefined {
  const exact = map.get(key);
  if (exact !== undefined || !ignoreCase) return exact;
  const lower = key.toLowerCase();
  for (const [k, v] of map) if (k.toLowerCase() === lower) return v;
  return undefined;
}

function toField(arg: ModuleArgument): Field<unknown> {
  return arg.via === undefined ? { at: arg.at, value: arg.value } : { at: arg.at, value: arg.value, via: arg.via };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// --- Terraform: a module block's attributes as arguments -------------------------------------------

/** How the Terraform reader evaluates one expression of the call (in its scope): the value and how it was obtained. */
export type SettleExpression = (expr: Expression) => { readonly value: Resolved<unknown>; readonly via?: string | undefined };

const META_ARGUMENTS: ReadonlySet<string> = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);
const MAX_NESTING = 32;

/** The arguments of a `module` block: each attribute, with the members and items of object and tuple literals on their own lines. */
export function terraformArguments(body: Body, file: string, settle: SettleExpression): Map<string, ModuleArgument> {
  const args = new Map<string, ModuleArgument>();
  for (const item of body.items) {
    if (item.kind === 'attribute' && !META_ARGUMENTS.has(item.name)) args.set(item.name, hclArgument(item.value, location(file, item.nameRange), settle, 0));
  }
  return args;
}

function hclArgument(expr: Expression, at: SourceLocation, settle: SettleExpression, depth: number): ModuleArgument {
  const { value, via } = settle(expr);
  const base: ModuleArgument = via === undefined ? { at, value } : { at, value, via };
  const inner = expr.kind === 'parens' ? expr.expr : expr;
  if (depth >= MAX_NESTING) return base;
  if (inner.kind === 'object') {
    const members = new Map<string, ModuleArgument>();
    for (const item of inner.items) {
      const key = evaluate(item.key);
      if (key.kind === 'known' && typeof key.value === 'string') members.set(key.value, hclArgument(item.value, location(at.file, item.key.range), settle, depth + 1));
    }
    return { ...base, members };
  }
  if (inner.kind === 'tuple') return { ...base, items: inner.items.map((e) => hclArgument(e, location(at.file, e.range), settle, depth + 1)) };
  return base;
}

function location(path: string, range: Range): SourceLocation {
  return { file: path, region: { startLine: range.start.line, startColumn: range.start.column, endLine: range.end.line, endColumn: range.end.column } };
}
