import { describe, expect, it } from 'vitest';
import rule from '../../../shared/rules/ha/sla-tier.js';
import { cluster, field, infrastructure, unknownField } from '../../helpers/cluster-factory.js';
import { runClusterRule, testClusterRule } from '../../helpers/cluster-rule-tester.js';


describe(rule.id, () => {
  it.each(['Standard', 'Premium', 'standard', 'Paid'])('passes the %s tier', (tier) => {
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [cluster({ skuTier: field(tier) })] }));
    expect(findings).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('warns on the Free tier, on the sku.tier line', () => {
    const tier = field('Free');
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [cluster({ skuTier: tier })] }));
    expect(findings.map((f) => ({ messageId: f.messageId, level: f.level, line: f.region.startLine }))).toEqual([
      { messageId: 'noSla', level: 'warning', line: tier.at.region.startLine },
    ]);
    expect(findings[0]?.message).toContain('"aks1" uses the Free tier');
    expect(item?.status).toBe('violated');
  });

  it('warns when the tier is left to the Free default, on the cluster declaration', () => {
    const aks = cluster();
    const { findings } = runClusterRule(rule, infrastructure({ clusters: [aks] }));
    expect(findings.map((f) => ({ messageId: f.messageId, level: f.level, line: f.region.startLine }))).toEqual([
      { messageId: 'noSla', level: 'warning', line: aks.at.region.startLine },
    ]);
    expect(findings[0]?.message).toContain('Free (default)');
  });

  it('does not evaluate a tier it cannot resolve', () => {
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [cluster({ skuTier: unknownField(`the expression "[parameters('skuTier')]"`) })] }));
    expect(findings).toEqual([]);
    expect(item?.status).toBe('not-evaluated');
    expect(item?.notEvaluated).toContainEqual({ evidence: 'cluster', reason: `aks1: sku.tier is the expression "[parameters('skuTier')]"` });
  });

  it('judges each cluster on its own', () => {
    const free = cluster({ id: 'azurerm_kubernetes_cluster.dev', displayName: 'azurerm_kubernetes_cluster.dev', format: 'terraform', skuTier: field('Free') });
    const prod = cluster({ skuTier: field('Standard') });
    const { findings } = runClusterRule(rule, infrastructure({ clusters: [prod, free] }));
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('"azurerm_kubernetes_cluster.dev"')]);
  });

  it('evaluates nothing without a cluster definition', () => {
    const { findings, item } = runClusterRule(rule, infrastructure());
    expect(findings).toEqual([]);
    expect(item?.status).toBe('not-evaluated');
  });
});

describe(`${rule.id} fixtures`, () => {
  testClusterRule(rule, import.meta.dirname, {
    'pass.standard.json': { expect: [] },
    'pass.standard.plan.json': { expect: [] },
    'pass.premium.tf': { expect: [] },
    'fail.free.json': {
      expect: [
        { messageId: 'noSla', level: 'warning', line: 12, message: '"aks-free" uses the Free tier' },
        { messageId: 'noSla', level: 'warning', line: 29, message: 'Free (default)' },
      ],
    },
    'fail.absent.tf': { expect: [{ messageId: 'noSla', level: 'warning', line: 6, message: 'Free (default)' }] },
    'fail.free.plan.json': { expect: [{ messageId: 'noSla', level: 'warning', line: 15, message: 'Free tier' }] },
    'unknown.tier.json': { expect: [] },
  });
});
