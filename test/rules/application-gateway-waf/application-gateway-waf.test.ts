import { describe, expect, it } from 'vitest';
import type { ApplicationGateway, WafPolicy } from '../../../shared/documents/cluster/model.js';
import rule from '../../../shared/rules/sec/application-gateway-waf.js';
import { cluster, field, infrastructure, loc, unknownField } from '../../helpers/cluster-factory.js';
import { runClusterRule, testClusterRule } from '../../helpers/cluster-rule-tester.js';

const GATEWAY_ID = '/subscriptions/{unknown}/resourceGroups/{unknown}/providers/Microsoft.Network/applicationGateways/agw-shop';
const POLICY_ID = '/subscriptions/{unknown}/resourceGroups/{unknown}/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/waf-shop';

function gateway(overrides: Partial<ApplicationGateway> = {}): ApplicationGateway {
  return { kind: 'application-gateway', id: GATEWAY_ID, displayName: 'agw-shop', format: 'arm', at: loc(), ...overrides };
}

function wafPolicy(overrides: Partial<WafPolicy> = {}): WafPolicy {
  return { kind: 'waf-policy', id: POLICY_ID, displayName: 'waf-shop', format: 'arm', at: loc(), ...overrides };
}

/** A gateway that meets every requirement with an inline WAF configuration. */
const good = (overrides: Partial<ApplicationGateway> = {}): ApplicationGateway =>
  gateway({ skuTier: field('WAF_v2'), wafEnabled: field(true), wafMode: field('Prevention'), minTlsVersion: field('TLSv1_2'), ...overrides });

function run(applicationGateways: ApplicationGateway[], wafPolicies: WafPolicy[] = [], clusters = [cluster()]) {
  const { findings, item } = runClusterRule(rule, infrastructure({ clusters, applicationGateways, wafPolicies }));
  return { item, findings, found: findings.map((f) => ({ messageId: f.messageId, level: f.level, line: f.region.startLine })) };
}

describe(rule.id, () => {
  it('passes a WAF_v2 gateway with an inline WAF in Prevention mode and TLS 1.2', () => {
    const { found, item } = run([good()]);
    expect(found).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('passes a gateway whose linked WAF policy leaves enabled and mode to their defaults (enabled, Prevention)', () => {
    const { found, item } = run([gateway({ skuTier: field('WAF_v2'), firewallPolicyId: field(POLICY_ID), minTlsVersion: field('AppGwSslPolicy20220101') })], [wafPolicy()]);
    expect(found).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('reports a Standard_v2 gateway on its tier and skips the WAF checks that follow from it', () => {
    const tier = field('Standard_v2');
    const gw = gateway({ skuTier: tier, minTlsVersion: field('TLSv1_2') });
    const { found, findings, item } = run([gw]);
    expect(found).toEqual([{ messageId: 'notWafSku', level: 'error', line: tier.at.region.startLine }]);
    expect(findings[0]?.message).toBe('Application Gateway "agw-shop" uses SKU tier Standard_v2, not WAF_v2, so it cannot run a web application firewall.');
    expect(findings[0]?.object?.name).toBe('agw-shop');
    expect(item?.status).toBe('violated');
  });

  it('reports a missing SSL policy on the gateway resource', () => {
    const gw = good({ minTlsVersion: undefined });
    expect(run([gw]).found).toEqual([{ messageId: 'tlsMissing', level: 'error', line: gw.at.region.startLine }]);
  });

  it('reports Detection mode and TLS below 1.2 on their fields', () => {
    const mode = field('Detection');
    const tls = field('TLSv1_1');
    const { found, findings } = run([good({ wafMode: mode, minTlsVersion: tls })]);
    expect(found).toEqual([
      { messageId: 'detection', level: 'error', line: mode.at.region.startLine },
      { messageId: 'tlsOld', level: 'error', line: tls.at.region.startLine },
    ]);
    expect(findings[0]?.message).toContain('not in Prevention mode (Detection)');
    expect(findings[1]?.message).toContain('minimum is TLSv1_1');
  });

  it('reads the minimum TLS version of predefined SSL policies', () => {
    const tls = field('AppGwSslPolicy20150501');
    expect(run([good({ minTlsVersion: tls })]).found).toEqual([{ messageId: 'tlsOld', level: 'error', line: tls.at.region.startLine }]);
    expect(run([good({ minTlsVersion: field('AppGwSslPolicy20170401S') })]).found).toEqual([]);
    expect(run([good({ minTlsVersion: field('TLSv1_3') })]).found).toEqual([]);
  });

  it('reports a WAF_v2 gateway with no WAF configuration and no policy', () => {
    const gw = gateway({ skuTier: field('WAF_v2'), minTlsVersion: field('TLSv1_2') });
    expect(run([gw]).found).toEqual([{ messageId: 'wafOff', level: 'error', line: gw.at.region.startLine }]);
    const off = field(false);
    expect(run([good({ wafEnabled: off })]).found).toEqual([{ messageId: 'wafOff', level: 'error', line: off.at.region.startLine }]);
  });

  it('reports a disabled or detecting linked WAF policy on the policy', () => {
    const disabled = field(false);
    const linked = { skuTier: field('WAF_v2'), firewallPolicyId: field(POLICY_ID), minTlsVersion: field('TLSv1_2') };
    const { found, findings } = run([gateway(linked)], [wafPolicy({ enabled: disabled })]);
    expect(found).toEqual([{ messageId: 'policyDisabled', level: 'error', line: disabled.at.region.startLine }]);
    expect(findings[0]?.message).toBe('WAF policy "waf-shop" of Application Gateway "agw-shop" is disabled.');
    expect(findings[0]?.object?.name).toBe('waf-shop');
    const mode = field('Detection');
    expect(run([gateway(linked)], [wafPolicy({ enabled: field(true), mode })]).found).toEqual([{ messageId: 'detection', level: 'error', line: mode.at.region.startLine }]);
  });

  it('checks only the gateway the AGIC add-on points at when it is in the inputs', () => {
    const other = gateway({ id: '/subscriptions/{unknown}/resourceGroups/{unknown}/providers/Microsoft.Network/applicationGateways/agw-legacy', displayName: 'agw-legacy', skuTier: field('Standard_v2') });
    const aks = cluster({ addons: { ingressApplicationGateway: field(true) }, agicGatewayId: field('/subscriptions/1234/resourceGroups/rg-shop/providers/Microsoft.Network/applicationGateways/agw-shop') });
    expect(run([other, good()], [], [aks]).found).toEqual([]);
  });

  it('matches a Terraform gateway_id reference to the gateway address', () => {
    const tfGateway = good({ id: 'azurerm_application_gateway.shop', displayName: 'azurerm_application_gateway.shop', format: 'terraform' });
    const other = gateway({ id: 'azurerm_application_gateway.legacy', displayName: 'azurerm_application_gateway.legacy', skuTier: field('Standard_v2') });
    const aks = cluster({ format: 'terraform', agicGatewayId: field('azurerm_application_gateway.shop.id') });
    expect(run([other, tfGateway], [], [aks]).found).toEqual([]);
  });

  it('checks every gateway when the AGIC target is not among them', () => {
    const tier = field('Standard_v2');
    const aks = cluster({ agicGatewayId: field('/subscriptions/1234/resourceGroups/rg-hub/providers/Microsoft.Network/applicationGateways/agw-hub') });
    expect(run([good(), gateway({ id: 'other', displayName: 'agw-other', skuTier: tier, minTlsVersion: field('TLSv1_2') })], [], [aks]).found).toEqual([
      { messageId: 'notWafSku', level: 'error', line: tier.at.region.startLine },
    ]);
  });

  it('evaluates nothing when no Application Gateway is in the inputs', () => {
    const { found, item } = run([]);
    expect(found).toEqual([]);
    expect(item?.evaluated).not.toContain('cluster');
    expect(item?.status).toBe('not-evaluated');
  });

  it('is not evaluated when the SKU tier cannot be resolved', () => {
    const { found, item } = run([good({ skuTier: unknownField('the expression "[parameters(\'skuTier\')]"') })]);
    expect(found).toEqual([]);
    expect(item?.status).toBe('not-evaluated');
    expect(item?.notEvaluated.map((n) => n.reason)).toContain('Application Gateway "agw-shop": sku.tier is the expression "[parameters(\'skuTier\')]"');
  });

  it('is not evaluated when the linked WAF policy is not in the inputs', () => {
    const { found, item } = run([gateway({ skuTier: field('WAF_v2'), firewallPolicyId: field(POLICY_ID), minTlsVersion: field('TLSv1_2') })]);
    expect(found).toEqual([]);
    expect(item?.notEvaluated.map((n) => n.reason)).toContain(`the WAF policy "${POLICY_ID}" of Application Gateway "agw-shop" is not in the inputs`);
  });

  it('is not evaluated on a TLS setting it does not know, and still reports what it knows', () => {
    const tier = field('Standard');
    const { found, item } = run([gateway({ skuTier: tier, minTlsVersion: field('SomeFuturePolicy') })]);
    expect(found.map((f) => f.messageId)).toEqual(['notWafSku']);
    expect(item?.status).toBe('violated');
    expect(run([good({ minTlsVersion: field('SomeFuturePolicy') })]).item?.status).toBe('not-evaluated');
  });
});

describe(`${rule.id} (fixtures)`, () => {
  testClusterRule(rule, import.meta.dirname, {
    'pass.waf-policy.json': { expect: [] },
    'pass.waf-policy.plan.json': { expect: [] },
    'pass.waf-policy.tf': { expect: [] },
    'fail.standard-sku.json': {
      expect: [
        { messageId: 'notWafSku', level: 'error', line: 13, message: 'Application Gateway "agw-shop"' },
        { messageId: 'tlsMissing', level: 'error', line: 6 },
      ],
    },
    'fail.detection.tf': {
      expect: [
        { messageId: 'detection', level: 'error', line: 16 },
        { messageId: 'tlsOld', level: 'error', line: 21 },
      ],
    },
    'fail.waf-disabled.plan.json': { expect: [{ messageId: 'wafOff', level: 'error', line: 24 }] },
    'unknown.sku-parameter.json': { expect: [] },
  });
});
