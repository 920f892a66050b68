import { describe, expect, it } from 'vitest';
import rule from '../../../shared/rules/iam/local-accounts-disabled.js';
import { cluster, field, infrastructure, unknownField } from '../../helpers/cluster-factory.js';
import { runClusterRule, testClusterRule } from '../../helpers/cluster-rule-tester.js';


const short = (f: { messageId: string; level: string; region: { startLine: number } }) => ({ messageId: f.messageId, level: f.level, line: f.region.startLine });

describe(rule.id, () => {
  it('passes disabled local accounts', () => {
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [cluster({ disableLocalAccounts: field(true) })] }));
    expect(findings).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('fails local accounts written enabled, on the field', () => {
    const enabled = field(false);
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [cluster({ disableLocalAccounts: enabled })] }));
    expect(findings.map(short)).toEqual([{ messageId: 'enabled', level: 'error', line: enabled.at.region.startLine }]);
    expect(findings[0]?.message).toContain('AKS cluster "aks1" keeps its local accounts');
    expect(item?.status).toBe('violated');
  });

  it('fails local accounts left to the default (enabled), on the cluster declaration', () => {
    const aks = cluster();
    expect(runClusterRule(rule, infrastructure({ clusters: [aks] })).findings.map(short)).toEqual([{ messageId: 'enabled', level: 'error', line: aks.at.region.startLine }]);
  });

  it('does not evaluate a value it cannot resolve', () => {
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [cluster({ disableLocalAccounts: unknownField('the expression "[reference(...)]"') })] }));
    expect(findings).toEqual([]);
    expect(item?.status).toBe('not-evaluated');
    expect(item?.notEvaluated).toContainEqual({ evidence: 'cluster', reason: 'aks1: disableLocalAccounts is the expression "[reference(...)]"' });
  });

  it('judges each cluster on its own', () => {
    const good = cluster({ disableLocalAccounts: field(true) });
    const bad = cluster({ id: 'aks2', displayName: 'aks2' });
    expect(runClusterRule(rule, infrastructure({ clusters: [good, bad] })).findings.map((f) => f.message)).toEqual([expect.stringContaining('"aks2"')]);
  });
});

describe(`${rule.id} fixtures`, () => {
  testClusterRule(rule, import.meta.dirname, {
    'pass.disabled.json': { expect: [] },
    'pass.disabled.plan.json': { expect: [] },
    'pass.disabled.tf': { expect: [] },
    'fail.enabled.json': { expect: [{ messageId: 'enabled', level: 'error', line: 16, message: '"aks1" keeps its local accounts' }] },
    'fail.absent.tf': { expect: [{ messageId: 'enabled', level: 'error', line: 1, message: 'keeps its local accounts' }] },
    'fail.enabled.plan.json': { expect: [{ messageId: 'enabled', level: 'error', line: 15, message: 'keeps its local accounts' }] },
    'unknown.reference.json': { expect: [] },
  });
});
