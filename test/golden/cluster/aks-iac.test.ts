// Golden test over real AKS cluster definitions copied from public repositories
// (../shared/fixtures/aks-iac, see its MANIFEST.md). The expected status of every cluster item was
// written by reading each template against CHECKLIST.md *before* running aks-gate on it. Each comment
// names the property that decides, or says that it is absent and what AKS / azurerm does then
// ("default"), or that it is an expression that cannot be known without a deployment ("unresolved").
// Where aks-gate disagrees and the rule or reader is wrong, the expectation stays and the case is
// listed in KNOWN_GAPS (run as `it.fails`).
//
// ARM and Terraform go through the whole pipeline (`runScan`). Bicep cannot: `runScan` has no way to
// hand the Bicep reader a PATH (the loader passes no `bicep` options), so the .bicep files are read with
// `readClusterDefinitions` and the fake Bicep CLI (test/fakes/bicep), then run through the engine.
// The fake has compiled JSON for the AVM module only; the other .bicep files are compile failures
// with it, and "Bicep CLI not found" without any CLI. Of an uncompiled file aks-gate reads only calls of
// the AVM AKS registry module, from the source (aks-store-demo); the others are then not read at all.

import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHECKLIST, type ChecklistId } from '../../../shared/checklist.js';
import { parseConfig, type InputName } from '../../../shared/config.js';
import { evaluate, type ItemResult, type ItemStatus } from '../../../shared/engine.js';
import { silentLogger } from '../../../shared/platform.js';
import type { InputRecord, ScanReport } from '../../../shared/report.js';
import { RULES } from '../../../shared/rules/index.js';
import { INPUT_PROBLEM } from '../../../shared/rules/input-problem.js';
import { DEFAULT_RULE_SETTINGS } from '../../../shared/rules/settings.js';
import { runScan } from '../../../shared/run.js';
import { BICEP_NOT_FOUND } from '../../../shared/sources/cluster/bicep.js';
import { readClusterDefinitions, type ClusterRead } from '../../../shared/sources/cluster/read.js';
import { tmpTree } from '../../helpers/tmp-tree.js';

const FIXTURES = resolve(import.meta.dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'aks-iac');
const FAKE_BICEP = resolve(import.meta.dirname, '..', '..', 'fakes', 'bicep');

const S: ItemStatus = 'satisfied';
const V: ItemStatus = 'violated';
const N: ItemStatus = 'not-evaluated';

/** The items with a `cluster:` part in CHECKLIST.md. */
const CLUSTER_ITEMS = ['SEC-1', 'SEC-2', 'SEC-3', 'SEC-5', 'SEC-6', 'SEC-7', 'HA-1', 'HA-2', 'HA-3', 'IAM-1', 'IAM-2', 'IAM-3', 'IAM-4'] as const;
type ClusterItem = (typeof CLUSTER_ITEMS)[number];
type Expectation = Readonly<Record<ClusterItem, ItemStatus>>;

/** Items with no cluster part: a cluster definition alone never evaluates them. */
const NOT_CLUSTER = CHECKLIST.map((i) => i.id).filter((id) => !(CLUSTER_ITEMS as readonly string[]).includes(id));

/** Nothing in the input decides anything: no cluster, or the input was not read. */
const NOTHING: Expectation = Object.fromEntries(CLUSTER_ITEMS.map((id) => [id, N])) as Expectation;

// The AVM module (compiled JSON, and its .bicep source through the fake CLI, which prints that same
// JSON). No parameters file: every value is the parameter's defaultValue, `null` for a nullable
// parameter without one, and unknown for `name` and `primaryAgentPoolProfiles` (required, no default).
const AVM: Expectation = {
  // publicNetworkAccess: default 'Disabled' passes the API-server part (apiServerAccessProfile: nullable → null),
  // but agentPoolProfiles is map(parameters('primaryAgentPoolProfiles'), …) and that parameter has no
  // default: each pool's enableNodePublicIP is unresolved. agentPools is nullable → no child pool deployments.
  'SEC-1': N,
  // addonProfiles.ingressApplicationGateway.enabled = and(ingressApplicationGatewayEnabled (default false), …) → false.
  'SEC-2': V,
  // networkProfile.outboundType: default 'loadBalancer' (warning); networkPolicy = if(equals(networkDataplane, 'cilium'), …,
  // networkPolicy) with both nullable → null: no network policy (error).
  'SEC-3': V,
  // autoUpgradeProfile: default { upgradeChannel: 'stable' } has no nodeOSUpgradeChannel (warning);
  // kubernetesVersion nullable → null (AKS picks its default version).
  'SEC-5': V,
  // azureKeyvaultSecretsProvider.enabled = enableKeyvaultSecretsProvider (default false); oidcIssuerProfile = if(false, …, null());
  // securityProfile nullable → null: no workload identity.
  'SEC-6': V,
  // azurepolicy.enabled = azurePolicyEnabled (default true), but securityProfile → null: no Defender (warning).
  'SEC-7': V,
  // One cluster (location default [resourceGroup().location], unresolved): one region (warning). sku.tier default 'Standard'.
  'HA-1': V,
  // omsagent.enabled = and(omsAgentEnabled (default true), not(empty(monitoringWorkspaceResourceId (nullable → null)))) → false;
  // azureMonitorProfile nullable → null: neither Container Insights nor managed Prometheus (error).
  'HA-2': V,
  // enableAutoScaling is coalesce(tryGet(profile, 'enableAutoScaling'), false()) over primaryAgentPoolProfiles: unresolved.
  'HA-3': N,
  // aadProfile nullable → null: no AAD integration (error). disableLocalAccounts default true.
  'IAM-1': V,
  // enableRBAC: default true.
  'IAM-2': S,
  // identity = variables('identity') = if(not(empty(managedIdentities)), …, null()); managedIdentities nullable → null, so
  // identity is null; servicePrincipalProfile = aksServicePrincipalProfile (nullable → null): no managed identity.
  'IAM-3': V,
  // managedCluster_diagnosticSettings: copy count length(coalesce(diagnosticSettings (nullable → null), [])) = 0: none (error).
  'IAM-4': V,
};

// The two hand-written quickstart templates: one managedClusters resource, no other resource.
const QUICKSTART: Expectation = {
  // No apiServerAccessProfile and no publicNetworkAccess: AKS default is a public API server with no authorized ranges (error).
  // agentPoolProfiles[0].enableNodePublicIP absent (default false).
  'SEC-1': V,
  // No addonProfiles: no ingressApplicationGateway add-on, no Application Gateway for Containers.
  'SEC-2': V,
  // No networkProfile: outboundType default loadBalancer (warning), networkPolicy none (error).
  'SEC-3': V,
  // No kubernetesVersion (AKS picks its default); no autoUpgradeProfile: no upgrade channel, no node OS channel (warning).
  'SEC-5': V,
  // No azureKeyvaultSecretsProvider, oidcIssuerProfile or securityProfile.workloadIdentity (warning).
  'SEC-6': V,
  // No azurepolicy add-on, no securityProfile.defender (warning).
  'SEC-7': V,
  // One cluster (location [parameters('location')] → default [resourceGroup().location], unresolved): one region;
  // the pool has no availabilityZones; no sku (Free tier) (warnings).
  'HA-1': V,
  // No omsagent add-on, no azureMonitorProfile (error).
  'HA-2': V,
  // agentpool has no enableAutoScaling (default false) (error).
  'HA-3': V,
  // No aadProfile (error); disableLocalAccounts absent (default false) (error).
  'IAM-1': V,
  // enableRBAC: see each file below.
  'IAM-2': S,
  // identity.type: SystemAssigned, no servicePrincipalProfile.
  'IAM-3': S,
  // No Microsoft.Insights/diagnosticSettings in the template (error).
  'IAM-4': V,
};

// The azurerm provider examples: one azurerm_kubernetes_cluster each, `location` from
// azurerm_resource_group.example.location = var.location (no default except in network-policy-calico:
// unresolved elsewhere, but one cluster is one region whatever its location).
const TF_BASIC: Expectation = {
  // private_cluster_enabled absent (default false), no api_server_access_profile: public, no ranges (error).
  // node_public_ip_enabled absent (default false).
  'SEC-1': V,
  // No ingress_application_gateway block (http_application_routing_enabled absent, default false).
  'SEC-2': V,
  // No network_profile: outbound_type default loadBalancer (warning), network_policy none (error).
  'SEC-3': V,
  // kubernetes_version absent (AKS default); automatic_upgrade_channel absent (azurerm default none) (warning).
  'SEC-5': V,
  // No key_vault_secrets_provider, oidc_issuer_enabled or workload_identity_enabled (all default false) (warning).
  'SEC-6': V,
  // azure_policy_enabled absent (default false), no microsoft_defender block (warning).
  'SEC-7': V,
  // One cluster: one region; default_node_pool has no zones; sku_tier default Free (warnings).
  'HA-1': V,
  // No oms_agent block, no monitor_metrics block (error).
  'HA-2': V,
  // default_node_pool: auto_scaling_enabled absent (default false) (error).
  'HA-3': V,
  // No azure_active_directory_role_based_access_control block (error); local_account_disabled absent (default false) (error).
  'IAM-1': V,
  // role_based_access_control_enabled absent (azurerm default true).
  'IAM-2': S,
  // identity { type = "SystemAssigned" }.
  'IAM-3': S,
  // No azurerm_monitor_diagnostic_setting (error).
  'IAM-4': V,
};

interface Case {
  readonly expected: Expectation;
  /** How the input is read: the whole pipeline, or (Bicep) the reader with the fake CLI and the engine. */
  readonly via: 'runScan' | 'fake-bicep';
  /** The input's one record, where it says more than "scanned": its status and reason. */
  readonly record?: { readonly status: InputRecord['status']; readonly reason: RegExp };
  /** Substrings of the notices about references that were not followed. */
  readonly unresolved?: readonly string[];
}

const CASES: Readonly<Record<string, Case>> = {
  'arm/avm-managed-cluster__main.json': { via: 'runScan', expected: AVM },
  'arm/azure-quickstart-templates__aks-vmss-systemassigned-identity__azuredeploy.json': {
    via: 'runScan',
    expected: {
      ...QUICKSTART,
      'IAM-2': S, // properties.enableRBAC: true
    },
  },
  'arm/azure-quickstart-templates__aks__azuredeploy.json': {
    via: 'runScan',
    expected: {
      ...QUICKSTART,
      // linuxProfile with an SSH key changes nothing on the checklist.
      'IAM-2': S, // enableRBAC absent: AKS default true; the checklist errs only when it is false
    },
  },

  // Bicep: the fake CLI prints the compiled AVM JSON above (same commit, 381f81c8).
  'bicep/avm-managed-cluster__main.bicep': { via: 'fake-bicep', expected: AVM },
  // Not compiled (the fake has no JSON for it; the real CLI would have to restore the registry module). What is
  // left is its call of the registry module br/public:avm/res/container-service/managed-cluster:0.9.0, whose
  // source is not in the inputs: the `params` written are read, every other setting is the module's default,
  // which the inputs do not show (unresolved).
  'bicep/aks-store-demo__kubernetes.bicep': {
    via: 'fake-bicep',
    record: { status: 'scanned', reason: /^Bicep compilation failed: fake bicep: no compiled JSON.*only the arguments of its AVM AKS registry module calls were read/ },
    unresolved: ['br/public:avm/res/container-service/managed-cluster:0.9.0', 'br/public:avm/res/container-registry/registry:0.9.1'],
    expected: {
      // publicNetworkAccess: 'Enabled', authorizedIPRanges: [currentIpAddress] (a parameter without a default: unresolved);
      // whether the cluster is private is left to the module (unresolved): a private cluster passes, a public one with
      // ranges is a warning. enableNodePublicIP of the literal primaryAgentPoolProfiles pool: module default (unresolved).
      'SEC-1': N,
      // The AGIC add-on is not passed: module default (unresolved).
      'SEC-2': N,
      // networkPolicy: 'cilium'; outboundType not passed: module default (unresolved).
      'SEC-3': N,
      // autoNodeOsUpgradeProfileUpgradeChannel: 'SecurityPatch'; the upgrade channel and kubernetesVersion are not passed (unresolved).
      'SEC-5': N,
      // enableKeyvaultSecretsProvider, enableOidcIssuerProfile, enableWorkloadIdentity: true; but AAD Pod Identity
      // (podIdentityProfile) is left to the module default (unresolved), so the item cannot pass.
      'SEC-6': N,
      // Azure Policy add-on and Defender not passed: module defaults (unresolved).
      'SEC-7': N,
      // One cluster in the inputs: one region (warning).
      'HA-1': V,
      // enableContainerInsights and enableAzureMonitorProfileMetrics: configureMonitorSettings, whose default is false:
      // neither Container Insights nor managed Prometheus (error). (The prometheusRuleGroups are `if (configureMonitorSettings)`.)
      'HA-2': V,
      // primaryAgentPoolProfiles: one literal pool without enableAutoScaling; what the module makes of it is its default (unresolved).
      'HA-3': N,
      // aadProfile { aadProfileManaged: true, aadProfileEnableAzureRBAC: true }, but disableLocalAccounts is not passed:
      // module default (unresolved).
      'IAM-1': N,
      // enableRBAC not passed: module default (unresolved).
      'IAM-2': N,
      // managedIdentities: { systemAssigned: true }.
      'IAM-3': S,
      // No diagnosticSettings argument (AVM modules create none without it) and no diagnosticSettings resource in the file (error).
      'IAM-4': V,
    },
  },
  // A managedClusters/agentPools child module (enableAutoScaling default false, enableNodePublicIP default false, parent
  // cluster a parameter without a default). Not compiled, and it calls no AVM AKS module: not read at all.
  'bicep/avm-managed-cluster__agent-pool__main.bicep': { via: 'fake-bicep', expected: NOTHING, record: { status: 'skipped', reason: /^Bicep compilation failed: fake bicep: no compiled JSON for avm-managed-cluster__agent-pool__main\.bicep$/ } },
  // The Bicep quickstart (managedClusters@2022-05-02-preview, the same settings as the ARM quickstart). Not compiled: not read.
  'bicep/azure-quickstart-templates__aks__main.bicep': { via: 'fake-bicep', expected: NOTHING, record: { status: 'skipped', reason: /^Bicep compilation failed: fake bicep: no compiled JSON for azure-quickstart-templates__aks__main\.bicep$/ } },

  'terraform/tf-provider-azurerm-examples/basic-cluster': { via: 'runScan', expected: TF_BASIC },
  'terraform/tf-provider-azurerm-examples/egress-with-udr-azure-cni': {
    via: 'runScan',
    expected: {
      ...TF_BASIC,
      // network_profile.outbound_type = "userDefinedRouting" and azurerm_route_table route 0.0.0.0/0 → VirtualAppliance
      // (next_hop_in_ip_address = var.fwprivate_ip, no default: unresolved, not needed), associated with the pool's subnet;
      // but network_profile.network_policy absent: none (error).
      'SEC-3': V,
    },
  },
  'terraform/tf-provider-azurerm-examples/network-policy-calico': {
    via: 'runScan',
    expected: {
      ...TF_BASIC,
      // network_profile.network_policy = "calico", but outbound_type absent: default loadBalancer (warning).
      'SEC-3': V,
      // default_node_pool and azurerm_kubernetes_cluster_node_pool.user: no auto_scaling_enabled (default false).
      'HA-3': V,
    },
  },
  'terraform/tf-provider-azurerm-examples/old-role-based-access-control-azuread': {
    via: 'runScan',
    expected: {
      ...TF_BASIC,
      // agent_pool_profile (the azurerm 1.x name of the pool): count 1, no enable_auto_scaling (default false).
      'HA-3': V,
      // role_based_access_control { azure_active_directory { client_app_id, server_app_id, server_app_secret } }: the
      // legacy (unmanaged) AAD integration without Azure RBAC (warning); local_account_disabled absent, default false (error).
      'IAM-1': V,
      // role_based_access_control { enabled = true } (the 1.x name of role_based_access_control_enabled).
      'IAM-2': S,
      // service_principal { client_id = var.kubernetes_client_id } and no identity block: a service principal (error).
      // client_id is a variable without a default (unresolved), but a service_principal block is the violation in tf.
      'IAM-3': V,
      // SEC-6: client_secret = var.kubernetes_client_secret is a variable, not a literal; SEC-6 is violated by the missing
      // Key Vault provider / workload identity anyway.
    },
  },
  'terraform/tf-provider-azurerm-examples/private-api-server': {
    via: 'runScan',
    expected: {
      ...TF_BASIC,
      // private_cluster_enabled = true; node_public_ip_enabled absent (default false).
      'SEC-1': S,
      // network_profile { network_plugin = "azure" } without network_policy (error) or outbound_type (default loadBalancer).
      'SEC-3': V,
    },
  },
  'terraform/tf-provider-azurerm-examples/spot-node-pool': {
    via: 'runScan',
    expected: {
      ...TF_BASIC,
      // default_node_pool and the Spot azurerm_kubernetes_cluster_node_pool.example: no auto_scaling_enabled (default false).
      'HA-3': V,
    },
  },
  // Calls the registry modules Azure/avm-res-containerservice-managedcluster/azurerm 0.6.1 (the cluster) and
  // Azure/avm-res-containerregistry-registry/azurerm 0.5.1: no azurerm_kubernetes_cluster of its own. The arguments
  // written in `module "aks"` are read; every other setting is the module's default, not in the inputs (unresolved).
  // locals (local.name, local.deploy_observability_tools, …) and azurerm_resource_group.example are not defined in
  // this file (unresolved).
  'terraform/aks-store-demo': {
    via: 'runScan',
    unresolved: ['Azure/avm-res-containerservice-managedcluster/azurerm', 'Azure/avm-res-containerregistry-registry/azurerm'],
    expected: {
      // api_server_access_profile.authorized_ip_ranges = ["<data.http.current_ip>/32"] (unresolved, but a /32); whether the
      // cluster is private is left to the module (unresolved): private passes, public with ranges is a warning.
      'SEC-1': N,
      // No AGIC argument: module default (unresolved).
      'SEC-2': N,
      // network_profile.network_policy = "cilium"; outbound_type not passed: module default (unresolved).
      'SEC-3': N,
      // auto_upgrade_profile sets only node_os_channel_upgrade = "SecurityPatch"; the upgrade channel and kubernetes_version
      // are module defaults (unresolved).
      'SEC-5': N,
      // oidc_issuer_profile.enabled, security_profile.workload_identity.enabled, addon_profile_key_vault_secrets_provider.enabled:
      // true; AAD Pod Identity is left to the module default (unresolved), so the item cannot pass.
      'SEC-6': N,
      // Azure Policy and Defender not passed: module defaults (unresolved).
      'SEC-7': N,
      // One cluster in the inputs: one region (warning).
      'HA-1': V,
      // azure_monitor_profile and addon_profile_oms_agent depend on local.deploy_observability_tools, not defined here (unresolved).
      'HA-2': N,
      // default_agent_pool sets vm_size and upgrade_settings only: autoscaling is the module default (unresolved).
      'HA-3': N,
      // aad_profile { managed = true, enable_azure_rbac = true } and disable_local_accounts = true.
      'IAM-1': S,
      // The Kubernetes RBAC switch is not passed: module default (unresolved).
      'IAM-2': N,
      // managed_identities = { system_assigned = true }.
      'IAM-3': S,
      // No diagnostic_settings argument (AVM modules create none without it), no azurerm_monitor_diagnostic_setting (error).
      'IAM-4': V,
    },
  },
};

/**
 * Cases where aks-gate disagrees with the reading above and the rule or reader is the one that is
 * wrong: the expectation stays, the case runs as `it.fails` until it is fixed. Key: `<input> <item>`.
 */
const KNOWN_GAPS: Readonly<Record<string, string>> = {
  // The AVM module's `identity` is if(not(empty(managedIdentities)), …, null()) over a nullable parameter that is not
  // given: null, and no servicePrincipalProfile either. managed-identity passes such a cluster because AKS creates a
  // system-assigned identity when none is written (managed-identity-overview); this reading says the template sets none.
  'arm/avm-managed-cluster__main.json IAM-3': 'identity = if(not(empty(managedIdentities = null)), …, null()) is null: no managed identity written; the rule relies on the AKS default',
  'bicep/avm-managed-cluster__main.bicep IAM-3': 'as the compiled JSON: nullable managedIdentities',
};

/** Every input of the fixture folder: the ARM and Bicep files, and each Terraform directory. */
function fixtureInputs(): string[] {
  const files = (dir: string, pattern: RegExp): string[] =>
    readdirSync(join(FIXTURES, dir))
      .filter((f) => pattern.test(f))
      .map((f) => `${dir}/${f}`);
  const tfRoot = 'terraform/tf-provider-azurerm-examples';
  const tfDirs = readdirSync(join(FIXTURES, tfRoot))
    .filter((d) => statSync(join(FIXTURES, tfRoot, d)).isDirectory())
    .map((d) => `${tfRoot}/${d}`);
  return [...files('arm', /\.json$/), ...files('bicep', /\.bicep$/), ...tfDirs, 'terraform/aks-store-demo'].sort();
}

interface Result {
  readonly inputs: readonly InputRecord[];
  readonly items: ReadonlyMap<ChecklistId, ItemStatus>;
  /** Why the cluster part of an item was not evaluated, as the report says it. */
  readonly undecided: ReadonlyMap<ChecklistId, readonly string[]>;
  readonly findings: ScanReport['findings'];
  readonly notices: readonly string[];
}

async function scan(input: string): Promise<Result> {
  const config: Partial<Record<InputName, string>> = { path: input, 'fail-on': 'never' };
  const report = await runScan(parseConfig((name) => config[name]), { cwd: FIXTURES, logger: silentLogger });
  return { inputs: report.inputs, ...itemsOf(report.items), findings: report.findings, notices: report.notifications.map((n) => n.message) };
}

async function readWithFakeBicep(input: string): Promise<Result> {
  const read: ClusterRead = await readClusterDefinitions([input], { cwd: FIXTURES, bicep: { bicepPath: FAKE_BICEP } });
  const result = evaluate({ objects: [], infrastructure: read.infrastructure, rules: RULES, overrides: {}, settings: { ...DEFAULT_RULE_SETTINGS, infrastructure: read.infrastructure } });
  return {
    inputs: read.inputs,
    ...itemsOf(result.items),
    findings: result.findings,
    notices: read.infrastructure.unresolved.map((u) => `${u.what} was not followed: ${u.reason}.`),
  };
}

it('has an expectation for every input in the fixture folder, and no stale ones', () => {
  expect(Object.keys(CASES).sort()).toEqual(fixtureInputs());
});

for (const [input, c] of Object.entries(CASES)) {
  describe(input, () => {
    let result: Result;
    beforeAll(async () => {
      result = c.via === 'runScan' ? await scan(input) : await readWithFakeBicep(input);
    });

    it('reads without a failed input or an input problem', () => {
      expect(result.inputs.filter((i) => i.status === 'failed')).toEqual([]);
      expect(result.findings.filter((f) => f.ruleId === INPUT_PROBLEM.id).map((f) => f.message)).toEqual([]);
      expect(result.inputs.length).toBeGreaterThan(0);
    });

    if (c.record) {
      const { status, reason } = c.record;
      it(`is ${status}: ${String(reason)}`, () => {
        expect(result.inputs).toEqual([expect.objectContaining({ path: input, status, reason: expect.stringMatching(reason) as unknown })]);
      });
    } else {
      it('is scanned', () => {
        expect(result.inputs.filter((i) => i.status === 'scanned').length).toBeGreaterThan(0);
      });
    }

    if (c.unresolved) {
      for (const what of c.unresolved) {
        it(`says that ${what} was not followed`, () => {
          expect(result.notices.filter((n) => n.includes(what))).not.toEqual([]);
        });
      }
    }

    it('leaves the items without a cluster part not evaluated', () => {
      expect(NOT_CLUSTER.map((id) => [id, result.items.get(id)])).toEqual(NOT_CLUSTER.map((id) => [id, N]));
    });

    for (const id of CLUSTER_ITEMS) {
      const want = c.expected[id];
      const gap = KNOWN_GAPS[`${input} ${id}`];
      (gap === undefined ? it : it.fails)(`${id} is ${want}${gap === undefined ? '' : ` (known gap: ${gap})`}`, () => {
        expect([id, result.items.get(id), findingsOf(result, id), result.undecided.get(id)]).toEqual([id, want, expect.anything(), expect.anything()]);
      });
    }
  });
}

describe('Bicep without a Bicep CLI', () => {
  for (const input of fixtureInputs().filter((f) => f.endsWith('.bicep'))) {
    // Only the AVM registry module call of aks-store-demo can be read from the source; the rest is not read.
    const readFromSource = CASES[input]?.record?.status === 'scanned';
    it(`${input}: "${BICEP_NOT_FOUND}"${readFromSource ? ', its AVM module call read from the source' : ''}`, async () => {
      const empty = tmpTree({ 'bin/.keep': '' });
      const read = await readClusterDefinitions([input], { cwd: FIXTURES, bicep: { env: { PATH: join(empty, 'bin'), HOME: empty } } });
      expect(read.inputs).toEqual([expect.objectContaining({ path: input, status: readFromSource ? 'scanned' : 'skipped', reason: expect.stringMatching(new RegExp(`^${escape(BICEP_NOT_FOUND)}`)) as unknown })]);
      expect(read.problems).toEqual([]);
      expect(read.infrastructure.clusters.length).toBe(readFromSource ? 1 : 0);
    });
  }
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function itemsOf(items: readonly ItemResult[]): Pick<Result, 'items' | 'undecided'> {
  return {
    items: new Map(items.map((i) => [i.id, i.status])),
    undecided: new Map(items.map((i) => [i.id, i.notEvaluated.filter((n) => n.evidence === 'cluster').map((n) => n.reason)])),
  };
}

/** The findings of an item as `level ruleId@file:line: message`, so that a failure shows why aks-gate decided. */
function findingsOf(result: Result, id: ChecklistId): string[] {
  return result.findings.filter((f) => f.checklist === id).map((f) => `${f.level} ${f.ruleId}@${f.file}:${f.region.startLine}: ${f.message}`);
}
