import { describe, expect, it } from 'vitest';
import type { Field, RouteTable } from '../../../shared/documents/cluster/model.js';
import rule from '../../../shared/rules/sec/egress-user-defined-routing.js';
import { cluster, field, infrastructure, loc, nodePool, unknownField } from '../../helpers/cluster-factory.js';
import { runClusterRule, testClusterRule } from '../../helpers/cluster-rule-tester.js';


function routeTable(name: string, routes: readonly [Field<string>, Field<string>][], subnetIds: readonly string[] = []): RouteTable {
  return {
    kind: 'route-table',
    id: `azurerm_route_table.${name}`,
    displayName: name,
    format: 'terraform',
    at: loc('network.tf'),
    routes: routes.map(([addressPrefix, nextHopType]) => ({ addressPrefix, nextHopType, at: loc('network.tf') })),
    subnetIds: subnetIds.map((value) => ({ known: true, value })),
  };
}

function run(clusters: ReturnType<typeof cluster>[], routeTables: RouteTable[] = []) {
  const { findings, item } = runClusterRule(rule, infrastructure({ clusters, routeTables }));
  return { item, findings, found: findings.map((f) => ({ messageId: f.messageId, level: f.level, line: f.region.startLine })) };
}

const udr = () => cluster({ outboundType: field('userDefinedRouting') });

describe(rule.id, () => {
  it('passes user-defined routing when no route table is in the inputs', () => {
    const { found, item } = run([udr()]);
    expect(found).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('passes user-defined routing with a route table sending 0.0.0.0/0 to a virtual appliance', () => {
    const tables = [
      routeTable('spoke', [[field('10.0.0.0/8'), field('VnetLocal')]]),
      routeTable('firewall', [[field('0.0.0.0/0'), field('VirtualAppliance')]]),
    ];
    const { found, item } = run([udr()], tables);
    expect(found).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('reports every route table as an error when none sends the default route to an appliance', () => {
    const internet = routeTable('rt-internet', [[field('0.0.0.0/0'), field('Internet')]]);
    const local = routeTable('rt-local', [[field('10.0.0.0/8'), field('VirtualAppliance')]]);
    const { found, findings, item } = run([udr()], [internet, local]);
    expect(found).toEqual([
      { messageId: 'noFirewallRoute', level: 'error', line: internet.at.region.startLine },
      { messageId: 'noFirewallRoute', level: 'error', line: local.at.region.startLine },
    ]);
    expect(findings[0]?.message).toBe('"aks1" uses user-defined routing, but route table "rt-internet" does not send 0.0.0.0/0 to a VirtualAppliance (firewall).');
    expect(findings[0]?.file).toBe('network.tf');
    expect(item?.status).toBe('violated');
  });

  it('warns on an absent outbound type (the loadBalancer default), on the resource', () => {
    const c = cluster();
    const { found, findings } = run([c]);
    expect(found).toEqual([{ messageId: 'loadBalancer', level: 'warning', line: c.at.region.startLine }]);
    expect(findings[0]?.message).toContain('Egress of "aks1" leaves through the load balancer');
  });

  it('warns on an explicit loadBalancer outbound type, on its field', () => {
    const lb = field('loadBalancer');
    expect(run([cluster({ outboundType: lb })]).found).toEqual([{ messageId: 'loadBalancer', level: 'warning', line: lb.at.region.startLine }]);
  });

  it.each(['managedNATGateway', 'userAssignedNATGateway'])('warns on outbound type %s with its own message', (type) => {
    const nat = field(type);
    const { found, findings } = run([cluster({ outboundType: nat })]);
    expect(found).toEqual([{ messageId: 'natGateway', level: 'warning', line: nat.at.region.startLine }]);
    expect(findings[0]?.message).toContain(`NAT gateway (outbound type ${type})`);
  });

  it('warns on any other outbound type, naming it', () => {
    const none = field('none');
    const { found, findings } = run([cluster({ outboundType: none })]);
    expect(found).toEqual([{ messageId: 'otherOutbound', level: 'warning', line: none.at.region.startLine }]);
    expect(findings[0]?.message).toContain('outbound type "none"');
  });

  it('is not evaluated when the outbound type cannot be resolved', () => {
    const { found, item } = run([cluster({ outboundType: unknownField('the expression "[parameters(\'outboundType\')]"') })]);
    expect(found).toEqual([]);
    expect(item?.status).toBe('not-evaluated');
    expect(item?.notEvaluated.map((n) => n.reason)).toContain('aks1: networkProfile.outboundType is the expression "[parameters(\'outboundType\')]"');
  });

  it('is not evaluated when a route that could be the default route cannot be resolved', () => {
    const tables = [routeTable('rt-hub', [[field('0.0.0.0/0'), unknownField('var.next_hop_type (no default)')]])];
    const { found, item } = run([udr()], tables);
    expect(found).toEqual([]);
    expect(item?.status).toBe('not-evaluated');
    expect(item?.notEvaluated.map((n) => n.reason)).toContain('aks1: a route of route table "rt-hub" is var.next_hop_type (no default)');
  });

  it('judges several clusters one by one', () => {
    const lb = cluster({ id: 'c2', displayName: 'aks2' });
    const { found, findings } = run([udr(), lb]);
    expect(found.map((f) => f.line)).toEqual([lb.at.region.startLine]);
    expect(findings[0]?.message).toContain('"aks2"');
  });

  describe('route tables linked to the cluster through its node subnets', () => {
    const toFirewall = (): [Field<string>, Field<string>] => [field('0.0.0.0/0'), field('VirtualAppliance')];
    const toInternet = (): [Field<string>, Field<string>] => [field('0.0.0.0/0'), field('Internet')];
    const onSubnet = (id: string, subnet: Field<string> | undefined, more: Partial<Parameters<typeof cluster>[0]> = {}) =>
      cluster({ id, displayName: id, outboundType: field('userDefinedRouting'), nodePools: [nodePool({ subnetId: subnet })], ...more });

    it('reports only the cluster whose own table is broken, not one whose table is good', () => {
      const west = onSubnet('aks-west', field('azurerm_subnet.west'));
      const north = onSubnet('aks-north', field('azurerm_subnet.north.id'));
      const good = routeTable('rt-west', [toFirewall()], ['azurerm_subnet.west']);
      const broken = routeTable('rt-north', [toInternet()], ['azurerm_subnet.north']);
      const { found, findings, item } = run([west, north], [good, broken]);
      expect(found).toEqual([{ messageId: 'noFirewallRoute', level: 'error', line: broken.at.region.startLine }]);
      expect(findings[0]?.message).toBe('"aks-north" uses user-defined routing, but route table "rt-north" does not send 0.0.0.0/0 to a VirtualAppliance (firewall).');
      expect(item?.status).toBe('violated');
    });

    it('reports a broken table once for each cluster that uses it, and not an unrelated broken table', () => {
      const a = onSubnet('aks-a', field('/subscriptions/{unknown}/resourceGroups/{unknown}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/a'));
      const b = onSubnet('aks-b', field('/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/VNET/subnets/B'));
      const shared = routeTable('rt-shared', [toInternet()], [
        '/subscriptions/{unknown}/resourceGroups/{unknown}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/a',
        '/subscriptions/{unknown}/resourceGroups/{unknown}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/b',
      ]);
      const unrelated = routeTable('rt-other', [toInternet()], ['/subscriptions/{unknown}/resourceGroups/{unknown}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/c']);
      const { found, findings } = run([a, b], [shared, unrelated]);
      expect(found).toEqual([
        { messageId: 'noFirewallRoute', level: 'error', line: shared.at.region.startLine },
        { messageId: 'noFirewallRoute', level: 'error', line: shared.at.region.startLine },
      ]);
      expect(findings.map((f) => f.message.slice(0, 9))).toEqual(['"aks-a" u', '"aks-b" u']);
    });

    it('reports a broken table on a node subnet even when another table of the cluster is good', () => {
      const c = onSubnet('aks1', undefined, {
        nodePools: [nodePool({ subnetId: field('azurerm_subnet.system') }), nodePool({ id: 'pool/user', displayName: 'user', subnetId: field('azurerm_subnet.user') })],
      });
      const good = routeTable('rt-system', [toFirewall()], ['azurerm_subnet.system']);
      const broken = routeTable('rt-user', [toInternet()], ['azurerm_subnet.user']);
      expect(run([c], [good, broken]).found).toEqual([{ messageId: 'noFirewallRoute', level: 'error', line: broken.at.region.startLine }]);
    });

    it('is not evaluated when its linked table has a route that cannot be resolved, whatever unrelated tables say', () => {
      const c = onSubnet('aks1', field('azurerm_subnet.aks'));
      const hub = routeTable('rt-hub', [[field('0.0.0.0/0'), unknownField('var.next_hop_type (no default)')]], ['azurerm_subnet.aks']);
      const { found, item } = run([c], [hub, routeTable('rt-other', [toFirewall()], ['azurerm_subnet.other'])]);
      expect(found).toEqual([]);
      expect(item?.notEvaluated.map((n) => n.reason)).toContain('aks1: a route of route table "rt-hub" is var.next_hop_type (no default)');
    });

    it.each([
      ['a pool\'s subnet is unknown', unknownField<string>('var.subnet_id has no value')],
      ['a pool has no subnet', undefined],
      ['its subnet has no association in the inputs', field('azurerm_subnet.elsewhere')],
    ])('falls back to every route table in the inputs when %s', (_, subnet) => {
      const c = onSubnet('aks1', subnet);
      const broken = routeTable('rt-north', [toInternet()], ['azurerm_subnet.north']);
      expect(run([c], [broken]).found).toEqual([{ messageId: 'noFirewallRoute', level: 'error', line: broken.at.region.startLine }]);
      // ...where, as before, any good table satisfies it.
      expect(run([c], [broken, routeTable('rt-west', [toFirewall()], ['azurerm_subnet.west'])]).found).toEqual([]);
    });

    it('falls back when no association is in the inputs at all', () => {
      const c = onSubnet('aks1', field('azurerm_subnet.aks'));
      expect(run([c], [routeTable('rt-any', [toFirewall()]), routeTable('rt-bad', [toInternet()])]).found).toEqual([]);
    });
  });
});

describe(`${rule.id} (fixtures)`, () => {
  testClusterRule(rule, import.meta.dirname, {
    'pass.udr-firewall.tf': { expect: [] },
    'pass.udr-firewall.plan.json': { expect: [] },
    'pass.udr-firewall.json': { expect: [] },
    'fail.load-balancer.json': { expect: [{ messageId: 'loadBalancer', level: 'warning', line: 6, message: '"aks-shop"' }] },
    'fail.nat-gateway.tf': { expect: [{ messageId: 'natGateway', level: 'warning', line: 15 }] },
    'fail.udr-no-firewall-route.tf': { expect: [{ messageId: 'noFirewallRoute', level: 'error', line: 1, message: 'does not send 0.0.0.0/0' }] },
    'fail.load-balancer.plan.json': { expect: [{ messageId: 'loadBalancer', level: 'warning', line: 30 }] },
    // Two regions, each cluster's subnet associated with its own table: only the cluster behind the broken one is reported.
    'fail.other-region-table.tf': { expect: [{ messageId: 'noFirewallRoute', level: 'error', line: 31, message: '"azurerm_kubernetes_cluster.north" uses user-defined routing, but route table "azurerm_route_table.north"' }] },
    'fail.other-region-table.json': { expect: [{ messageId: 'noFirewallRoute', level: 'error', line: 24, message: '"aks-shop-north" uses user-defined routing, but route table "rt-shop-north"' }] },
    'fail.other-region-table.plan.json': { expect: [{ messageId: 'noFirewallRoute', level: 'error', line: 61, message: '"azurerm_kubernetes_cluster.north" uses user-defined routing, but route table "azurerm_route_table.north"' }] },
    'unknown.outbound-reference.json': { expect: [] },
  });
});
