// ARM templates (hand-written, or compiled from Bicep) → the normalized model. Resources are found
// wherever templates put them: a `resources` array or a symbolic-name object (languageVersion 2.0),
// nested child resources, and inline templates of nested deployments. Every property is evaluated
// with the template's parameters (defaults, or a parameters file) and variables; what cannot be known
// before deployment stays unknown with the reason. Copy loops are never expanded: a resource in a loop
// is read once, so a loop of 100,000 costs what a loop of one does.

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
  SourceLocation,
  TrafficController,
  TrafficRouter,
  Unresolved,
  WafPolicy,
} from '../../documents/cluster/model.js';
import { evaluateValue, isExpression, Scope, toEvaluated, Unknown, type PartialValue } from '../../documents/arm/expressions.js';
import { getProperty, isRecord as isPartialRecord, PSEUDO_SEGMENT } from '../../documents/arm/expression-values.js';
import { isRecord } from '../../documents/manifest.js';
import type { Path } from '../../documents/locator.js';
import { asBoolean, asNumber, asString, asStringList } from './fields.js';

/** Where a path of the template is written (a JSON file, or the Bicep source it was compiled from). */
export type Locate = (path: Path) => SourceLocation;

export interface ArmTemplateInput {
  readonly template: unknown;
  readonly locate: Locate;
  readonly format: 'arm' | 'bicep';
  /** Values from a parameters file: `{ name: value }` (the file's `parameters.<name>.value`, or an Unknown). */
  readonly parameterValues?: Readonly<Record<string, unknown>>;
}

const MAX_DEPLOYMENT_DEPTH = 8;
const MAX_VIA = 80;
const CLUSTER = 'microsoft.containerservice/managedclusters';

interface ArmResource {
  /** Full type, children qualified: `Microsoft.ContainerService/managedClusters/agentPools`. */
  readonly type: string;
  /** Full name as ARM reads it (`aks1/pool1`), evaluated; unknown keeps the reason. */
  readonly name: Resolved<string>;
  readonly raw: Record<string, unknown>;
  readonly path: Path;
  readonly scope: Scope;
  readonly locate: Locate;
  /** The evaluated resource (properties, sku, identity, location, zones, scope, …). */
  readonly value: PartialValue;
}

export function readArmTemplate(input: ArmTemplateInput): Infrastructure {
  const unresolved: Unresolved[] = [];
  const resources: ArmResource[] = [];
  collectTemplate(input.template, [], input.locate, parametersScope(input.template, input.parameterValues), resources, unresolved, 0);
  return mapResources(resources, input.format, unresolved);
}

/** The template's parameters (a parameters file's value, else the default) and variables, as a Scope. */
function parametersScope(template: unknown, given: Readonly<Record<string, unknown>> = {}): Scope {
  const t = isRecord(template) ? template : {};
  const declared = isRecord(t.parameters) ? t.parameters : {};
  const values: Record<string, unknown> = {};
  const lowerGiven = new Map(Object.entries(given).map(([k, v]) => [k.toLowerCase(), v]));
  for (const [name, declaration] of Object.entries(declared)) {
    if (lowerGiven.has(name.toLowerCase())) {
      values[name] = lowerGiven.get(name.toLowerCase());
    } else if (isRecord(declaration) && 'defaultValue' in declaration) {
      // A default may use other parameters and functions: evaluate it with what is known so far.
      values[name] = evaluateValue(declaration.defaultValue, new Scope({ parameters: values, variables: isRecord(t.variables) ? t.variables : {} }));
    } else if (isRecord(declaration) && declaration.nullable === true) {
      // A nullable parameter that is not given is null (languageVersion 2.0; Bicep's `type?`).
      values[name] = null;
    }
  }
  return new Scope({ parameters: values, variables: isRecord(t.variables) ? t.variables : {} });
}

function collectTemplate(template: unknown, path: Path, locate: Locate, scope: Scope, out: ArmResource[], unresolved: Unresolved[], depth: number): void {
  if (!isRecord(template)) return;
  const list = template.resources;
  if (Array.isArray(list)) {
    list.forEach((r: unknown, i) => collectResource(r, [...path, 'resources', i], undefined, locate, scope, out, unresolved, depth));
  } else if (isRecord(list)) {
    // languageVersion 2.0: resources keyed by symbolic name; `existing` ones are references, not deployments.
    for (const [symbol, r] of Object.entries(list)) {
      if (isRecord(r) && r.existing === true) continue;
      collectResource(r, [...path, 'resources', symbol], undefined, locate, scope, out, unresolved, depth);
    }
  }
}

function collectResource(
  raw: unknown,
  path: Path,
  parent: { type: string; name: Resolved<string> } | undefined,
  locate: Locate,
  scope: Scope,
  out: ArmResource[],
  unresolved: Unresolved[],
  depth: number,
): void {
  if (!isRecord(raw) || typeof raw.type !== 'string') return;
  const condition = raw.condition === undefined ? true : toEvaluated(evaluateValue(raw.condition, scope));
  if (condition !== true && condition.kind === 'known' && condition.value === false) return; // never deployed with these parameters

  const ownName = toResolvedString(evaluateValue(raw.name, scope));
  const type = parent ? `${parent.type}/${raw.type}` : raw.type;
  const name = parent && !(ownName.known && ownName.value.includes('/')) ? joinNames(parent.name, ownName) : ownName;
  const value = evaluateValue(pick(raw, ['properties', 'sku', 'identity', 'location', 'zones', 'scope', 'kind']), scope);
  out.push({ type, name, raw, path, scope, locate, value });

  if (Array.isArray(raw.resources)) {
    raw.resources.forEach((child: unknown, i) => collectResource(child, [...path, 'resources', i], { type, name }, locate, scope, out, unresolved, depth));
  }
  if (type.toLowerCase() === 'microsoft.resources/deployments') {
    nestedDeployment(raw, path, locate, scope, out, unresolved, depth);
  }
}

function nestedDeployment(raw: Record<string, unknown>, path: Path, locate: Locate, scope: Scope, out: ArmResource[], unresolved: Unresolved[], depth: number): void {
  const properties = isRecord(raw.properties) ? raw.properties : {};
  const at = locate(path);
  if (isRecord(properties.templateLink) || !isRecord(properties.template)) {
    const link = isRecord(properties.templateLink) ? 'a linked template' : 'a template that is not inline';
    unresolved.push({ what: `nested deployment ${describeName(toResolvedString(evaluateValue(raw.name, scope)))}`, reason: `${link} is not read`, at });
    return;
  }
  if (depth >= MAX_DEPLOYMENT_DEPTH) {
    unresolved.push({ what: 'nested deployment', reason: `nested deeper than ${MAX_DEPLOYMENT_DEPTH} deployments`, at });
    return;
  }
  const options = isRecord(properties.expressionEvaluationOptions) ? properties.expressionEvaluationOptions : {};
  const inner = String(options.scope).toLowerCase() === 'inner';
  let innerScope = scope;
  if (inner) {
    // Inner scope (what Bicep modules compile to): the nested template has its own parameters, passed in here.
    const passed: Record<string, unknown> = {};
    const given = isRecord(properties.parameters) ? properties.parameters : {};
    for (const [name, p] of Object.entries(given)) {
      if (isRecord(p) && 'value' in p) passed[name] = evaluateValue(p.value, scope);
      else if (isRecord(p) && 'reference' in p) passed[name] = new Unknown(`parameter "${name}" comes from Key Vault`);
    }
    innerScope = parametersScope(properties.template, passed);
  }
  collectTemplate(properties.template, [...path, 'properties', 'template'], locate, innerScope, out, unresolved, depth + 1);
}

function mapResources(resources: readonly ArmResource[], format: 'arm' | 'bicep', unresolved: Unresolved[]): Infrastructure {
  const ofType = (type: string): ArmResource[] => resources.filter((r) => r.type.toLowerCase() === type);
  const pools = ofType('microsoft.containerservice/managedclusters/agentpools').map((r) => ({ pool: nodePool(r, format, [], true), cluster: parentName(r.name) }));
  const clusters = ofType(CLUSTER).map((r) => {
    const name = r.name.known ? r.name.value : undefined;
    const mine = pools.filter((p) => p.cluster !== undefined && name !== undefined && p.cluster.toLowerCase() === name.toLowerCase()).map((p) => p.pool);
    return cluster(r, format, mine);
  });
  for (const p of pools) {
    if (!clusters.some((c) => p.cluster !== undefined && c.displayName.toLowerCase() === p.cluster.toLowerCase())) {
      unresolved.push({ what: `node pool ${p.pool.displayName}`, reason: p.cluster === undefined ? 'its cluster name cannot be resolved' : `its cluster ${p.cluster} is not in the inputs`, at: p.pool.at });
    }
  }
  const base = (r: ArmResource) => ({ id: armId(r), displayName: displayName(r), format, at: declaration(r) });
  const associations = subnetAssociations(ofType('microsoft.network/virtualnetworks/subnets'), ofType('microsoft.network/virtualnetworks'));
  return {
    clusters,
    diagnosticSettings: [...ofType('microsoft.insights/diagnosticsettings'), ...resources.filter((r) => /\/providers\/diagnosticsettings$/i.test(r.type))].map(
      (r): DiagnosticSetting => diagnosticSetting(r, base(r)),
    ),
    applicationGateways: ofType('microsoft.network/applicationgateways').map((r): ApplicationGateway => {
      const f = fields(r);
      return {
        ...base(r),
        kind: 'application-gateway',
        skuTier: asString(f(['properties', 'sku', 'tier'])),
        wafEnabled: asBoolean(f(['properties', 'webApplicationFirewallConfiguration', 'enabled'])),
        wafMode: asString(f(['properties', 'webApplicationFirewallConfiguration', 'firewallMode'])),
        firewallPolicyId: canonical(asString(f(['properties', 'firewallPolicy', 'id']))),
        minTlsVersion: asString(f(['properties', 'sslPolicy', 'minProtocolVersion'])) ?? asString(f(['properties', 'sslPolicy', 'policyName'])),
      };
    }),
    wafPolicies: ofType('microsoft.network/applicationgatewaywebapplicationfirewallpolicies').map((r): WafPolicy => {
      const f = fields(r);
      // `state` is "Enabled" or "Disabled" in ARM.
      const state = asString(f(['properties', 'policySettings', 'state']));
      const enabled = state && { ...state, value: mapResolved(state.value, (v) => v.toLowerCase() === 'enabled') };
      return { ...base(r), kind: 'waf-policy', enabled, mode: asString(f(['properties', 'policySettings', 'mode'])) };
    }),
    routeTables: ofType('microsoft.network/routetables').map((r): RouteTable => routeTable(r, base(r), ofType('microsoft.network/routetables/routes'), associations)),
    firewalls: ofType('microsoft.network/azurefirewalls').map((r): Firewall => ({ ...base(r), kind: 'firewall' })),
    trafficRouters: [
      ...ofType('microsoft.network/trafficmanagerprofiles').map((r): TrafficRouter => ({ ...base(r), kind: 'traffic-manager' })),
      ...[...ofType('microsoft.network/frontdoors'), ...ofType('microsoft.cdn/profiles').filter(isFrontDoorProfile)].map((r): TrafficRouter => ({ ...base(r), kind: 'front-door' })),
    ],
    // Application Gateway for Containers (Microsoft.ServiceNetworking/trafficControllers, api-version 2025-01-01:
    // github.com/Azure/bicep-types-az generated/servicenetworking). Its `frontends` and `associations` children are not read.
    trafficControllers: ofType('microsoft.servicenetworking/trafficcontrollers').map((r): TrafficController => ({ ...base(r), kind: 'traffic-controller' })),
    alertRules: ['microsoft.insights/metricalerts', 'microsoft.insights/scheduledqueryrules', 'microsoft.alertsmanagement/prometheusrulegroups']
      .flatMap(ofType)
      .map((r): AlertRule => ({ ...base(r), kind: 'alert-rule', scopes: canonicalList(asStringList(fields(r)(['properties', 'scopes']))) ?? { at: declaration(r), value: { known: true, value: [] } } })),
    unresolved,
  };
}

function cluster(r: ArmResource, format: 'arm' | 'bicep', separatePools: NodePool[]): AksCluster {
  const f = fields(r);
  const p = (...path: string[]): Field<unknown> | undefined => f(['properties', ...path]);
  const addon = (name: string): Field<boolean> | undefined => asBoolean(p('addonProfiles', name, 'enabled'));
  const inlinePools = arrayAt(r.value, ['properties', 'agentPoolProfiles']).map((_, i) => nodePool(r, format, ['properties', 'agentPoolProfiles', i], false));
  return {
    kind: 'cluster',
    id: armId(r),
    displayName: displayName(r),
    format,
    at: declaration(r),
    name: asString(f(['name'])),
    location: asString(f(['location'])),
    kubernetesVersion: asString(p('kubernetesVersion')),
    skuTier: asString(f(['sku', 'tier'])),
    enablePrivateCluster: asBoolean(p('apiServerAccessProfile', 'enablePrivateCluster')),
    authorizedIpRanges: asStringList(p('apiServerAccessProfile', 'authorizedIPRanges')),
    publicNetworkAccess: asString(p('publicNetworkAccess')),
    outboundType: asString(p('networkProfile', 'outboundType')),
    networkPolicy: asString(p('networkProfile', 'networkPolicy')),
    networkPlugin: asString(p('networkProfile', 'networkPlugin')),
    addons: definedEntries({
      ingressApplicationGateway: addon('ingressApplicationGateway'),
      httpApplicationRouting: addon('httpApplicationRouting'),
      azureKeyvaultSecretsProvider: addon('azureKeyvaultSecretsProvider'),
      azurepolicy: addon('azurepolicy'),
      omsagent: addon('omsagent') ?? addon('omsAgent'),
    }),
    agicGatewayId: canonical(asString(p('addonProfiles', 'ingressApplicationGateway', 'config', 'applicationGatewayId'))),
    // The ALB Controller add-on, in preview api-versions from 2025-09-02-preview (bicep-types-az, ManagedClusterIngressProfileApplicationLoadBalancer).
    albControllerAddon: asBoolean(p('ingressProfile', 'applicationLoadBalancer', 'enabled')),
    azureMonitorMetrics: asBoolean(p('azureMonitorProfile', 'metrics', 'enabled')),
    oidcIssuer: asBoolean(p('oidcIssuerProfile', 'enabled')),
    workloadIdentity: asBoolean(p('securityProfile', 'workloadIdentity', 'enabled')),
    defender: asBoolean(p('securityProfile', 'defender', 'securityMonitoring', 'enabled')),
    podIdentity: asBoolean(p('podIdentityProfile', 'enabled')),
    upgradeChannel: asString(p('autoUpgradeProfile', 'upgradeChannel')),
    nodeOsUpgradeChannel: asString(p('autoUpgradeProfile', 'nodeOSUpgradeChannel')),
    aadManaged: asBoolean(p('aadProfile', 'managed')),
    azureRbac: asBoolean(p('aadProfile', 'enableAzureRBAC')),
    disableLocalAccounts: asBoolean(p('disableLocalAccounts')),
    enableRbac: asBoolean(p('enableRBAC')),
    identityType: asString(f(['identity', 'type'])),
    servicePrincipalClientId: asString(p('servicePrincipalProfile', 'clientId')),
    nodePools: [...inlinePools, ...separatePools],
    nodePoolsUnknown: poolsUnknown(r),
  };
}

/** The reason `agentPoolProfiles` is unknown, when it is an expression that cannot be evaluated. */
function poolsUnknown(r: ArmResource): string | undefined {
  const pools = valueAt(r.value, ['properties', 'agentPoolProfiles']);
  return pools instanceof Unknown ? `agentPoolProfiles is ${pools.reason}` : undefined;
}

function nodePool(r: ArmResource, format: 'arm' | 'bicep', base: Path, separate: boolean): NodePool {
  const f = fields(r);
  const p = (...path: string[]): Field<unknown> | undefined => f(separate ? ['properties', ...path] : [...base, ...path]);
  const name = separate ? { value: mapResolved(r.name, (n) => n.split('/').pop() ?? n), at: r.locate([...r.path, 'name']) } : asString(p('name'));
  const label = name?.value.known ? name.value.value : displayName(r);
  return {
    kind: 'node-pool',
    id: separate ? armId(r) : `${armId(r)}/agentPools/${label}`,
    displayName: label,
    format,
    at: separate ? declaration(r) : r.locate([...r.path, ...base]),
    name,
    mode: asString(p('mode')),
    orchestratorVersion: asString(p('orchestratorVersion')),
    enableAutoScaling: asBoolean(p('enableAutoScaling')),
    minCount: asNumber(p('minCount')),
    maxCount: asNumber(p('maxCount')),
    availabilityZones: asStringList(p('availabilityZones')),
    enableNodePublicIP: asBoolean(p('enableNodePublicIP')),
    subnetId: canonical(asString(p('vnetSubnetID'))),
    separate,
  };
}

function diagnosticSetting(r: ArmResource, base: { id: string; displayName: string; format: 'arm' | 'bicep'; at: SourceLocation }): DiagnosticSetting {
  const f = fields(r);
  // Scoped by `scope` (extension resource), or by its name under the parent: `aks1/Microsoft.Insights/audit`.
  const scope = asString(f(['scope']));
  const nested = /\/providers\/diagnosticsettings$/i.exec(r.type) ? r.type.replace(/\/providers\/diagnosticsettings$/i, '') : undefined;
  const targetId: Resolved<string> = nested
    ? mapResolved(r.name, (n) => canonicalId(`${nested}/${n.split('/')[0] ?? n}`))
    : scope
      ? mapResolved(scope.value, canonicalId)
      : { known: false, reason: 'the diagnostic setting has no scope' };
  const logs = arrayAt(r.value, ['properties', 'logs']);
  const categories: string[] = [];
  let unknown: string | undefined;
  logs.forEach((log, i) => {
    const enabled = asBoolean(f(['properties', 'logs', i, 'enabled']));
    if (enabled?.value.known === false) unknown ??= enabled.value.reason;
    if (enabled?.value.known !== true || !enabled.value.value) return;
    for (const key of ['category', 'categoryGroup']) {
      const value = asString(f(['properties', 'logs', i, key]));
      if (value?.value.known) categories.push(value.value.value);
      else if (value && !value.value.known) unknown ??= value.value.reason;
    }
  });
  const logsValue = valueAt(r.value, ['properties', 'logs']);
  if (logsValue instanceof Unknown) unknown = logsValue.reason;
  return {
    ...base,
    kind: 'diagnostic-setting',
    targetId,
    enabledLogs: { at: r.locate([...r.path, 'properties', 'logs']), value: unknown !== undefined && categories.length === 0 ? { known: false, reason: unknown } : { known: true, value: categories } },
  };
}

/** A subnet that names its route table: the subnet's id and the table's, both canonical. */
interface SubnetAssociation {
  readonly subnetId: Resolved<string>;
  readonly routeTableId: string;
}

/**
 * Subnets with `properties.routeTable.id`: subnet resources (top-level `vnet/subnet` or vnet children) and a vnet's
 * inline `subnets[]`. A route table id that cannot be evaluated links the subnet to no table.
 */
function subnetAssociations(subnets: readonly ArmResource[], networks: readonly ArmResource[]): SubnetAssociation[] {
  const tableOf = (r: ArmResource, path: Path): string | undefined => {
    const id = asString(fields(r)([...path, 'properties', 'routeTable', 'id']));
    return id?.value.known ? canonicalId(id.value.value) : undefined;
  };
  const separate = subnets.flatMap((r) => {
    const routeTableId = tableOf(r, []);
    return routeTableId === undefined ? [] : [{ subnetId: mapResolved(r.name, () => armId(r)), routeTableId }];
  });
  const inline = networks.flatMap((r) =>
    arrayAt(r.value, ['properties', 'subnets']).flatMap((_, i) => {
      const routeTableId = tableOf(r, ['properties', 'subnets', i]);
      if (routeTableId === undefined) return [];
      const name = asString(fields(r)(['properties', 'subnets', i, 'name']))?.value ?? { known: false as const, reason: 'the subnet has no name' };
      const subnetId = r.name.known ? mapResolved(name, (n) => `${armId(r)}/subnets/${n}`) : r.name;
      return [{ subnetId, routeTableId }];
    }),
  );
  return [...separate, ...inline];
}

function routeTable(
  r: ArmResource,
  base: { id: string; displayName: string; format: 'arm' | 'bicep'; at: SourceLocation },
  children: readonly ArmResource[],
  associations: readonly SubnetAssociation[],
): RouteTable {
  const f = fields(r);
  const inline = arrayAt(r.value, ['properties', 'routes']).flatMap((_, i) => {
    const addressPrefix = asString(f(['properties', 'routes', i, 'properties', 'addressPrefix']));
    const nextHopType = asString(f(['properties', 'routes', i, 'properties', 'nextHopType']));
    return addressPrefix && nextHopType ? [{ addressPrefix, nextHopType, at: r.locate([...r.path, 'properties', 'routes', i]) }] : [];
  });
  const name = r.name.known ? r.name.value.toLowerCase() : undefined;
  const separate = children
    .filter((c) => name !== undefined && parentName(c.name)?.toLowerCase() === name)
    .flatMap((c) => {
      const g = fields(c);
      const addressPrefix = asString(g(['properties', 'addressPrefix']));
      const nextHopType = asString(g(['properties', 'nextHopType']));
      return addressPrefix && nextHopType ? [{ addressPrefix, nextHopType, at: declaration(c) }] : [];
    });
  // A table whose name is unknown has a pseudo id that any other such table shares: it is linked to no subnet.
  const subnetIds = r.name.known ? associations.filter((a) => a.routeTableId.toLowerCase() === base.id.toLowerCase()).map((a) => a.subnetId) : [];
  return { ...base, kind: 'route-table', routes: [...inline, ...separate], subnetIds };
}

function isFrontDoorProfile(r: ArmResource): boolean {
  const sku = valueAt(r.value, ['sku', 'name']);
  return typeof sku === 'string' && /AzureFrontDoor/i.test(sku);
}

/** A resource is placed on its `"type"` line: what a person looks for in a template. */
function declaration(r: ArmResource): SourceLocation {
  return r.locate([...r.path, 'type']);
}

/**
 * A field reader for one resource: the evaluated value at `path` (relative to the resource), where it is
 * written, and how it was obtained when it was an expression. Absent or null → undefined.
 */
function fields(r: ArmResource): (path: Path) => Field<unknown> | undefined {
  return (path) => {
    const value = valueAt(r.value, path);
    if (value === undefined || value === null) return undefined;
    const { rawPath, raw } = rawAt(r.raw, path);
    const at = r.locate([...r.path, ...rawPath]);
    const via = typeof raw === 'string' && isExpression(raw) ? `the expression ${quote(raw)}` : undefined;
    const evaluated = toEvaluated(value);
    const resolved: Resolved<unknown> = evaluated.kind === 'known' ? { known: true, value: evaluated.value } : { known: false, reason: via ? `${via}: ${evaluated.reason}` : evaluated.reason };
    return via === undefined ? { at, value: resolved } : { at, value: resolved, via };
  };
}

/** The evaluated value at a path: undefined when absent, an Unknown when an expression on the way is unknown. */
function valueAt(value: PartialValue, path: Path): PartialValue | undefined {
  let current: PartialValue | undefined = value;
  for (const segment of path) {
    if (current instanceof Unknown) return current;
    if (typeof segment === 'number') current = Array.isArray(current) ? (current as readonly PartialValue[])[segment] : undefined;
    else current = current !== undefined && isPartialRecord(current) ? getProperty(current, segment) : undefined;
    if (current === undefined) return undefined;
  }
  return current;
}

/** The raw (unevaluated) JSON at a path, with the keys spelled as the file spells them (ARM keys are case-insensitive). */
function rawAt(raw: unknown, path: Path): { rawPath: Path; raw: unknown } {
  const rawPath: (string | number)[] = [];
  let current = raw;
  for (const segment of path) {
    if (typeof segment === 'number' && Array.isArray(current)) {
      rawPath.push(segment);
      current = current[segment] as unknown;
    } else if (typeof segment === 'string' && isRecord(current)) {
      const key = Object.keys(current).find((k) => k.toLowerCase() === segment.toLowerCase());
      if (key === undefined) break;
      rawPath.push(key);
      current = current[key];
    } else {
      break;
    }
  }
  return { rawPath, raw: rawPath.length === path.length ? current : undefined };
}

function arrayAt(value: PartialValue, path: Path): readonly PartialValue[] {
  const found = valueAt(value, path);
  return Array.isArray(found) ? (found as readonly PartialValue[]) : [];
}

function pick(raw: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { name: raw.name };
  for (const key of keys) if (key in raw) out[key] = raw[key];
  return out;
}

function toResolvedString(value: PartialValue): Resolved<string> {
  const evaluated = toEvaluated(value);
  if (evaluated.kind === 'unknown') return { known: false, reason: evaluated.reason };
  return typeof evaluated.value === 'string' ? { known: true, value: evaluated.value } : { known: false, reason: 'the name is not a string' };
}

function joinNames(parent: Resolved<string>, child: Resolved<string>): Resolved<string> {
  if (!parent.known) return parent;
  if (!child.known) return child;
  return { known: true, value: `${parent.value}/${child.value}` };
}

function parentName(name: Resolved<string>): string | undefined {
  return name.known && name.value.includes('/') ? name.value.split('/')[0] : undefined;
}

/** The name as a person reads it: the evaluated name, or the name expression as written when it cannot be evaluated. */
function displayName(r: ArmResource): string {
  if (r.name.known) return r.name.value;
  return typeof r.raw.name === 'string' ? quote(r.raw.name).slice(1, -1) : describeName(r.name);
}

function describeName(name: Resolved<string>): string {
  return name.known ? name.value : `(name unknown: ${name.reason})`;
}

/** `/subscriptions/{unknown}/resourceGroups/{unknown}/providers/<Type>/<name>`, as the evaluator's resourceId() makes it. */
function armId(r: ArmResource): string {
  const [namespace, ...types] = r.type.split('/');
  const names = r.name.known ? r.name.value.split('/') : [PSEUDO_SEGMENT];
  return `/subscriptions/${PSEUDO_SEGMENT}/resourceGroups/${PSEUDO_SEGMENT}/providers/${namespace ?? ''}${types.map((t, i) => `/${t}/${names[i] ?? PSEUDO_SEGMENT}`).join('')}`;
}

/** Resource ids in their canonical pseudo form, so a scope written as `Microsoft.X/y/name` matches resourceId(). */
export function canonicalId(id: string): string {
  const at = id.toLowerCase().lastIndexOf('/providers/');
  const tail = at >= 0 ? id.slice(at + '/providers/'.length) : id.replace(/^\/+/, '');
  return `/subscriptions/${PSEUDO_SEGMENT}/resourceGroups/${PSEUDO_SEGMENT}/providers/${tail}`;
}

function canonical(field: Field<string> | undefined): Field<string> | undefined {
  return field && { ...field, value: mapResolved(field.value, canonicalId) };
}

function canonicalList(field: Field<readonly string[]> | undefined): Field<readonly string[]> | undefined {
  return field && { ...field, value: mapResolved(field.value, (list) => list.map(canonicalId)) };
}

function mapResolved<A, B>(value: Resolved<A>, f: (a: A) => B): Resolved<B> {
  return value.known ? { known: true, value: f(value.value) } : value;
}

function definedEntries<K extends string, V>(record: Record<K, V | undefined>): Partial<Record<K, V>> {
  return Object.fromEntries(Object.entries(record).filter((e) => e[1] !== undefined)) as Partial<Record<K, V>>;
}

function quote(text: string): string {
  return `"${text.length > MAX_VIA ? `${text.slice(0, MAX_VIA - 1)}…` : text}"`;
}

export { CLUSTER as ARM_CLUSTER_TYPE };
