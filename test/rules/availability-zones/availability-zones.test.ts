import { describe, expect, it } from 'vitest';
import rule from '../../../shared/rules/ha/availability-zones.js';
import { cluster, field, infrastructure, nodePool, unknownField } from '../../helpers/cluster-factory.js';
import { runClusterRule, testClusterRule } from '../../helpers/cluster-rule-tester.js';


const short = (f: { messageId: string; level: string; region: { startLine: number } }) => ({ messageId: f.messageId, level: f.level, line: f.region.startLine });

describe(rule.id, () => {
  it('passes pools spread over two or more zones, inline and separate', () => {
    const pools = [
      nodePool({ availabilityZones: field(['1', '2', '3']) }),
      nodePool({ id: 'pool/user', displayName: 'user', separate: true, availabilityZones: field(['1', '2']) }),
    ];
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [cluster({ nodePools: pools })] }));
    expect(findings).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('warns on a pool pinned to one zone, on its zones line, naming the pool', () => {
    const zones = field(['1', '1']);
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [cluster({ nodePools: [nodePool({ name: field('system'), availabilityZones: zones })] })] }));
    expect(findings.map(short)).toEqual([{ messageId: 'oneZone', level: 'warning', line: zones.at.region.startLine }]);
    expect(findings[0]?.message).toContain('Node pool "system" of AKS cluster "aks1" runs in a single availability zone (1)');
    expect(item?.status).toBe('violated');
  });

  it('warns on a pool with no zones (the default): on the pool declaration when absent, on the field when empty', () => {
    const absent = nodePool({ id: 'pool/user', displayName: 'user', separate: true });
    const empty = field<readonly string[]>([]);
    const aks = cluster({ nodePools: [absent, nodePool({ availabilityZones: empty })] });
    const { findings } = runClusterRule(rule, infrastructure({ clusters: [aks] }));
    expect(findings.map(short)).toEqual([
      { messageId: 'noZones', level: 'warning', line: absent.at.region.startLine },
      { messageId: 'noZones', level: 'warning', line: empty.at.region.startLine },
    ]);
    expect(findings[0]?.message).toContain('Node pool "user"');
    expect(findings[0]?.object?.name).toBe('user');
  });

  it('does not evaluate zones it cannot resolve', () => {
    const pools = [nodePool({ availabilityZones: unknownField(`the expression "[parameters('zones')]"`) })];
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [cluster({ nodePools: pools })] }));
    expect(findings).toEqual([]);
    expect(item?.status).toBe('not-evaluated');
    expect(item?.notEvaluated).toContainEqual({ evidence: 'cluster', reason: `aks1: availabilityZones of node pool "system" is the expression "[parameters('zones')]"` });
  });

  it('still reports a zoneless pool beside an unresolved one', () => {
    const pools = [nodePool({ availabilityZones: unknownField('var.zones, a variable without a default') }), nodePool({ id: 'pool/b', displayName: 'b' })];
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [cluster({ nodePools: pools })] }));
    expect(findings.map((f) => f.messageId)).toEqual(['noZones']);
    expect(item?.status).toBe('violated');
  });

  it('does not evaluate a cluster that declares no node pools', () => {
    const { item } = runClusterRule(rule, infrastructure({ clusters: [cluster()] }));
    expect(item?.status).toBe('not-evaluated');
    expect(item?.notEvaluated).toContainEqual({ evidence: 'cluster', reason: 'aks1: the definition declares no node pools' });
  });

  it('judges the pools of several clusters', () => {
    const a = cluster({ nodePools: [nodePool({ availabilityZones: field(['1', '2', '3']) })] });
    const b = cluster({ id: 'azurerm_kubernetes_cluster.b', displayName: 'azurerm_kubernetes_cluster.b', nodePools: [nodePool({ availabilityZones: field(['3']) })] });
    const { findings } = runClusterRule(rule, infrastructure({ clusters: [a, b] }));
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('"azurerm_kubernetes_cluster.b"')]);
  });
});

describe(`${rule.id} fixtures`, () => {
  testClusterRule(rule, import.meta.dirname, {
    'pass.zonal.json': { expect: [] },
    'pass.zones.plan.json': { expect: [] },
    'pass.zones.tf': { expect: [] },
    'fail.single-zone.json': {
      expect: [
        { messageId: 'oneZone', level: 'warning', line: 20, message: 'Node pool "system"' },
        { messageId: 'noZones', level: 'warning', line: 26, message: 'Node pool "user"' },
      ],
    },
    'fail.single-zone.tf': {
      expect: [
        { messageId: 'oneZone', level: 'warning', line: 11, message: 'single availability zone (2)' },
        { messageId: 'noZones', level: 'warning', line: 19, message: 'Node pool "spot"' },
      ],
    },
    'fail.single-zone.plan.json': { expect: [{ messageId: 'oneZone', level: 'warning', line: 19, message: 'Node pool "system"' }] },
    'unknown.zones.json': { expect: [] },
  });
});
