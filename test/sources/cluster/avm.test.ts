import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { known, unknownReason, type AksCluster, type Field } from '../../../shared/documents/cluster/model.js';
import { AVM_ARGUMENTS_READ, isAvmAksModule } from '../../../shared/sources/cluster/avm.js';
import { BICEP_NOT_FOUND } from '../../../shared/sources/cluster/bicep.js';
import { readBicepSource } from '../../../shared/sources/cluster/bicep-source.js';
import { readClusterDefinitions } from '../../../shared/sources/cluster/read.js';
import { tmpTree } from '../../helpers/tmp-tree.js';

const SHARED = '/work/shared/fixtures/aks-iac';
const FIXTURES = join(import.meta.dirname, 'fixtures', 'avm');
const FAKE_BICEP = join(import.meta.dirname, '..', '..', 'fakes', 'bicep');
const BICEP_AVM = 'br/public:avm/res/container-service/managed-cluster:0.9.0';
const TF_AVM = 'Azure/avm-res-containerservice-managedcluster/azurerm 0.6.1';

/** A Bicep CLI that cannot be found. */
function noCli(): { env: NodeJS.ProcessEnv } {
  const empty = tmpTree({ 'bin/.keep': '' });
  return { env: { PATH: join(empty, 'bin'), HOME: empty } };
}

function only(clusters: readonly AksCluster[]): AksCluster {
  expect(clusters).toHaveLength(1);
  const [cluster] = clusters;
  if (!cluster) throw new Error('one cluster expected');
  return cluster;
}

/** value (or the reason it is unknown) and line of a field. */
function seen(field: Field<unknown> | undefined): [unknown, number | undefined] {
  if (field === undefined) return [undefined, undefined];
  return [field.value.known ? field.value.value : `unknown: ${field.value.reason}`, field.at.region.startLine];
}

const lineOf = (file: string, needle: string): number => readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('AVM AKS module sources', () => {
  it.each([
    ['bicep', 'br/public:avm/res/container-service/managed-cluster:0.9.0', true],
    ['bicep', 'br:mcr.microsoft.com/bicep/avm/res/container-service/managed-cluster:0.12.0', true],
    ['bicep', 'br/public:avm/res/container-service/managed-cluster/agent-pool:0.1.0', false],
    ['bicep', 'br/public:avm/res/container-registry/registry:0.9.1', false],
    ['bicep', './managed-cluster.bicep', false],
    ['terraform', 'Azure/avm-res-containerservice-managedcluster/azurerm', true],
    ['terraform', 'registry.terraform.io/Azure/avm-res-containerservice-managedcluster/azurerm', true],
    ['terraform', 'Azure/avm-res-containerservice-managedcluster/azurerm//modules/agentpool', false],
    ['terraform', 'Azure/aks/azurerm', false],
  ] as const)('%s %s → %s', (language, source, expected) => {
    expect(isAvmAksModule(language, source)).toBe(expected);
  });
});

describe('Bicep: aks-store-demo calls br/public:avm/res/container-service/managed-cluster:0.9.0', () => {
  const input = 'bicep/aks-store-demo__kubernetes.bicep';

  it('reads the arguments into one cluster without a Bicep CLI, with their lines', async () => {
    const read = await readClusterDefinitions([input], { cwd: SHARED, bicep: noCli() });
    expect(read.problems).toEqual([]);
    expect(read.inputs).toEqual([
      {
        path: input,
        status: 'scanned',
        documents: 1,
        objects: 1,
        reason: `${BICEP_NOT_FOUND}; only the arguments of its AVM AKS registry module calls were read, from the source; 2 reference(s) could not be followed`,
      },
    ]);
    const cluster = only(read.infrastructure.clusters);
    expect(cluster).toMatchObject({ kind: 'cluster', format: 'bicep', displayName: 'managedCluster', at: { file: input, region: { startLine: 15 } } });
    expect(cluster.at.approximate).toBeUndefined();
    expect(seen(cluster.name)).toEqual([`unknown: the interpolated string "'aks-\${nameSuffix}'" is not evaluated`, 18]);
    expect(seen(cluster.networkPlugin)).toEqual(['azure', 27]);
    expect(seen(cluster.networkPolicy)).toEqual(['cilium', 29]);
    expect(seen(cluster.nodeOsUpgradeChannel)).toEqual(['SecurityPatch', 31]);
    expect(seen(cluster.oidcIssuer)).toEqual([true, 32]);
    expect(seen(cluster.workloadIdentity)).toEqual([true, 33]);
    expect(seen(cluster.addons.azureKeyvaultSecretsProvider)).toEqual([true, 34]);
    expect(seen(cluster.azureRbac)).toEqual([true, 41]);
    expect(seen(cluster.aadManaged)).toEqual([true, 42]);
    expect(seen(cluster.identityType)).toEqual(['SystemAssigned', 45]);
    expect(seen(cluster.publicNetworkAccess)).toEqual(['Enabled', 47]);
    // [ currentIpAddress ]: a parameter without a default.
    expect(seen(cluster.authorizedIpRanges)).toEqual(['unknown: parameter "currentIpAddress" has no default value (it is given at deployment)', 48]);
    // configureMonitorSettings: a parameter whose default is the literal false.
    expect(seen(cluster.azureMonitorMetrics)).toEqual([false, 36]);
    expect(cluster.azureMonitorMetrics?.via).toBe('default of parameter "configureMonitorSettings"');
    // Container Insights: enableContainerInsights is configureMonitorSettings (false), and the omsagent add-on,
    // omsAgentEnabled && !empty(monitoringWorkspaceResourceId), gets `configureMonitorSettings ? … : null`, null: both off.
    expect(seen(cluster.addons.omsagent)).toEqual([false, 39]);
    expect(cluster.addons.omsagent?.via).toBe('as "configureMonitorSettings" is false (default of parameter "configureMonitorSettings")');
    expect(cluster.nodePools.map((p) => [p.displayName, p.separate, seen(p.mode), p.at.region.startLine])).toEqual([['system', false, ['System', 22], 20]]);
  });

  it('leaves every argument that is not passed to the default of the registry module, never to Azure\'s', async () => {
    const read = await readClusterDefinitions([input], { cwd: SHARED, bicep: noCli() });
    const cluster = only(read.infrastructure.clusters);
    const reason = `left to the default of registry module ${BICEP_AVM}`;
    // AVM's own default for disableLocalAccounts (true) is not Azure's (false): neither is assumed.
    for (const field of [cluster.disableLocalAccounts, cluster.enableRbac, cluster.enablePrivateCluster, cluster.skuTier, cluster.outboundType, cluster.upgradeChannel, cluster.defender, cluster.addons.azurepolicy, cluster.addons.ingressApplicationGateway]) {
      expect(seen(field)).toEqual([`unknown: ${reason}`, 15]);
    }
    expect(unknownReason(cluster.nodePools[0]?.availabilityZones)).toBe(reason);
  });

  it('lists the module as not read, and the other registry module as not read only', async () => {
    const read = await readClusterDefinitions([input], { cwd: SHARED, bicep: noCli() });
    expect(read.infrastructure.unresolved.map((u) => [u.what, u.reason, u.at.region.startLine])).toEqual([
      [`registry module ${BICEP_AVM}`, AVM_ARGUMENTS_READ, 15],
      ['registry module br/public:avm/res/container-registry/registry:0.9.1', 'it is not read (the file is not compiled)', 96],
    ]);
  });

  it('falls back to the source when the Bicep CLI cannot compile it (a registry module it cannot restore)', async () => {
    const read = await readClusterDefinitions([input], { cwd: SHARED, bicep: { bicepPath: FAKE_BICEP } });
    expect(read.inputs[0]).toMatchObject({ status: 'scanned', reason: expect.stringMatching(/^Bicep compilation failed: .*; only the arguments of its AVM AKS registry module calls were read/) as unknown });
    expect(seen(only(read.infrastructure.clusters).networkPolicy)).toEqual(['cilium', 29]);
  });
});

describe('Bicep: the source reader', () => {
  const file = join(FIXTURES, 'api-typed.bicep');
  const at = (needle: string): number => lineOf(file, needle);

  it('reads the 0.12+ API-typed parameters, parameter defaults, and the module\'s own logic', async () => {
    const read = await readClusterDefinitions(['api-typed.bicep'], { cwd: FIXTURES, bicep: noCli() });
    const cluster = only(read.infrastructure.clusters);
    expect(cluster.displayName).toBe('aks-prod');
    expect(cluster.id).toBe('/subscriptions/{unknown}/resourceGroups/{unknown}/providers/Microsoft.ContainerService/managedClusters/aks-prod');
    expect(cluster.at.region.startLine).toBe(at("module aks 'br:mcr"));
    expect([...seen(cluster.name), cluster.name?.via]).toEqual(['aks-prod', at('name: clusterName'), 'default of parameter "clusterName"']);
    expect(seen(cluster.skuTier)).toEqual(['Free', at("skuTier: 'Free'")]);
    expect(seen(cluster.disableLocalAccounts)).toEqual([false, at('disableLocalAccounts: false')]);
    // networkDataplane 'cilium' makes the network policy cilium in the module, networkPolicy or not.
    expect(seen(cluster.networkPolicy)).toEqual(['cilium', at("networkDataplane: 'cilium'")]);
    expect(seen(cluster.enablePrivateCluster)).toEqual([true, at('enablePrivateCluster: true')]);
    expect(seen(cluster.authorizedIpRanges)).toEqual([[], at('authorizedIPRanges: []')]);
    // aadProfile: a parameter whose default is an object literal.
    expect(seen(cluster.aadManaged)).toEqual([true, at('aadProfile: aadDefaults')]);
    expect(seen(cluster.azureRbac)).toEqual([false, at('aadProfile: aadDefaults')]);
    expect(seen(cluster.workloadIdentity)).toEqual([true, at('enabled: true')]);
    expect(seen(cluster.upgradeChannel)).toEqual(['stable', at("upgradeChannel: 'stable'")]);
    // autoUpgradeProfile is passed without nodeOSUpgradeChannel: the module's default applies, placed on the object.
    expect(seen(cluster.nodeOsUpgradeChannel)).toEqual(['unknown: left to the default of registry module br:mcr.microsoft.com/bicep/avm/res/container-service/managed-cluster:0.12.0', at('autoUpgradeProfile: {')]);
    expect(seen(cluster.identityType)).toEqual(['UserAssigned', at('userAssignedResourceIds: [')]);
    // omsAgentEnabled && !empty(monitoringWorkspaceResourceId): an empty workspace leaves the add-on off, but
    // azureMonitorProfile (containerInsights) is not passed: Container Insights is left to the module.
    expect(seen(cluster.addons.omsagent)).toEqual(['unknown: left to the default of registry module br:mcr.microsoft.com/bicep/avm/res/container-service/managed-cluster:0.12.0', at("module aks 'br:mcr")]);
    expect(
      cluster.nodePools.map((p) => [p.displayName, p.separate, known(p.mode), known(p.availabilityZones), known(p.enableAutoScaling), known(p.minCount), known(p.maxCount), known(p.enableNodePublicIP)]),
    ).toEqual([
      ['system', false, 'System', ['1', '2', '3'], true, 3, 5, undefined],
      ['user1', true, 'User', undefined, undefined, undefined, undefined, false],
    ]);
    expect(cluster.nodePools[1]?.id).toBe(`${cluster.id}/agentPools/user1`);
  });

  it('deploys no cluster for a call whose condition is false, and lists every module it does not read', async () => {
    const read = await readClusterDefinitions(['api-typed.bicep'], { cwd: FIXTURES, bicep: noCli() });
    expect(read.infrastructure.clusters).toHaveLength(1);
    expect(read.infrastructure.unresolved.map((u) => [u.what, u.at.region.startLine])).toEqual([
      ['registry module br:mcr.microsoft.com/bicep/avm/res/container-service/managed-cluster:0.12.0', at("module aks 'br:mcr")],
      ['registry module br/public:avm/res/container-service/managed-cluster:0.12.0', at('module disabled')],
      ['registry module br/public:avm/res/network/virtual-network:0.5.0', at('module vnet')],
      ['module local (./modules/thing.bicep)', at('module local')],
    ]);
  });

  it('reads a call in a for loop once, and says so', async () => {
    const cwd = tmpTree({
      'loop.bicep': [
        "param envs array = [ 'dev', 'prod' ]",
        "module aksPerEnv 'br/public:avm/res/container-service/managed-cluster:0.10.0' = [for env in envs: {",
        "  name: 'aks-${env}'",
        '  params: {',
        "    name: 'aks-${env}'",
        '    enableRBAC: true',
        '    primaryAgentPoolProfiles: []',
        '  }',
        '}]',
        '',
      ].join('\n'),
    });
    const read = await readClusterDefinitions(['loop.bicep'], { cwd, bicep: noCli() });
    expect(seen(only(read.infrastructure.clusters).enableRbac)).toEqual([true, 6]);
    expect(read.infrastructure.unresolved.map((u) => [u.what, u.reason])).toEqual([
      ['registry module br/public:avm/res/container-service/managed-cluster:0.10.0', AVM_ARGUMENTS_READ],
      ['the instances of aksPerEnv', 'it is declared in a for loop: read once'],
    ]);
  });

  it('leaves a file without an AKS registry module call as it was: not evaluated', async () => {
    const read = await readClusterDefinitions(['other-registry.bicep'], { cwd: FIXTURES, bicep: noCli() });
    expect(read.inputs).toEqual([{ path: 'other-registry.bicep', status: 'skipped', reason: BICEP_NOT_FOUND, documents: 0, objects: 0 }]);
    expect(read.infrastructure.unresolved).toEqual([]);
    expect(read.infrastructure.clusters).toEqual([]);
  });

  it('makes nothing of garbage, and never throws', async () => {
    const read = await readClusterDefinitions(['garbage.bicep'], { cwd: FIXTURES, bicep: noCli() });
    expect(read.inputs).toEqual([{ path: 'garbage.bicep', status: 'skipped', reason: BICEP_NOT_FOUND, documents: 0, objects: 0 }]);
    expect(read.infrastructure.clusters).toEqual([]);
    const garbage = ["'", "'''", '${', "'${'", '{'.repeat(5000), '['.repeat(5000) + ']'.repeat(10), '@@@(((', '\u0000\uffff', "module x 'y' = if (", 'param = = ='];
    for (const text of garbage) expect(readBicepSource(text, 'g.bicep').modules).toEqual([]);
  });

  it('reads every truncation of a real file without throwing, and never reads a cut-off call', () => {
    const text = readFileSync(join(SHARED, 'bicep', 'aks-store-demo__kubernetes.bicep'), 'utf8');
    const whole = readBicepSource(text, 'k.bicep').modules;
    expect(whole.map((m) => [m.symbol, m.at.region.startLine])).toEqual([
      ['managedCluster', 15],
      ['registry', 96],
    ]);
    for (let end = 0; end < text.length; end += 97) {
      const modules = readBicepSource(text.slice(0, end), 'k.bicep').modules;
      // The first call ends on line 92: cut before it, it is not there at all.
      if (end < text.indexOf('\n}\n', text.indexOf('module managedCluster'))) expect(modules).toEqual([]);
    }
  });
});

describe('Bicep: the source reader evaluates null, `!x` and `c ? a : b`, nothing more', () => {
  const DECLARATIONS = ['param on bool = true', 'param off bool = false', 'param given bool', "param word string = 'w'"];
  /** The params of `module m` whose params object holds `lines`, after the declarations. */
  const paramsOf = (lines: readonly string[]): ReadonlyMap<string, { value: unknown; via?: string | undefined; at: { region: { startLine: number } } }> => {
    const text = [...DECLARATIONS, "module m 'x' = {", '  params: {', ...lines.map((l) => `    ${l}`), '  }', '}', ''].join('\n');
    const params = readBicepSource(text, 'e.bicep').modules[0]?.params;
    if (!params) throw new Error('a module with params expected');
    return new Map([...params].map(([k, a]) => [k, { value: a.value.known ? a.value.value : `unknown: ${a.value.reason}`, via: a.via, at: a.at }]));
  };
  const valueOf = (expression: string): [unknown, string | undefined] => {
    const a = paramsOf([`a: ${expression}`]).get('a');
    return [a?.value, a?.via];
  };

  it.each([
    ['null', null, undefined],
    ['off', false, 'default of parameter "off"'],
    ["on ? 'yes' : 'no'", 'yes', 'as "on" is true (default of parameter "on")'],
    ["off ? 'yes' : 'no'", 'no', 'as "off" is false (default of parameter "off")'],
    ["true ? word : 'no'", 'w', 'default of parameter "word", as "true" is true'],
    ['off ? word : null', null, 'as "off" is false (default of parameter "off")'],
    ['!off', true, 'not default of parameter "off"'],
    ['!!on', true, 'not not default of parameter "on"'],
    ['!(off)', true, 'not default of parameter "off"'],
    ['!true', false, 'not "true"'],
    ["!on ? 'a' : 'b'", 'b', 'as "!on" is false (not default of parameter "on")'],
    ["(off ? 'x' : 'y')", 'y', 'as "off" is false (default of parameter "off")'],
    // Nested: the else branch and the then branch are conditionals themselves.
    ['off ? 1 : on ? 2 : 3', 2, 'as "on" is true (default of parameter "on"), as "off" is false (default of parameter "off")'],
    ['on ? off ? 1 : 2 : 3', 2, 'as "off" is false (default of parameter "off"), as "on" is true (default of parameter "on")'],
    // The branch not chosen is never read.
    ["on ? 'ok' : registry.outputs.name", 'ok', 'as "on" is true (default of parameter "on")'],
    ["off ? resourceGroup().location : 'ok'", 'ok', 'as "off" is false (default of parameter "off")'],
  ] as const)('%s → %j', (expression, value, via) => {
    expect(valueOf(expression)).toEqual([value, via]);
  });

  it.each([
    // A condition that is not known leaves the whole unknown, whatever its branches.
    ["given ? 'yes' : 'no'", `the condition of "given ? 'yes' : 'no'": parameter "given" has no default value (it is given at deployment)`],
    ["missing ? 'yes' : 'yes'", `the condition of "missing ? 'yes' : 'yes'": "missing" is not a parameter (variables, resources and module outputs are not evaluated without compiling)`],
    ["word ? 'yes' : 'no'", `the condition of "word ? 'yes' : 'no'" is "w", not true or false`],
    ["on ? registry.outputs.name : 'no'", 'the expression "registry.outputs.name" is not evaluated without compiling'],
    ['!given', 'parameter "given" has no default value (it is given at deployment)'],
    ['!word', '"!word" negates "w", not true or false'],
    // Other operators are not evaluated, `!` included when it is only part of the expression.
    ['off && on', 'the expression "off && on" is not evaluated without compiling'],
    ['!off && on', 'the expression "!off && on" is not evaluated without compiling'],
    ["word == 'w' ? 1 : 2", `the condition of "word == 'w' ? 1 : 2": the expression "word == 'w'" is not evaluated without compiling`],
    ["off ?? 'x'", `the expression "off ?? 'x'" is not evaluated without compiling`],
    ["on ? 'x'", `the expression "on ? 'x'" is not evaluated without compiling`],
  ])('%s → unknown', (expression, reason) => {
    expect(valueOf(expression)[0]).toBe(`unknown: ${reason}`);
  });

  it('reads a chosen object branch with its members, and a conditional over several lines, and goes on after it', () => {
    const params = paramsOf(['a: on ? { x: 1 } : null', 'b: off', '  ? 1', "  : 'two'", 'c: !off']);
    expect([...params].map(([k, a]) => [k, a.value, a.at.region.startLine])).toEqual([
      ['a', { x: 1 }, 7],
      ['b', 'two', 8],
      ['c', true, 11],
    ]);
    const module = readBicepSource([...DECLARATIONS, "module m 'x' = {", '  params: {', '    a: on ? { x: 1 } : null', '  }', '}'].join('\n'), 'e.bicep').modules[0];
    expect(module?.params?.get('a')?.members?.get('x')?.value).toEqual({ known: true, value: 1 });
  });

  it('evaluates a module condition the same way', () => {
    const conditions = ['if (!off)', 'if (off ? true : false)', 'if (given)'].map((c) => readBicepSource([...DECLARATIONS, `module m 'x' = ${c} {`, '  params: {}', '}'].join('\n'), 'e.bicep').modules[0]?.condition?.value);
    expect(conditions).toEqual([
      { known: true, value: true },
      { known: true, value: false },
      { known: false, reason: 'parameter "given" has no default value (it is given at deployment)' },
    ]);
  });

  it('does not follow a parameter from another parameter\'s default', () => {
    const text = ['param off bool = false', 'param derived bool = !off', "module m 'x' = {", '  params: {', '    a: derived ? 1 : 2', '  }', '}'].join('\n');
    expect(readBicepSource(text, 'e.bicep').modules[0]?.params?.get('a')?.value).toEqual({
      known: false,
      reason: 'the condition of "derived ? 1 : 2": the default of parameter "derived": the default names "off", which is not followed',
    });
  });
});

describe('Bicep: Container Insights through the omsagent add-on or azureMonitorProfile.containerInsights', () => {
  const AKS = "module aks 'br/public:avm/res/container-service/managed-cluster:0.10.0' = {";
  const omsagentOf = async (params: readonly string[]): Promise<[unknown, number | undefined]> => {
    const cwd = tmpTree({ 'm.bicep': ['param off bool = false', AKS, '  params: {', "    name: 'aks'", ...params.map((p) => `    ${p}`), '  }', '}', ''].join('\n') });
    const read = await readClusterDefinitions(['m.bicep'], { cwd, bicep: noCli() });
    return seen(only(read.infrastructure.clusters).addons.omsagent);
  };
  const DEFAULT = `unknown: left to the default of registry module br/public:avm/res/container-service/managed-cluster:0.10.0`;

  it.each([
    // Either way on is on (the module is on line 2, the first parameter after name on line 5).
    [['enableContainerInsights: true', 'omsAgentEnabled: false'], [true, 5]],
    [['azureMonitorProfile: {', '  containerInsights: {', '    enabled: true', '  }', '}', 'omsAgentEnabled: false'], [true, 7]],
    [["omsAgentEnabled: true", "monitoringWorkspaceResourceId: '/subscriptions/s/w'", 'enableContainerInsights: off'], [true, 5]],
    // Both off is off, placed on the add-on.
    [['enableContainerInsights: !!off', 'monitoringWorkspaceResourceId: null'], [false, 6]],
    [['enableContainerInsights: false', 'omsAgentEnabled: off ? true : false'], [false, 6]],
    // One off and the other not passed: the module's default decides, placed on the module or the flag written.
    [['monitoringWorkspaceResourceId: null'], [DEFAULT, 2]],
    [['enableContainerInsights: false'], [DEFAULT, 2]],
    [['enableContainerInsights: false', 'omsAgentEnabled: true'], [DEFAULT, 6]],
  ] as const)('%j → %j', async (params, expected) => {
    expect(await omsagentOf(params)).toEqual(expected);
  });
});

describe('Terraform: aks-store-demo calls Azure/avm-res-containerservice-managedcluster/azurerm 0.6.1', () => {
  const dir = join(SHARED, 'terraform');
  const input = 'aks-store-demo/kubernetes.tf';

  it('reads the arguments into one cluster, with their lines', async () => {
    const read = await readClusterDefinitions([join(dir, input)], { cwd: dir });
    expect(read.problems).toEqual([]);
    expect(read.inputs).toEqual([{ path: input, status: 'scanned', documents: 1, objects: 1, reason: '2 module(s) or reference(s) not followed' }]);
    const cluster = only(read.infrastructure.clusters);
    expect(cluster).toMatchObject({ id: 'module.aks', displayName: 'module.aks', format: 'terraform', at: { file: input, region: { startLine: 12 } } });
    expect(seen(cluster.disableLocalAccounts)).toEqual([true, 33]);
    expect(seen(cluster.oidcIssuer)).toEqual([true, 24]);
    expect(seen(cluster.workloadIdentity)).toEqual([true, 29]);
    expect(seen(cluster.aadManaged)).toEqual([true, 40]);
    expect(seen(cluster.azureRbac)).toEqual([true, 41]);
    expect(seen(cluster.networkPlugin)).toEqual(['azure', 53]);
    expect(seen(cluster.networkPolicy)).toEqual(['cilium', 55]);
    expect(seen(cluster.addons.azureKeyvaultSecretsProvider)).toEqual([true, 60]);
    expect(seen(cluster.identityType)).toEqual(['SystemAssigned', 67]);
    // ["${chomp(data.http.current_ip.response_body)}/32"]: known only after apply.
    expect(seen(cluster.authorizedIpRanges)).toEqual(['unknown: function chomp() is not evaluated', 36]);
    // `local.deploy_observability_tools ? { … } : null`, the local being in another file of the directory.
    expect(seen(cluster.addons.omsagent)).toEqual(['unknown: local.deploy_observability_tools is not defined', 78]);
    expect(cluster.nodePools.map((p) => [p.id, p.separate, seen(p.mode)])).toEqual([['module.aks/systempool', false, ['System', 45]]]);
  });

  it('leaves what is not passed to the default of the registry module', async () => {
    const read = await readClusterDefinitions([join(dir, input)], { cwd: dir });
    const cluster = only(read.infrastructure.clusters);
    const reason = `unknown: left to the default of registry module ${TF_AVM}`;
    expect(seen(cluster.publicNetworkAccess)).toEqual([reason, 12]);
    expect(seen(cluster.enableRbac)).toEqual([reason, 12]);
    expect(seen(cluster.addons.azurepolicy)).toEqual([reason, 12]);
    // Passed objects without the attribute: placed on the object.
    expect(seen(cluster.enablePrivateCluster)).toEqual([reason, 35]);
    expect(seen(cluster.outboundType)).toEqual([reason, 52]);
    // auto_upgrade_profile sets node_os_channel_upgrade, which the module's variable does not declare
    // (its attribute is node_os_upgrade_channel; Terraform drops undeclared attributes).
    expect(seen(cluster.nodeOsUpgradeChannel)).toEqual([reason, 19]);
  });

  it('lists the module as not read, and the container registry module as not read only', async () => {
    const read = await readClusterDefinitions([join(dir, input)], { cwd: dir });
    expect(read.infrastructure.unresolved.map((u) => [u.what, u.reason, u.at.region.startLine])).toEqual([
      ['remote module Azure/avm-res-containerregistry-registry/azurerm 0.5.1', 'it is not read (only local modules are followed; a terraform show -json plan shows what it creates)', 2],
      [`remote module ${TF_AVM}`, AVM_ARGUMENTS_READ, 12],
    ]);
  });
});

describe('Terraform: calls with count, variables and other modules', () => {
  const dir = join(FIXTURES, 'terraform');
  const at = (needle: string): number => lineOf(join(dir, 'main.tf'), needle);

  it('reads one cluster per instance, with variables and count.index evaluated', async () => {
    const read = await readClusterDefinitions([join(dir, 'main.tf')], { cwd: dir });
    expect(read.infrastructure.clusters.map((c) => [c.id, known(c.name)])).toEqual([
      ['module.aks[0]', 'aks-0'],
      ['module.aks[1]', 'aks-1'],
    ]);
    const [cluster] = read.infrastructure.clusters;
    expect(seen(cluster?.skuTier)).toEqual(['Standard', at('tier = "Standard"')]);
    expect(seen(cluster?.publicNetworkAccess)).toEqual(['Disabled', at('public_network_access')]);
    expect(seen(cluster?.enablePrivateCluster)).toEqual([true, at('enable_private_cluster')]);
    expect([...seen(cluster?.azureRbac), cluster?.azureRbac?.via]).toEqual([true, at('enable_azure_rbac'), 'var.rbac']);
    expect(seen(cluster?.upgradeChannel)).toEqual(['patch', at('upgrade_channel         =')]);
    expect(seen(cluster?.nodeOsUpgradeChannel)).toEqual(['NodeImage', at('node_os_upgrade_channel')]);
    expect(seen(cluster?.identityType)).toEqual(['UserAssigned', at('user_assigned_resource_ids')]);
    expect(seen(cluster?.addons.omsagent)).toEqual([true, at('enabled = true')]);
    expect(
      cluster?.nodePools.map((p) => [p.id, p.separate, known(p.mode), known(p.availabilityZones), known(p.enableAutoScaling), known(p.minCount), known(p.maxCount), known(p.enableNodePublicIP)]),
    ).toEqual([
      ['module.aks[0]/sys', false, 'System', ['1', '2', '3'], true, 3, 6, undefined],
      ['module.aks[0]/user', true, 'User', undefined, undefined, undefined, undefined, false],
    ]);
    expect(read.inputs).toEqual([{ path: 'main.tf', status: 'scanned', documents: 1, objects: 2, reason: '3 module(s) or reference(s) not followed' }]);
  });

  it('lists the call once, and a submodule of the registry module or another module as not read only', async () => {
    const read = await readClusterDefinitions([join(dir, 'main.tf')], { cwd: dir });
    expect(read.infrastructure.unresolved.map((u) => [u.what, u.reason === AVM_ARGUMENTS_READ, u.at.region.startLine])).toEqual([
      ['remote module registry.terraform.io/Azure/avm-res-containerservice-managedcluster/azurerm ~> 0.6', true, at('module "aks"')],
      ['remote module Azure/avm-res-containerservice-managedcluster/azurerm//modules/agentpool 0.6.1', false, at('module "agentpool_only"')],
      ['remote module Azure/avm-res-network-virtualnetwork/azurerm 0.8.0', false, at('module "vnet"')],
    ]);
  });
});
