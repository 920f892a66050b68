import { describe, expect, it } from 'vitest';
import rule from '../../../shared/rules/iam/kubernetes-rbac-enabled.js';
import { cluster, field, infrastructure, unknownField } from '../../helpers/cluster-factory.js';
import { runClusterRule, testClusterRule } from '../../helpers/cluster-rule-tester.js';


const short = (f: { messageId: string; level: string; region: { startLine: number } }) => ({ messageId: f.messageId, level: f.level, line: f.region.startLine });

describe(rule.id, () => {
  it('passes RBAC written on, and RBAC left to its default (on)', () => {
    for (const aks of [cluster({ enableRbac: field(true) }), cluster()]) {
      const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [aks] }));
      expect(findings).toEqual([]);
      expect(item?.evaluated).toContain('cluster');
    }
  });

  it('fails RBAC turned off, on the field', () => {
    const off = field(false);
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [cluster({ enableRbac: off })] }));
    expect(findings.map(short)).toEqual([{ messageId: 'disabled', level: 'error', line: off.at.region.startLine }]);
    expect(findings[0]?.message).toBe('AKS cluster "aks1" has Kubernetes RBAC disabled: every authenticated user can do anything in the cluster.');
    expect(item?.status).toBe('violated');
  });

  it('does not evaluate a value it cannot resolve', () => {
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [cluster({ enableRbac: unknownField(`the expression "[parameters('enableRbac')]"`) })] }));
    expect(findings).toEqual([]);
    expect(item?.status).toBe('not-evaluated');
    expect(item?.notEvaluated).toContainEqual({ evidence: 'cluster', reason: `aks1: enableRBAC is the expression "[parameters('enableRbac')]"` });
  });

  it('judges each cluster on its own', () => {
    const bad = cluster({ id: 'aks2', displayName: 'aks2', enableRbac: field(false) });
    expect(runClusterRule(rule, infrastructure({ clusters: [cluster(), bad] })).findings.map((f) => f.message)).toEqual([expect.stringContaining('"aks2"')]);
  });
});

describe(`${rule.id} fixtures`, () => {
  // The item also has workload rules; these fixtures hold no manifests, so only the cluster evidence decides it here.
  testClusterRule(rule, import.meta.dirname, {
    'pass.default.json': { expect: [] },
    'pass.enabled.plan.json': { expect: [] },
    'pass.enabled.tf': { expect: [] },
    'fail.disabled.json': { expect: [{ messageId: 'disabled', level: 'error', line: 15, message: '"aks1" has Kubernetes RBAC disabled' }] },
    'fail.disabled.tf': { expect: [{ messageId: 'disabled', level: 'error', line: 6, message: 'Kubernetes RBAC disabled' }] },
    'fail.disabled.plan.json': { expect: [{ messageId: 'disabled', level: 'error', line: 15, message: 'Kubernetes RBAC disabled' }] },
    'unknown.rbac.json': { expect: [] },
  });
});
