import { describe, expect, it } from 'vitest';
import rule from '../../../shared/rules/ha/monitoring-enabled.js';
import { cluster, field, infrastructure, unknownField } from '../../helpers/cluster-factory.js';
import { runClusterRule, testClusterRule } from '../../helpers/cluster-rule-tester.js';


const short = (f: { messageId: string; level: string; region: { startLine: number } }) => ({ messageId: f.messageId, level: f.level, line: f.region.startLine });

describe(rule.id, () => {
  it('passes Container Insights (the omsagent add-on)', () => {
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [cluster({ addons: { omsagent: field(true) } })] }));
    expect(findings).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('passes managed Prometheus, even with Container Insights off or unresolved', () => {
    expect(runClusterRule(rule, infrastructure({ clusters: [cluster({ azureMonitorMetrics: field(true), addons: { omsagent: field(false) } })] })).findings).toEqual([]);
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [cluster({ azureMonitorMetrics: field(true), addons: { omsagent: unknownField('var.oms') } })] }));
    expect(findings).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('fails a cluster with neither, on the cluster declaration (both are off by default)', () => {
    const aks = cluster();
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [aks] }));
    expect(findings.map(short)).toEqual([{ messageId: 'none', level: 'error', line: aks.at.region.startLine }]);
    expect(findings[0]?.message).toContain('AKS cluster "aks1" has neither Container Insights');
    expect(item?.status).toBe('violated');
  });

  it('fails on the omsagent line when the add-on is written off, else on the metrics line', () => {
    const oms = field(false);
    expect(runClusterRule(rule, infrastructure({ clusters: [cluster({ addons: { omsagent: oms }, azureMonitorMetrics: field(false) })] })).findings.map(short)).toEqual([
      { messageId: 'none', level: 'error', line: oms.at.region.startLine },
    ]);
    const metrics = field(false);
    expect(runClusterRule(rule, infrastructure({ clusters: [cluster({ azureMonitorMetrics: metrics })] })).findings.map(short)).toEqual([
      { messageId: 'none', level: 'error', line: metrics.at.region.startLine },
    ]);
  });

  it('does not evaluate a switch it cannot resolve when the other is off', () => {
    const aks = cluster({ addons: { omsagent: unknownField(`the expression "[parameters('enableContainerInsights')]"`) } });
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [aks] }));
    expect(findings).toEqual([]);
    expect(item?.status).toBe('not-evaluated');
    expect(item?.notEvaluated).toContainEqual({ evidence: 'cluster', reason: `aks1: addonProfiles.omsagent.enabled is the expression "[parameters('enableContainerInsights')]"` });
    const metrics = runClusterRule(rule, infrastructure({ clusters: [cluster({ azureMonitorMetrics: unknownField('var.prometheus, a variable without a default') })] }));
    expect(metrics.item?.notEvaluated).toContainEqual({ evidence: 'cluster', reason: 'aks1: azureMonitorProfile.metrics.enabled is var.prometheus, a variable without a default' });
  });

  it('judges each cluster on its own', () => {
    const ok = cluster({ addons: { omsagent: field(true) } });
    const bare = cluster({ id: 'aks2', displayName: 'aks2' });
    const { findings } = runClusterRule(rule, infrastructure({ clusters: [ok, bare] }));
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('"aks2"')]);
  });
});

describe(`${rule.id} fixtures`, () => {
  testClusterRule(rule, import.meta.dirname, {
    'pass.omsagent.json': { expect: [] },
    'pass.container-insights.plan.json': { expect: [] },
    'pass.prometheus.tf': { expect: [] },
    'fail.disabled.json': {
      expect: [
        { messageId: 'none', level: 'error', line: 24, message: '"aks1"' },
        { messageId: 'none', level: 'error', line: 30, message: '"aks2"' },
      ],
    },
    'fail.none.tf': { expect: [{ messageId: 'none', level: 'error', line: 1, message: 'neither Container Insights' }] },
    // An empty block list in plan JSON is the block left out.
    'fail.none.plan.json': { expect: [{ messageId: 'none', level: 'error', line: 7, message: 'neither Container Insights' }] },
    'unknown.omsagent.json': { expect: [] },
  });
});
