import { describe, expect, it } from 'vitest';
import rule from '../../../shared/rules/sec/node-public-ip.js';
import { cluster, field, infrastructure, nodePool, unknownField } from '../../helpers/cluster-factory.js';
import { runClusterRule, testClusterRule } from '../../helpers/cluster-rule-tester.js';


function run(...clusters: ReturnType<typeof cluster>[]) {
  const { findings, item } = runClusterRule(rule, infrastructure({ clusters }));
  return { item, findings, found: findings.map((f) => ({ messageId: f.messageId, level: f.level, line: f.region.startLine })) };
}

describe(rule.id, () => {
  it('passes pools without public node IPs, explicit or by default', () => {
    const { found, item } = run(
      cluster({ nodePools: [nodePool({ enableNodePublicIP: field(false) }), nodePool({ id: 'pool/user', displayName: 'user', separate: true })] }),
    );
    expect(found).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('reports an inline pool with public node IPs on its field', () => {
    const publicIp = field(true);
    const { found, findings } = run(cluster({ nodePools: [nodePool({ name: field('system'), enableNodePublicIP: publicIp })] }));
    expect(found).toEqual([{ messageId: 'publicIp', level: 'error', line: publicIp.at.region.startLine }]);
    expect(findings[0]?.message).toBe('Node pool "system" of "aks1" gives every node its own public IP address.');
  });

  it('reports each offending pool, separate ones included, naming the pool as the subject', () => {
    const inline = field(true);
    const separate = field(true);
    const { found, findings } = run(
      cluster({
        nodePools: [
          nodePool({ enableNodePublicIP: inline }),
          nodePool({ id: 'pool/ok', displayName: 'ok' }),
          nodePool({ id: 'azurerm_kubernetes_cluster_node_pool.gpu', displayName: 'gpu', separate: true, enableNodePublicIP: separate }),
        ],
      }),
    );
    expect(found.map((f) => f.line)).toEqual([inline.at.region.startLine, separate.at.region.startLine]);
    expect(findings.map((f) => f.object?.name)).toEqual(['system', 'gpu']);
    expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(2);
  });

  it('is not evaluated when a pool\'s setting cannot be resolved', () => {
    const { found, item } = run(cluster({ nodePools: [nodePool({ enableNodePublicIP: unknownField('the expression "[parameters(\'publicIp\')]"') })] }));
    expect(found).toEqual([]);
    expect(item?.status).toBe('not-evaluated');
    expect(item?.notEvaluated.map((n) => n.reason)).toContain(
      'aks1: enableNodePublicIP of node pool "system" is the expression "[parameters(\'publicIp\')]"',
    );
  });

  it('still reports a known public pool beside an unknown one', () => {
    const publicIp = field(true);
    const { found, item } = run(
      cluster({ nodePools: [nodePool({ enableNodePublicIP: unknownField('var.public') }), nodePool({ id: 'p2', displayName: 'user', enableNodePublicIP: publicIp })] }),
    );
    expect(found.map((f) => f.line)).toEqual([publicIp.at.region.startLine]);
    expect(item?.status).toBe('violated');
  });

  it('judges several clusters one by one', () => {
    const publicIp = field(true);
    const { findings } = run(
      cluster({ nodePools: [nodePool()] }),
      cluster({ id: 'c2', displayName: 'aks2', nodePools: [nodePool({ id: 'c2/system', enableNodePublicIP: publicIp })] }),
    );
    expect(findings.map((f) => f.message)).toEqual(['Node pool "system" of "aks2" gives every node its own public IP address.']);
  });
});

describe(`${rule.id} (fixtures)`, () => {
  testClusterRule(rule, import.meta.dirname, {
    'pass.no-public-ip.json': { expect: [] },
    'pass.no-public-ip.plan.json': { expect: [] },
    'pass.no-public-ip.tf': { expect: [] },
    'fail.inline-pool.json': { expect: [{ messageId: 'publicIp', level: 'error', line: 22, message: 'Node pool "system"' }] },
    'fail.separate-pool.json': { expect: [{ messageId: 'publicIp', level: 'error', line: 38, message: 'Node pool "gpu"' }] },
    'fail.node-pool.tf': { expect: [{ messageId: 'publicIp', level: 'error', line: 23, message: 'Node pool "user"' }] },
    'fail.default-pool-v3.tf': { expect: [{ messageId: 'publicIp', level: 'error', line: 11, message: 'Node pool "system"' }] },
    'fail.node-pool.plan.json': { expect: [{ messageId: 'publicIp', level: 'error', line: 47, message: 'Node pool "user"' }] },
    'unknown.public-ip-reference.json': { expect: [] },
  });
});
