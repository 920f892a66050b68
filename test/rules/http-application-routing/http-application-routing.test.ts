import { describe, expect, it } from 'vitest';
import rule from '../../../shared/rules/sec/http-application-routing.js';
import { cluster, field, infrastructure, unknownField } from '../../helpers/cluster-factory.js';
import { runClusterRule, testClusterRule } from '../../helpers/cluster-rule-tester.js';


function run(...clusters: ReturnType<typeof cluster>[]) {
  const { findings, item } = runClusterRule(rule, infrastructure({ clusters }));
  return { item, findings, found: findings.map((f) => ({ messageId: f.messageId, level: f.level, line: f.region.startLine })) };
}

describe(rule.id, () => {
  it('passes a cluster without the add-on (absent = not installed)', () => {
    const { found, item } = run(cluster({ addons: { ingressApplicationGateway: field(true) } }));
    expect(found).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('passes a cluster where the add-on is switched off', () => {
    expect(run(cluster({ addons: { httpApplicationRouting: field(false) } })).found).toEqual([]);
  });

  it('reports the enabled add-on as an error on its field', () => {
    const on = field(true);
    const { found, findings, item } = run(cluster({ addons: { httpApplicationRouting: on } }));
    expect(found).toEqual([{ messageId: 'enabled', level: 'error', line: on.at.region.startLine }]);
    expect(findings[0]?.message).toContain('"aks1" enables the retired httpApplicationRouting add-on');
    expect(item?.status).toBe('violated');
  });

  it('is not evaluated when the add-on setting cannot be resolved', () => {
    const { found, item } = run(cluster({ addons: { httpApplicationRouting: unknownField('the expression "[parameters(\'routing\')]"') } }));
    expect(found).toEqual([]);
    expect(item?.status).toBe('not-evaluated');
    expect(item?.notEvaluated.map((n) => n.reason)).toContain('aks1: addonProfiles.httpApplicationRouting.enabled is the expression "[parameters(\'routing\')]"');
  });

  it('judges several clusters one by one', () => {
    const on = field(true);
    const { found } = run(cluster(), cluster({ id: 'c2', displayName: 'aks2', addons: { httpApplicationRouting: on } }));
    expect(found.map((f) => f.line)).toEqual([on.at.region.startLine]);
  });
});

describe(`${rule.id} (fixtures)`, () => {
  testClusterRule(rule, import.meta.dirname, {
    'pass.no-addon.json': { expect: [] },
    'pass.app-routing.plan.json': { expect: [] },
    'pass.app-routing.tf': { expect: [] },
    'fail.addon.json': { expect: [{ messageId: 'enabled', level: 'error', line: 25, message: '"aks-shop"' }] },
    'fail.addon.tf': { expect: [{ messageId: 'enabled', level: 'error', line: 13 }] },
    'fail.addon.plan.json': { expect: [{ messageId: 'enabled', level: 'error', line: 18 }] },
    'unknown.addon-parameter.json': { expect: [] },
  });
});
