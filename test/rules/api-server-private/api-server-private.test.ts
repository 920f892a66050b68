import { describe, expect, it } from 'vitest';
import rule from '../../../shared/rules/sec/api-server-private.js';
import { cluster, field, infrastructure, unknownField } from '../../helpers/cluster-factory.js';
import { runClusterRule, testClusterRule } from '../../helpers/cluster-rule-tester.js';


function run(...clusters: ReturnType<typeof cluster>[]) {
  const { findings, item } = runClusterRule(rule, infrastructure({ clusters }));
  return { item, found: findings.map((f) => ({ messageId: f.messageId, level: f.level, line: f.region.startLine, message: f.message })) };
}

describe(rule.id, () => {
  it('passes a private cluster', () => {
    const { found, item } = run(cluster({ enablePrivateCluster: field(true) }));
    expect(found).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('passes a public cluster whose publicNetworkAccess is Disabled', () => {
    const { found, item } = run(cluster({ enablePrivateCluster: field(false), publicNetworkAccess: field('Disabled') }));
    expect(found).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('reports a public API server without ranges as an error on enablePrivateCluster', () => {
    const privateCluster = field(false);
    const { found, item } = run(cluster({ enablePrivateCluster: privateCluster, publicNetworkAccess: field('Enabled') }));
    expect(found).toEqual([{ messageId: 'public', level: 'error', line: privateCluster.at.region.startLine, message: expect.stringContaining('"aks1"') as string }]);
    expect(item?.status).toBe('violated');
  });

  it('treats every absent field as the AKS default: public, no ranges, reported on the resource', () => {
    const c = cluster();
    const { found } = run(c);
    expect(found.map(({ messageId, level, line }) => ({ messageId, level, line }))).toEqual([{ messageId: 'public', level: 'error', line: c.at.region.startLine }]);
  });

  it('reports a public API server with authorized IP ranges as a warning on the ranges', () => {
    const ranges = field(['203.0.113.0/24', '198.51.100.7/32']);
    const { found } = run(cluster({ authorizedIpRanges: ranges }));
    expect(found).toEqual([{ messageId: 'restricted', level: 'warning', line: ranges.at.region.startLine, message: expect.stringContaining('2 authorized IP range(s)') as string }]);
  });

  it('counts 0.0.0.0/0 among the ranges as no range at all', () => {
    const ranges = field(['203.0.113.0/24', '0.0.0.0/0']);
    const { found } = run(cluster({ authorizedIpRanges: ranges }));
    expect(found).toEqual([{ messageId: 'openRange', level: 'error', line: ranges.at.region.startLine, message: expect.stringContaining('0.0.0.0/0') as string }]);
  });

  it('reports an empty range list as public, on the list', () => {
    const ranges = field<readonly string[]>([]);
    expect(run(cluster({ authorizedIpRanges: ranges })).found.map((f) => [f.messageId, f.line])).toEqual([['public', ranges.at.region.startLine]]);
  });

  it('is not evaluated when enablePrivateCluster cannot be resolved', () => {
    const { found, item } = run(cluster({ enablePrivateCluster: unknownField('the expression "[parameters(\'private\')]"') }));
    expect(found).toEqual([]);
    expect(item?.status).toBe('not-evaluated');
    expect(item?.notEvaluated).toContainEqual({ evidence: 'cluster', reason: 'aks1: apiServerAccessProfile.enablePrivateCluster is the expression "[parameters(\'private\')]"' });
  });

  it('is not evaluated when the ranges of a public cluster cannot be resolved', () => {
    const { found, item } = run(cluster({ authorizedIpRanges: unknownField('var.allowed_ranges (no default)') }));
    expect(found).toEqual([]);
    expect(item?.notEvaluated.map((n) => n.reason)).toContain('aks1: apiServerAccessProfile.authorizedIPRanges is var.allowed_ranges (no default)');
  });

  it('decides without the unknown value when the cluster is private anyway', () => {
    const { found, item } = run(cluster({ enablePrivateCluster: field(true), authorizedIpRanges: unknownField('var.ranges') }));
    expect(found).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('judges several clusters one by one', () => {
    const open = cluster({ id: 'c2', displayName: 'aks-public' });
    const { found, item } = run(cluster({ enablePrivateCluster: field(true) }), open);
    expect(found.map((f) => [f.messageId, f.line])).toEqual([['public', open.at.region.startLine]]);
    expect(found[0]?.message).toContain('"aks-public"');
    expect(item?.status).toBe('violated');
  });
});

describe(`${rule.id} (fixtures)`, () => {
  testClusterRule(rule, import.meta.dirname, {
    'pass.private.json': { expect: [] },
    'pass.private.plan.json': { expect: [] },
    'pass.private.tf': { expect: [] },
    'fail.public.json': { expect: [{ messageId: 'public', level: 'error', line: 6, message: '"aks-shop"' }] },
    'fail.authorized-ranges.tf': { expect: [{ messageId: 'restricted', level: 'warning', line: 15 }] },
    'fail.open-range-v3.tf': { expect: [{ messageId: 'openRange', level: 'error', line: 12 }] },
    'fail.public.plan.json': { expect: [{ messageId: 'public', level: 'error', line: 16 }] },
    'unknown.private-reference.json': { expect: [] },
  });
});
