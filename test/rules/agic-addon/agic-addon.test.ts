import { describe, expect, it } from 'vitest';
import rule from '../../../shared/rules/sec/agic-addon.js';
import type { Infrastructure, TrafficController } from '../../../shared/documents/cluster/model.js';
import { cluster, field, infrastructure, loc, unknownField } from '../../helpers/cluster-factory.js';
import { runClusterRule, testClusterRule } from '../../helpers/cluster-rule-tester.js';


function runIn(infra: Partial<Infrastructure>) {
  const { findings, item } = runClusterRule(rule, infrastructure(infra));
  return { item, findings, found: findings.map((f) => ({ messageId: f.messageId, level: f.level, line: f.region.startLine })) };
}

function run(...clusters: ReturnType<typeof cluster>[]) {
  return runIn({ clusters });
}

function trafficController(): TrafficController {
  return { kind: 'traffic-controller', id: '/providers/Microsoft.ServiceNetworking/trafficControllers/agc1', displayName: 'agc1', format: 'arm', at: loc() };
}

describe(rule.id, () => {
  it('passes a cluster with the AGIC add-on enabled', () => {
    const { found, item } = run(cluster({ addons: { ingressApplicationGateway: field(true) } }));
    expect(found).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('warns on a cluster without the add-on (absent = not installed), on the resource', () => {
    const c = cluster({ addons: { omsagent: field(true) } });
    const { found, findings } = run(c);
    expect(found).toEqual([{ messageId: 'missing', level: 'warning', line: c.at.region.startLine }]);
    expect(findings[0]?.message).toContain('"aks1" does not enable the ingressApplicationGateway (AGIC) add-on');
  });

  it('warns on the enabled field when the add-on is switched off', () => {
    const off = field(false);
    expect(run(cluster({ addons: { ingressApplicationGateway: off } })).found).toEqual([{ messageId: 'disabled', level: 'warning', line: off.at.region.startLine }]);
  });

  it('is not evaluated when the add-on setting cannot be resolved', () => {
    const { found, item } = run(cluster({ addons: { ingressApplicationGateway: unknownField('var.agic_enabled (no default)') } }));
    expect(found).toEqual([]);
    expect(item?.status).toBe('not-evaluated');
    expect(item?.notEvaluated.map((n) => n.reason)).toContain('aks1: addonProfiles.ingressApplicationGateway.enabled is var.agic_enabled (no default)');
  });

  it('passes a cluster with the ALB Controller add-on of Application Gateway for Containers enabled, AGIC off or unknown', () => {
    expect(run(cluster({ albControllerAddon: field(true) })).item?.status).toBe('satisfied');
    expect(run(cluster({ albControllerAddon: field(true), addons: { ingressApplicationGateway: field(false) } })).found).toEqual([]);
    const { found, item } = run(cluster({ albControllerAddon: field(true), addons: { ingressApplicationGateway: unknownField('var.agic_enabled (no default)') } }));
    expect(found).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('warns when the ALB Controller add-on is switched off and AGIC is absent', () => {
    const c = cluster({ albControllerAddon: field(false) });
    expect(run(c).found).toEqual([{ messageId: 'missing', level: 'warning', line: c.at.region.startLine }]);
  });

  it('is not evaluated when AGIC is off and the ALB Controller add-on setting cannot be resolved', () => {
    const { found, item } = run(cluster({ albControllerAddon: unknownField("parameters('alb') (no default)"), addons: { ingressApplicationGateway: field(false) } }));
    expect(found).toEqual([]);
    expect(item?.status).toBe('not-evaluated');
    expect(item?.notEvaluated.map((n) => n.reason)).toContain("aks1: ingressProfile.applicationLoadBalancer.enabled is parameters('alb') (no default)");
  });

  it('passes every cluster when the inputs define an Application Gateway for Containers (its subnet association is not modelled)', () => {
    const off = cluster({ addons: { ingressApplicationGateway: field(false) } });
    const bare = cluster({ id: 'c2', displayName: 'aks2' });
    const { found, item } = runIn({ clusters: [off, bare], trafficControllers: [trafficController()] });
    expect(found).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('judges several clusters one by one', () => {
    const bare = cluster({ id: 'c2', displayName: 'aks2' });
    const { found, findings } = run(cluster({ addons: { ingressApplicationGateway: field(true) } }), bare);
    expect(found.map((f) => f.line)).toEqual([bare.at.region.startLine]);
    expect(findings[0]?.message).toContain('"aks2"');
  });
});

describe(`${rule.id} (fixtures)`, () => {
  testClusterRule(rule, import.meta.dirname, {
    'pass.addon.json': { expect: [] },
    'pass.addon.plan.json': { expect: [] },
    'pass.addon.tf': { expect: [] },
    'pass.agc.json': { expect: [] },
    'pass.agc.plan.json': { expect: [] },
    'pass.agc.tf': { expect: [] },
    'pass.alb-addon.json': { expect: [] },
    'fail.alb-addon-disabled.json': { expect: [{ messageId: 'missing', level: 'warning', line: 6 }] },
    'fail.no-addon.json': { expect: [{ messageId: 'missing', level: 'warning', line: 6, message: '"aks-shop"' }] },
    'fail.disabled.json': { expect: [{ messageId: 'disabled', level: 'warning', line: 25 }] },
    'fail.no-addon.tf': { expect: [{ messageId: 'missing', level: 'warning', line: 1 }] },
    'fail.no-addon.plan.json': { expect: [{ messageId: 'missing', level: 'warning', line: 7 }] },
    'unknown.addon-reference.json': { expect: [] },
    'unknown.alb-addon-parameter.json': { expect: [] },
  });
});
