import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { known } from '../../../shared/documents/cluster/model.js';
import { parseJsonWithPositions } from '../../../shared/documents/json-positions.js';
import { mapAzurerm } from '../../../shared/sources/cluster/azurerm.js';
import { isTerraformPlan, readTerraformPlan } from '../../../shared/sources/cluster/terraform-plan.js';

function read(name: string) {
  const text = readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
  const parsed = parseJsonWithPositions(text);
  if (!parsed.ok) throw new Error('fixture must parse');
  expect(isTerraformPlan(parsed.value)).toBe(true);
  return { text, infrastructure: mapAzurerm(readTerraformPlan(parsed.value, name, parsed.positions)) };
}

function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

describe('terraform show -json plans', () => {
  it('maps the cluster with exact values and the lines they are on', () => {
    const { text, infrastructure } = read('aks-udr.plan.json');
    const [cluster] = infrastructure.clusters;
    expect(cluster?.id).toBe('azurerm_kubernetes_cluster.example');
    expect(known(cluster?.kubernetesVersion)).toBe('1.30');
    expect(cluster?.kubernetesVersion?.at.region.startLine).toBe(lineOf(text, '"kubernetes_version"'));
    expect(known(cluster?.enablePrivateCluster)).toBe(false);
    expect(known(cluster?.outboundType)).toBe('userDefinedRouting');
    // `network_policy: null` is unset in a plan, not unknown.
    expect(cluster?.networkPolicy).toBeUndefined();
    expect(known(cluster?.identityType)).toBe('SystemAssigned');
    expect(cluster?.addons.omsagent).toBeUndefined();
    expect(cluster?.aadManaged).toBeUndefined();
  });

  it('attaches separate node pools of child modules only when their cluster reference resolves', () => {
    const { infrastructure } = read('aks-udr.plan.json');
    const pools = infrastructure.clusters[0]?.nodePools ?? [];
    // The module's pool references var.cluster_id, which the plan does not resolve to an address.
    expect(pools.map((p) => p.displayName)).toEqual(['system']);
    expect(known(pools[0]?.enableAutoScaling)).toBe(false);
    expect(infrastructure.unresolved).toMatchObject([{ what: 'node pool module.pools.azurerm_kubernetes_cluster_node_pool.user[0]', reason: expect.stringMatching(/not in the inputs/) as unknown }]);
  });

  it('resolves a reference known only after apply through the configuration section', () => {
    const { infrastructure } = read('aks-udr.plan.json');
    const [setting] = infrastructure.diagnosticSettings;
    expect(setting?.targetId).toEqual({ known: true, value: 'azurerm_kubernetes_cluster.example' });
    expect(known(setting?.enabledLogs)).toEqual(['kube-audit-admin']);
  });

  it('reads route tables with their routes', () => {
    const { infrastructure } = read('aks-udr.plan.json');
    const routes = infrastructure.routeTables[0]?.routes ?? [];
    expect(routes.map((r) => [known(r.addressPrefix), known(r.nextHopType)])).toEqual([['0.0.0.0/0', 'VirtualAppliance']]);
  });

  it('links route tables to subnets through azurerm_subnet_route_table_association, by the addresses the configuration names', () => {
    const text = readFileSync(join(import.meta.dirname, '..', '..', 'rules', 'egress-user-defined-routing', 'fail.other-region-table.plan.json'), 'utf8');
    const parsed = parseJsonWithPositions(text);
    if (!parsed.ok) throw new Error('fixture must parse');
    const infrastructure = mapAzurerm(readTerraformPlan(parsed.value, 'plan.json', parsed.positions));
    expect(infrastructure.routeTables.map((t) => [t.id, t.subnetIds])).toEqual([
      ['azurerm_route_table.west', [{ known: true, value: 'azurerm_subnet.west' }]],
      ['azurerm_route_table.north', [{ known: true, value: 'azurerm_subnet.north' }]],
    ]);
    // vnet_subnet_id is known only after apply; the configuration says it is azurerm_subnet.<region>.id.
    expect(infrastructure.clusters.map((c) => [c.id, known(c.nodePools[0]?.subnetId)])).toEqual([
      ['azurerm_kubernetes_cluster.west', 'azurerm_subnet.west'],
      ['azurerm_kubernetes_cluster.north', 'azurerm_subnet.north'],
    ]);
  });
});

describe('Application Gateway for Containers in a plan', () => {
  it('reads azurerm_application_load_balancer, not its subnet association; the cluster has no ALB Controller add-on argument', () => {
    const text = readFileSync(join(import.meta.dirname, '..', '..', 'rules', 'agic-addon', 'pass.agc.plan.json'), 'utf8');
    const parsed = parseJsonWithPositions(text);
    if (!parsed.ok) throw new Error('fixture must parse');
    const infrastructure = mapAzurerm(readTerraformPlan(parsed.value, 'pass.agc.plan.json', parsed.positions));
    expect(infrastructure.trafficControllers.map((c) => [c.kind, c.id, c.format])).toEqual([['traffic-controller', 'azurerm_application_load_balancer.shop', 'terraform-plan']]);
    // A plan resource is placed on the `{` that opens it, the line above its address.
    expect(infrastructure.trafficControllers[0]?.at.region.startLine).toBe(lineOf(text, '"address": "azurerm_application_load_balancer.shop"') - 1);
    expect(infrastructure.clusters[0]?.albControllerAddon).toBeUndefined();
  });
});

describe('how arguments were written, from the plan configuration', () => {
  function planWith(secretExpression: Record<string, unknown>) {
    const plan = {
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            {
              address: 'azurerm_kubernetes_cluster.main',
              mode: 'managed',
              type: 'azurerm_kubernetes_cluster',
              name: 'main',
              // `terraform show -json` prints sensitive values in plain text: the value alone cannot say whether it was a literal.
              values: { name: 'aks', service_principal: [{ client_id: '00000000-0000-0000-0000-000000000001', client_secret: 'not-a-real-secret' }] },
            },
          ],
        },
      },
      configuration: { root_module: { resources: [{ address: 'azurerm_kubernetes_cluster.main', expressions: { service_principal: [{ client_secret: secretExpression }] } }] } },
    };
    const text = JSON.stringify(plan, null, 2);
    const parsed = parseJsonWithPositions(text);
    if (!parsed.ok) throw new Error('must parse');
    return mapAzurerm(readTerraformPlan(parsed.value, 'plan.json', parsed.positions)).clusters[0];
  }

  it('a client_secret from a variable is not a literal, a constant one is', () => {
    expect(known(planWith({ references: ['var.client_secret'] })?.servicePrincipalSecretLiteral)).toBe(false);
    expect(known(planWith({ constant_value: 'not-a-real-secret' })?.servicePrincipalSecretLiteral)).toBe(true);
  });
});
