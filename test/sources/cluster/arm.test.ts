import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { known, unknownReason } from '../../../shared/documents/cluster/model.js';
import { parseJsonWithPositions } from '../../../shared/documents/json-positions.js';
import { readArmTemplate } from '../../../shared/sources/cluster/arm.js';

const ARM = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'aks-iac', 'arm');

function read(text: string, file = 'main.json', parameterValues?: Record<string, unknown>) {
  const parsed = parseJsonWithPositions(text);
  if (!parsed.ok) throw new Error('must parse');
  return readArmTemplate({
    template: parsed.value,
    format: 'arm',
    locate: (path) => ({ file, region: parsed.positions.locate(path).region }),
    ...(parameterValues ? { parameterValues } : {}),
  });
}

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('ARM templates', () => {
  it('reads the AKS quickstart: defaults of parameters, unknown deployment-time values, lines of each property', () => {
    const text = readFileSync(join(ARM, 'azure-quickstart-templates__aks__azuredeploy.json'), 'utf8');
    const infra = read(text);
    expect(infra.clusters).toHaveLength(1);
    const [cluster] = infra.clusters;
    // clusterName has the default "aks101cluster"; location defaults to resourceGroup().location, known only at deployment.
    expect(cluster?.displayName).toBe('aks101cluster');
    expect(cluster?.id).toBe('/subscriptions/{unknown}/resourceGroups/{unknown}/providers/Microsoft.ContainerService/managedClusters/aks101cluster');
    expect(unknownReason(cluster?.location)).toMatch(/resourceGroup\(\)\.location is only known at deployment/);
    expect(cluster?.location?.via).toBe('the expression "[parameters(\'location\')]"');
    expect(cluster?.at.region.startLine).toBe(lineOf(text, '"type": "Microsoft.ContainerService/managedClusters"'));
    // Nothing about RBAC, AAD, network policy or add-ons is written: absent, left to Azure's defaults.
    expect(cluster?.enableRbac).toBeUndefined();
    expect(cluster?.networkPolicy).toBeUndefined();
    expect(cluster?.addons).toEqual({});
    expect(known(cluster?.identityType)).toBe('SystemAssigned');
    const [pool] = cluster?.nodePools ?? [];
    expect(pool?.displayName).toBe('agentpool');
    expect(known(pool?.mode)).toBe('System');
    expect(pool?.mode?.at.region.startLine).toBe(lineOf(text, '"mode": "System"'));
    expect(pool?.enableAutoScaling).toBeUndefined();
  });

  it('takes values from a parameters file over defaults', () => {
    const text = readFileSync(join(ARM, 'azure-quickstart-templates__aks__azuredeploy.json'), 'utf8');
    const infra = read(text, 'main.json', { clusterName: 'prod-aks', location: 'westeurope' });
    expect(infra.clusters[0]?.displayName).toBe('prod-aks');
    expect(known(infra.clusters[0]?.location)).toBe('westeurope');
  });

  it('reads the compiled AVM module (nested expressions, symbolic names) without failing, in well under a second', () => {
    const text = readFileSync(join(ARM, 'avm-managed-cluster__main.json'), 'utf8');
    const infra = read(text);
    expect(infra.clusters.length).toBeGreaterThan(0);
    const [cluster] = infra.clusters;
    // The AVM module takes its name as a parameter without a default: unknown, never guessed.
    expect(cluster?.displayName).toBe("[parameters('name')]");
  });

  it('finds clusters in nested deployments, agentPools children and diagnostic settings scoped to the cluster', () => {
    const template = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      parameters: { clusterName: { type: 'string', defaultValue: 'aks1' }, rbac: { type: 'bool' } },
      resources: [
        {
          type: 'Microsoft.Resources/deployments',
          name: 'aks',
          properties: {
            expressionEvaluationOptions: { scope: 'inner' },
            parameters: { name: { value: "[parameters('clusterName')]" } },
            template: {
              parameters: { name: { type: 'string' } },
              resources: [
                {
                  type: 'Microsoft.ContainerService/managedClusters',
                  name: "[parameters('name')]",
                  properties: { enableRBAC: true, aadProfile: { managed: true, enableAzureRBAC: "[parameters('missing')]" } },
                  resources: [{ type: 'agentPools', name: 'user', properties: { enableAutoScaling: true, minCount: 2, maxCount: 5 } }],
                },
              ],
            },
          },
        },
        {
          type: 'Microsoft.Insights/diagnosticSettings',
          name: 'audit',
          scope: "[format('Microsoft.ContainerService/managedClusters/{0}', parameters('clusterName'))]",
          properties: { logs: [{ category: 'kube-audit-admin', enabled: true }, { category: 'kube-apiserver', enabled: false }] },
        },
        { type: 'Microsoft.ContainerService/managedClusters/agentPools', name: 'other/pool', properties: {} },
      ],
    };
    const infra = read(JSON.stringify(template, null, 2));
    const [cluster] = infra.clusters;
    expect(cluster?.displayName).toBe('aks1');
    expect(known(cluster?.enableRbac)).toBe(true);
    expect(unknownReason(cluster?.azureRbac)).toMatch(/parameter "missing" has no value/);
    expect(cluster?.nodePools.map((p) => [p.displayName, p.separate, known(p.minCount)])).toEqual([['user', true, 2]]);
    const [setting] = infra.diagnosticSettings;
    expect(setting?.targetId).toEqual({ known: true, value: cluster?.id });
    expect(known(setting?.enabledLogs)).toEqual(['kube-audit-admin']);
    expect(infra.unresolved.map((u) => u.what)).toEqual(['node pool pool']);
  });

  it('reads the ALB Controller add-on and Application Gateway for Containers, not their child resources', () => {
    const template = {
      parameters: { alb: { type: 'bool' } },
      resources: [
        { type: 'Microsoft.ContainerService/managedClusters', apiVersion: '2025-09-02-preview', name: 'aks1', properties: { ingressProfile: { applicationLoadBalancer: { enabled: true }, gatewayAPI: { installation: 'Standard' } } } },
        { type: 'Microsoft.ContainerService/managedClusters', name: 'aks2', properties: { ingressProfile: { applicationLoadBalancer: { enabled: "[parameters('alb')]" } } } },
        { type: 'Microsoft.ContainerService/managedClusters', name: 'aks3', properties: { ingressProfile: { webAppRouting: { enabled: true } } } },
        {
          type: 'Microsoft.ServiceNetworking/trafficControllers',
          name: 'agc1',
          properties: {},
          resources: [{ type: 'frontends', name: 'fe', properties: {} }],
        },
        { type: 'Microsoft.ServiceNetworking/trafficControllers/associations', name: 'agc1/snet', properties: { associationType: 'subnets', subnet: { id: 'x' } } },
      ],
    };
    const text = JSON.stringify(template, null, 2);
    const [aks1, aks2, aks3] = read(text).clusters;
    expect(known(aks1?.albControllerAddon)).toBe(true);
    expect(aks1?.albControllerAddon?.at.region.startLine).toBe(lineOf(text, '"enabled": true'));
    expect(unknownReason(aks2?.albControllerAddon)).toMatch(/parameter "alb" has no value/);
    expect(aks3?.albControllerAddon).toBeUndefined();
    const controllers = read(text).trafficControllers;
    expect(controllers.map((c) => [c.kind, c.displayName, c.id])).toEqual([
      ['traffic-controller', 'agc1', '/subscriptions/{unknown}/resourceGroups/{unknown}/providers/Microsoft.ServiceNetworking/trafficControllers/agc1'],
    ]);
    expect(controllers[0]?.at.region.startLine).toBe(lineOf(text, '"type": "Microsoft.ServiceNetworking/trafficControllers"'));
  });

  it('links route tables to subnets (subnet resources, vnet children, inline subnets) and reads the pools\' subnets', () => {
    const rt = (name: string) => ({ id: `[resourceId('Microsoft.Network/routeTables', '${name}')]` });
    const template = {
      parameters: { table: { type: 'string' } },
      resources: [
        { type: 'Microsoft.Network/routeTables', name: 'rt-a', properties: { routes: [] } },
        { type: 'Microsoft.Network/routeTables', name: 'rt-b', properties: { routes: [] } },
        { type: 'Microsoft.Network/routeTables', name: "[parameters('table')]", properties: { routes: [] } },
        {
          type: 'Microsoft.Network/virtualNetworks',
          name: 'vnet1',
          properties: { subnets: [{ name: 'inline', properties: { routeTable: rt('rt-a') } }, { name: 'plain', properties: {} }] },
          resources: [{ type: 'subnets', name: 'child', properties: { routeTable: rt('rt-b') } }],
        },
        // A full id with a real subscription and resource group is made canonical like resourceId()'s.
        { type: 'Microsoft.Network/virtualNetworks/subnets', name: 'vnet1/separate', properties: { routeTable: { id: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/routeTables/rt-a' } } },
        { type: 'Microsoft.Network/virtualNetworks/subnets', name: 'vnet1/unknown-table', properties: { routeTable: { id: "[parameters('table')]" } } },
        {
          type: 'Microsoft.ContainerService/managedClusters',
          name: 'aks1',
          properties: {
            agentPoolProfiles: [
              { name: 'system', vnetSubnetID: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet1', 'inline')]" },
              { name: 'nosubnet' },
            ],
          },
        },
        { type: 'Microsoft.ContainerService/managedClusters/agentPools', name: 'aks1/user', properties: { vnetSubnetID: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/child' } },
      ],
    };
    const text = JSON.stringify(template, null, 2);
    const infra = read(text);
    const subnet = (name: string) => `/subscriptions/{unknown}/resourceGroups/{unknown}/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/${name}`;
    expect(infra.routeTables.map((t) => [t.displayName, t.subnetIds])).toEqual([
      ['rt-a', [{ known: true, value: subnet('separate') }, { known: true, value: subnet('inline') }]],
      ['rt-b', [{ known: true, value: subnet('child') }]],
      // A table whose name is unknown is linked to nothing; a subnet whose table is unknown links to no table.
      ["[parameters('table')]", []],
    ]);
    const pools = infra.clusters[0]?.nodePools ?? [];
    expect(pools.map((p) => [p.displayName, known(p.subnetId)])).toEqual([
      ['system', subnet('inline')],
      ['nosubnet', undefined],
      ['user', subnet('child')],
    ]);
    expect(pools[0]?.subnetId?.at.region.startLine).toBe(lineOf(text, '"vnetSubnetID": "[resourceId('));
  });

  it('never expands a copy loop, however large', () => {
    const template = {
      resources: [{ type: 'Microsoft.ContainerService/managedClusters', name: "[concat('aks', copyIndex())]", copy: { name: 'loop', count: 100000 }, properties: {} }],
    };
    const started = Date.now();
    const infra = read(JSON.stringify(template));
    expect(infra.clusters).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('skips resources whose condition is false with these parameters', () => {
    const template = { parameters: { on: { type: 'bool', defaultValue: false } }, resources: [{ type: 'Microsoft.ContainerService/managedClusters', name: 'x', condition: "[parameters('on')]", properties: {} }] };
    expect(read(JSON.stringify(template)).clusters).toEqual([]);
  });
});
