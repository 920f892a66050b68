// The one normalized model of an AKS cluster's definition and the resources around it that the
// checklist needs. ARM JSON, compiled Bicep, Terraform `.tf` and Terraform plan JSON all map into it;
// rules read only this. Every field remembers where it was written, and a value that could not be
// resolved (an ARM expression, a Terraform variable without a default) is *unknown* with the reason,
// so a rule can say "not evaluated" instead of guessing.

import type { Region } from '../locator.js';

export type DefinitionFormat = 'arm' | 'bicep' | 'terraform' | 'terraform-plan';

export interface SourceLocation {
  /** Repo-relative path with forward slashes. */
  readonly file: string;
  readonly region: Region;
  /** The line was mapped back (e.g. from compiled Bicep to the .bicep source) and may be approximate. */
  readonly approximate?: boolean;
}

/** A value as the definition gives it: known, or unknown with a short human reason. */
export type Resolved<T> = { readonly known: true; readonly value: T } | { readonly known: false; readonly reason: string };

/** A property that is written in the definition (directly, or through a parameter/variable default). */
export interface Field<T> {
  readonly value: Resolved<T>;
  /** Where the property is written (its key/attribute line). */
  readonly at: SourceLocation;
  /** How the value was obtained when not written literally: `default of parameter "enableRbac"`, `var.location`. */
  readonly via?: string;
}

/** What every resource in the model has. */
export interface ResourceBase {
  /**
   * Identity for cross-references: the ARM resource id as templates compute it
   * (`/subscriptions/{unknown}/resourceGroups/{unknown}/providers/Microsoft.ContainerService/managedClusters/aks1`)
   * or the Terraform address (`azurerm_kubernetes_cluster.main`, `module.aks.azurerm_kubernetes_cluster.this[0]`).
   */
  readonly id: string;
  /** The name as a person reads it in messages (`aks1`, `azurerm_kubernetes_cluster.main`). */
  readonly displayName: string;
  readonly format: DefinitionFormat;
  /** The resource declaration (ARM `type` line, Terraform `resource` block header, Bicep `resource` line). */
  readonly at: SourceLocation;
}

export interface NodePool extends ResourceBase {
  readonly kind: 'node-pool';
  readonly name?: Field<string> | undefined;
  /** `System` or `User`. */
  readonly mode?: Field<string> | undefined;
  readonly orchestratorVersion?: Field<string> | undefined;
  readonly enableAutoScaling?: Field<boolean> | undefined;
  readonly minCount?: Field<number> | undefined;
  readonly maxCount?: Field<number> | undefined;
  readonly availabilityZones?: Field<readonly string[]> | undefined;
  readonly enableNodePublicIP?: Field<boolean> | undefined;
  /**
   * The subnet the pool's nodes are in (ARM `vnetSubnetID`, tf `vnet_subnet_id`): an ARM id in its canonical pseudo
   * form or a Terraform address (`azurerm_subnet.internal`), as route table `subnetIds` are written. Absent: the
   * AKS-managed virtual network.
   */
  readonly subnetId?: Field<string> | undefined;
  /** Declared as a separate resource (ARM `agentPools` child, `azurerm_kubernetes_cluster_node_pool`), not inline. */
  readonly separate: boolean;
}

export interface AksCluster extends ResourceBase {
  readonly kind: 'cluster';
  readonly name?: Field<string> | undefined;
  readonly location?: Field<string> | undefined;
  readonly kubernetesVersion?: Field<string> | undefined;
  /** `Free`, `Standard`, `Premium` (ARM `sku.tier`, tf `sku_tier`). */
  readonly skuTier?: Field<string> | undefined;

  // SEC-1
  readonly enablePrivateCluster?: Field<boolean> | undefined;
  readonly authorizedIpRanges?: Field<readonly string[]> | undefined;
  readonly publicNetworkAccess?: Field<string> | undefined;
  // SEC-3
  readonly outboundType?: Field<string> | undefined;
  readonly networkPolicy?: Field<string> | undefined;
  readonly networkPlugin?: Field<string> | undefined;
  // SEC-2, SEC-6, SEC-7, HA-2: add-ons, each "enabled"
  readonly addons: Readonly<Partial<Record<AddonName, Field<boolean>>>>;
  /** ARM `ingressApplicationGateway.config.applicationGatewayId` / tf `ingress_application_gateway.gateway_id`. */
  readonly agicGatewayId?: Field<string> | undefined;
  /**
   * The AKS-managed ALB Controller add-on of Application Gateway for Containers: ARM
   * `ingressProfile.applicationLoadBalancer.enabled` (managedClusters api-version 2025-09-02-preview and later; see
   * learn.microsoft.com/azure/application-gateway/for-containers/quickstart-deploy-application-gateway-for-containers-alb-controller-addon).
   * azurerm has no argument for it (Terraform enables it with `azapi_update_resource`, which is not read).
   */
  readonly albControllerAddon?: Field<boolean> | undefined;
  readonly azureMonitorMetrics?: Field<boolean> | undefined;
  readonly oidcIssuer?: Field<boolean> | undefined;
  readonly workloadIdentity?: Field<boolean> | undefined;
  readonly defender?: Field<boolean> | undefined;
  readonly podIdentity?: Field<boolean> | undefined;
  // SEC-5
  readonly upgradeChannel?: Field<string> | undefined;
  readonly nodeOsUpgradeChannel?: Field<string> | undefined;
  // IAM
  readonly aadManaged?: Field<boolean> | undefined;
  readonly azureRbac?: Field<boolean> | undefined;
  readonly disableLocalAccounts?: Field<boolean> | undefined;
  readonly enableRbac?: Field<boolean> | undefined;
  readonly identityType?: Field<string> | undefined;
  readonly servicePrincipalClientId?: Field<string> | undefined;
  /** tf `service_principal { client_secret = "literal" }`: true when the secret is written literally (never its value). */
  readonly servicePrincipalSecretLiteral?: Field<boolean> | undefined;

  /** Inline pools (ARM `agentPoolProfiles`, tf `default_node_pool`) and separate ones that name this cluster. */
  readonly nodePools: readonly NodePool[];
  /** Why the inline pool list could not be read (an unresolved expression); rules about pools then decide nothing. */
  readonly nodePoolsUnknown?: string | undefined;
}

export type AddonName = 'ingressApplicationGateway' | 'httpApplicationRouting' | 'azureKeyvaultSecretsProvider' | 'azurepolicy' | 'omsagent';

export interface DiagnosticSetting extends ResourceBase {
  readonly kind: 'diagnostic-setting';
  /** The id of the resource it is scoped to (ARM `scope`/parent, tf `target_resource_id`). */
  readonly targetId: Resolved<string>;
  /** Enabled log categories and category groups (`kube-audit`, `kube-audit-admin`, `audit`, `allLogs`). */
  readonly enabledLogs: Field<readonly string[]>;
}

export interface ApplicationGateway extends ResourceBase {
  readonly kind: 'application-gateway';
  readonly skuTier?: Field<string> | undefined;
  readonly wafEnabled?: Field<boolean> | undefined;
  readonly wafMode?: Field<string> | undefined;
  readonly firewallPolicyId?: Field<string> | undefined;
  /** e.g. `TLSv1_2`, or derived from a predefined policy name. */
  readonly minTlsVersion?: Field<string> | undefined;
}

export interface WafPolicy extends ResourceBase {
  readonly kind: 'waf-policy';
  readonly enabled?: Field<boolean> | undefined;
  readonly mode?: Field<string> | undefined;
}

export interface RouteTable extends ResourceBase {
  readonly kind: 'route-table';
  readonly routes: readonly { readonly addressPrefix: Field<string>; readonly nextHopType: Field<string>; readonly at: SourceLocation }[];
  /**
   * The subnets associated with the table in the inputs (ARM subnets whose `properties.routeTable.id` names it, tf
   * `azurerm_subnet_route_table_association`), written like NodePool `subnetId`. Empty: no association in the inputs.
   */
  readonly subnetIds: readonly Resolved<string>[];
}

export interface TrafficRouter extends ResourceBase {
  readonly kind: 'traffic-manager' | 'front-door';
}

export interface AlertRule extends ResourceBase {
  readonly kind: 'alert-rule';
  /** Resource ids (or references) the alert watches. */
  readonly scopes: Field<readonly string[]>;
}

export interface Firewall extends ResourceBase {
  readonly kind: 'firewall';
}

/**
 * An Application Gateway for Containers: ARM `Microsoft.ServiceNetworking/trafficControllers`, tf
 * `azurerm_application_load_balancer`. Its `frontends` and `associations` children (tf `_frontend`,
 * `_subnet_association`) are not modelled, so which cluster's subnet it serves is not known.
 */
export interface TrafficController extends ResourceBase {
  readonly kind: 'traffic-controller';
}

/** Something the reader met and could not follow; listed in the report so nothing passes silently. */
export interface Unresolved {
  /** `registry module br/public:avm/res/container-service/managed-cluster:0.9.0`, `remote module Azure/aks/azurerm`. */
  readonly what: string;
  readonly reason: string;
  readonly at: SourceLocation;
}

/** Everything the cluster definitions in the inputs describe, across all files. */
export interface Infrastructure {
  readonly clusters: readonly AksCluster[];
  readonly diagnosticSettings: readonly DiagnosticSetting[];
  readonly applicationGateways: readonly ApplicationGateway[];
  readonly wafPolicies: readonly WafPolicy[];
  readonly routeTables: readonly RouteTable[];
  readonly firewalls: readonly Firewall[];
  readonly trafficRouters: readonly TrafficRouter[];
  readonly trafficControllers: readonly TrafficController[];
  readonly alertRules: readonly AlertRule[];
  readonly unresolved: readonly Unresolved[];
}

export const EMPTY_INFRASTRUCTURE: Infrastructure = {
  clusters: [],
  diagnosticSettings: [],
  applicationGateways: [],
  wafPolicies: [],
  routeTables: [],
  firewalls: [],
  trafficRouters: [],
  trafficControllers: [],
  alertRules: [],
  unresolved: [],
};

/** The known value of a field, or undefined when it is absent or unknown. */
export function known<T>(field: Field<T> | undefined): T | undefined {
  return field?.value.known ? field.value.value : undefined;
}

/** Why a field could not be read, when it is unknown. */
export function unknownReason(field: Field<unknown> | undefined): string | undefined {
  return field && !field.value.known ? field.value.reason : undefined;
}
