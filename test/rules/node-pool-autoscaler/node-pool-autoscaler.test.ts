import { describe, expect, it } from 'vitest';
import rule from '../../../shared/rules/ha/node-pool-autoscaler.js';
import { cluster, field, infrastructure, nodePool, unknownField } from '../../helpers/cluster-factory.js';
import { runClusterRule, testClusterRule } from '../../helpers/cluster-rule-tester.js';


const short = (f: { messageId: string; level: string; region: { startLine: number } }) => ({ messageId: f.messageId, level: f.level, line: f.region.startLine });

const autoscaled = (min: number, max: number, name = 'system', separate = false) =>
  nodePool({ id: `pool/${name}`, displayName: name, name: field(name), separate, enableAutoScaling: field(true), minCount: field(min), maxCount: field(max) });

describe(rule.id, () => {
  it('passes when every pool, inline and separate, autoscales over a real range', () => {
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [cluster({ nodePools: [autoscaled(3, 5), autoscaled(0, 10, 'user', true)] })] }));
    expect(findings).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('fails a pool with autoscaling written off, on that line, naming the pool', () => {
    const off = field(false);
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [cluster({ nodePools: [nodePool({ name: field('system'), enableAutoScaling: off })] })] }));
    expect(findings.map(short)).toEqual([{ messageId: 'off', level: 'error', line: off.at.region.startLine }]);
    expect(findings[0]?.message).toBe('Node pool "system" of AKS cluster "aks1" does not use the cluster autoscaler: it cannot add nodes under load.');
    expect(item?.status).toBe('violated');
  });

  it('fails a pool that leaves autoscaling to its default (off), on the pool declaration', () => {
    const separate = nodePool({ id: 'pool/batch', displayName: 'batch', separate: true });
    const { findings } = runClusterRule(rule, infrastructure({ clusters: [cluster({ nodePools: [autoscaled(1, 3), separate] })] }));
    expect(findings.map(short)).toEqual([{ messageId: 'off', level: 'error', line: separate.at.region.startLine }]);
    expect(findings[0]?.object?.name).toBe('batch');
  });

  it.each([
    [3, 3],
    [5, 2],
  ])('fails minCount %i with maxCount %i with its own message, on the maxCount line', (min, max) => {
    const pool = autoscaled(min, max, 'user', true);
    const { findings } = runClusterRule(rule, infrastructure({ clusters: [cluster({ nodePools: [pool] })] }));
    expect(findings.map(short)).toEqual([{ messageId: 'counts', level: 'error', line: pool.maxCount?.at.region.startLine }]);
    expect(findings[0]?.message).toContain(`Node pool "user" of AKS cluster "aks1" autoscales with minCount ${min} and maxCount ${max}`);
  });

  it('fails an autoscaling pool whose counts are missing', () => {
    const enabled = field(true);
    const pool = nodePool({ enableAutoScaling: enabled, minCount: field(2) });
    const { findings } = runClusterRule(rule, infrastructure({ clusters: [cluster({ nodePools: [pool, nodePool({ id: 'p2', displayName: 'p2', enableAutoScaling: enabled })] })] }));
    expect(findings.map(short)).toEqual([
      { messageId: 'counts', level: 'error', line: pool.minCount?.at.region.startLine },
      { messageId: 'counts', level: 'error', line: enabled.at.region.startLine },
    ]);
    expect(findings[0]?.message).toContain('minCount 2 and maxCount unset');
  });

  it('does not evaluate a pool whose switch or counts it cannot resolve', () => {
    const unknownSwitch = nodePool({ enableAutoScaling: unknownField(`the expression "[parameters('enableAutoScaling')]"`) });
    const a = runClusterRule(rule, infrastructure({ clusters: [cluster({ nodePools: [unknownSwitch] })] }));
    expect(a.findings).toEqual([]);
    expect(a.item?.status).toBe('not-evaluated');
    expect(a.item?.notEvaluated).toContainEqual({ evidence: 'cluster', reason: `aks1: enableAutoScaling of node pool "system" is the expression "[parameters('enableAutoScaling')]"` });
    const unknownMax = nodePool({ enableAutoScaling: field(true), minCount: field(1), maxCount: unknownField('var.max_nodes, a variable without a default') });
    const b = runClusterRule(rule, infrastructure({ clusters: [cluster({ nodePools: [unknownMax] })] }));
    expect(b.item?.notEvaluated).toContainEqual({ evidence: 'cluster', reason: 'aks1: maxCount of node pool "system" is var.max_nodes, a variable without a default' });
  });

  it('does not evaluate a cluster that declares no node pools', () => {
    expect(runClusterRule(rule, infrastructure({ clusters: [cluster()] })).item?.status).toBe('not-evaluated');
  });

  it('judges the pools of several clusters', () => {
    const good = cluster({ nodePools: [autoscaled(1, 3)] });
    const bad = cluster({ id: 'aks2', displayName: 'aks2', nodePools: [nodePool({ enableAutoScaling: field(false) })] });
    expect(runClusterRule(rule, infrastructure({ clusters: [good, bad] })).findings.map((f) => f.message)).toEqual([expect.stringContaining('AKS cluster "aks2"')]);
  });
});

describe(`${rule.id} fixtures`, () => {
  testClusterRule(rule, import.meta.dirname, {
    'pass.autoscale.json': { expect: [] },
    'pass.autoscale.plan.json': { expect: [] },
    'pass.autoscale.tf': { expect: [] },
    'fail.fixed-count.json': {
      expect: [
        { messageId: 'off', level: 'error', line: 20, message: 'Node pool "system"' },
        { messageId: 'counts', level: 'error', line: 38, message: 'minCount 3 and maxCount 3' },
        { messageId: 'off', level: 'error', line: 42, message: 'Node pool "batch"' },
      ],
    },
    'fail.v4.tf': {
      expect: [
        { messageId: 'off', level: 'error', line: 11, message: 'Node pool "system"' },
        { messageId: 'counts', level: 'error', line: 25, message: 'minCount 5 and maxCount 2' },
      ],
    },
    'fail.v3.tf': {
      expect: [
        { messageId: 'off', level: 'error', line: 20, message: 'Node pool "spot"' },
        { messageId: 'off', level: 'error', line: 33, message: 'Node pool "gpu"' },
      ],
    },
    'fail.fixed-count.plan.json': { expect: [{ messageId: 'off', level: 'error', line: 19, message: 'Node pool "system"' }] },
    'unknown.autoscaling.json': { expect: [] },
  });
});
