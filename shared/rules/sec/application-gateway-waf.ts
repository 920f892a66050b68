import { known, unknownReason, type ApplicationGateway, type Infrastructure } from '../../documents/cluster/model.js';
import { defineRule, type ClusterContext, type ClusterViolation } from '../define-rule.js';

type MessageId = 'notWafSku' | 'wafOff' | 'policyDisabled' | 'detection' | 'tlsMissing' | 'tlsOld';
type Emit = (violation: ClusterViolation<MessageId>) => void;

const MIN_TLS = 1.2;

/** Minimum TLS version of the predefined SSL policies (Application Gateway TLS policy overview). */
const PREDEFINED_POLICY_TLS: Readonly<Record<string, number>> = {
  appgwsslpolicy20150501: 1.0,
  appgwsslpolicy20170401: 1.1,
  appgwsslpolicy20170401s: 1.2,
  appgwsslpolicy20220101: 1.2,
  appgwsslpolicy20220101s: 1.2,
};

/** `TLSv1_2`, `TLS1_2`, `1.2`, or a predefined policy name, as a number; undefined when it is none of these. */
function tlsVersion(value: string): number | undefined {
  const text = value.trim().toLowerCase();
  if (text in PREDEFINED_POLICY_TLS) return PREDEFINED_POLICY_TLS[text];
  const match = /^(?:tls\s*v?)?(\d+)[._](\d+)$/.exec(text);
  return match ? Number(`${match[1]}.${match[2]}`) : undefined;
}

/**
 * Whether a reference (an ARM resource id, possibly with unresolved subscription or resource group, or a Terraform
 * `azurerm_application_gateway.main.id`) names the resource with this id.
 */
function refersTo(reference: string | undefined, id: string): boolean {
  if (reference === undefined) return false;
  const normalize = (s: string): string => s.trim().toLowerCase().replace(/\/+$/, '').replace(/\.id$/, '');
  const a = normalize(reference);
  const b = normalize(id);
  if (a === b) return true;
  const fromProvider = (s: string): string | undefined => {
    const i = s.indexOf('/providers/');
    return i >= 0 ? s.slice(i) : undefined;
  };
  const tail = fromProvider(a);
  return tail !== undefined && tail === fromProvider(b);
}

/** The gateways AGIC add-ons point at, when they resolve to gateways in the inputs; otherwise every gateway. */
function gatewaysToCheck(infrastructure: Infrastructure): readonly ApplicationGateway[] {
  const all = infrastructure.applicationGateways;
  const referenced = all.filter((gateway) => infrastructure.clusters.some((cluster) => refersTo(known(cluster.agicGatewayId), gateway.id)));
  return referenced.length > 0 ? referenced : all;
}

function checkWaf(gateway: ApplicationGateway, infrastructure: Infrastructure, emit: Emit, context: ClusterContext): void {
  const data = { gateway: gateway.displayName };
  const policyRef = gateway.firewallPolicyId;
  if (policyRef) {
    const ref = known(policyRef);
    if (ref === undefined) return context.notEvaluated(`Application Gateway "${gateway.displayName}": firewallPolicy.id is ${unknownReason(policyRef)}`);
    const policy = infrastructure.wafPolicies.find((p) => refersTo(ref, p.id));
    if (!policy) return context.notEvaluated(`the WAF policy "${ref}" of Application Gateway "${gateway.displayName}" is not in the inputs`);
    const policyData = { ...data, policy: policy.displayName };
    const enabledReason = unknownReason(policy.enabled);
    const modeReason = unknownReason(policy.mode);
    // Absent policy settings: enabled and Prevention (ARM policySettings.state defaults to Enabled; azurerm
    // policy_settings.enabled defaults to true and mode to Prevention).
    if (enabledReason !== undefined) context.notEvaluated(`WAF policy "${policy.displayName}": policySettings.state is ${enabledReason}`);
    else if (known(policy.enabled) === false && policy.enabled) emit({ messageId: 'policyDisabled', data: policyData, at: policy.enabled.at, subject: policy });
    else if (modeReason !== undefined) context.notEvaluated(`WAF policy "${policy.displayName}": policySettings.mode is ${modeReason}`);
    else if (policy.mode && known(policy.mode)?.toLowerCase() !== 'prevention') {
      emit({ messageId: 'detection', data: { ...data, mode: known(policy.mode) ?? '' }, at: policy.mode.at, subject: policy });
    }
    return;
  }
  // Inline webApplicationFirewallConfiguration (ARM) / waf_configuration (tf): `enabled` and `firewallMode` are required
  // there, so an absent `enabled` means there is no inline WAF at all.
  const enabledReason = unknownReason(gateway.wafEnabled);
  if (enabledReason !== undefined) return context.notEvaluated(`Application Gateway "${gateway.displayName}": webApplicationFirewallConfiguration.enabled is ${enabledReason}`);
  if (known(gateway.wafEnabled) !== true || !gateway.wafEnabled) return emit({ messageId: 'wafOff', data, at: (gateway.wafEnabled ?? gateway).at, subject: gateway });
  const modeReason = unknownReason(gateway.wafMode);
  if (modeReason !== undefined) return context.notEvaluated(`Application Gateway "${gateway.displayName}": webApplicationFirewallConfiguration.firewallMode is ${modeReason}`);
  const mode = known(gateway.wafMode);
  if (mode?.toLowerCase() !== 'prevention') {
    emit({ messageId: 'detection', data: { ...data, mode: mode ?? 'not set' }, at: (gateway.wafMode ?? gateway.wafEnabled).at, subject: gateway });
  }
}

function checkTls(gateway: ApplicationGateway, emit: Emit, context: ClusterContext): void {
  const data = { gateway: gateway.displayName };
  const field = gateway.minTlsVersion;
  const reason = unknownReason(field);
  if (reason !== undefined) return context.notEvaluated(`Application Gateway "${gateway.displayName}": sslPolicy is ${reason}`);
  // Absent SSL policy: Azure applies the default policy of the API version the gateway was deployed with
  // (AppGwSslPolicy20150501, TLS 1.0, before 2023-02-01); the model does not carry the API version, and the checklist
  // asks for an SSL policy with minimum TLS 1.2, so a missing policy is reported.
  if (!field) return emit({ messageId: 'tlsMissing', data, at: gateway.at, subject: gateway });
  const value = known(field) ?? '';
  const version = tlsVersion(value);
  if (version === undefined) return context.notEvaluated(`Application Gateway "${gateway.displayName}": "${value}" is not a TLS version or SSL policy aks-gate knows`);
  if (version < MIN_TLS) emit({ messageId: 'tlsOld', data: { ...data, version: value }, at: field.at, subject: gateway });
}

export default defineRule({
  id: 'application-gateway-waf',
  checklist: 'SEC-2',
  title: 'Application Gateway runs WAF_v2 in Prevention mode with TLS 1.2 or later',
  severity: 'error',
  evidence: ['cluster'],
  target: 'infrastructure',
  subjects: 'Application Gateways (Microsoft.Network/applicationGateways, azurerm_application_gateway)',
  messages: {
    notWafSku: 'Application Gateway "{{gateway}}" uses SKU tier {{tier}}, not WAF_v2, so it cannot run a web application firewall.',
    wafOff: 'Application Gateway "{{gateway}}" has no web application firewall enabled: no enabled WAF configuration and no WAF policy.',
    policyDisabled: 'WAF policy "{{policy}}" of Application Gateway "{{gateway}}" is disabled.',
    detection: 'The web application firewall of Application Gateway "{{gateway}}" is not in Prevention mode ({{mode}}): it logs attacks but does not block them.',
    tlsMissing: 'Application Gateway "{{gateway}}" sets no SSL policy, so its minimum TLS version depends on the API version it was deployed with (TLS 1.0 on older ones).',
    tlsOld: 'Application Gateway "{{gateway}}" accepts TLS versions below 1.2 (its SSL policy minimum is {{version}}).',
  },
  help:
    'The Application Gateway in front of the cluster is what filters attacks. The checklist wants the `WAF_v2` SKU, the ' +
    'web application firewall enabled in `Prevention` mode (Detection only logs), either inline ' +
    '(`webApplicationFirewallConfiguration`) or through a linked WAF policy, and an SSL policy with minimum TLS 1.2. ' +
    'When a cluster\'s AGIC add-on points at a gateway in the inputs, that gateway is checked; otherwise every gateway is.',
  remediation:
    'Set `sku.tier` and `sku.name` to `WAF_v2` (Terraform: `sku { tier = "WAF_v2" }`); link a WAF policy through ' +
    '`firewallPolicy.id` (Terraform: `firewall_policy_id` to an `azurerm_web_application_firewall_policy`) whose ' +
    '`policySettings` are enabled with `mode` `Prevention` (Terraform: `policy_settings { enabled = true, mode = "Prevention" }`); ' +
    'and set `sslPolicy` to a predefined policy such as `AppGwSslPolicy20220101` or to a custom one with `minProtocolVersion` ' +
    '`TLSv1_2` (Terraform: `ssl_policy { policy_type = "Predefined", policy_name = "AppGwSslPolicy20220101" }` or `min_protocol_version = "TLSv1_2"`).',
  references: [
    'https://learn.microsoft.com/azure/web-application-firewall/ag/ag-overview',
    'https://learn.microsoft.com/azure/web-application-firewall/ag/policy-overview',
    'https://learn.microsoft.com/azure/application-gateway/application-gateway-ssl-policy-overview',
    'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/application_gateway',
    'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/web_application_firewall_policy',
  ],
  check(infrastructure, report, context) {
    const gateways = gatewaysToCheck(infrastructure);
    for (const gateway of gateways) {
      const tierReason = unknownReason(gateway.skuTier);
      const tier = known(gateway.skuTier);
      if (tierReason !== undefined) context.notEvaluated(`Application Gateway "${gateway.displayName}": sku.tier is ${tierReason}`);
      // A gateway without the WAF_v2 tier cannot run a WAF at all: the SKU finding says it, the WAF checks would repeat it.
      else if (tier?.toLowerCase() !== 'waf_v2') {
        report({ messageId: 'notWafSku', data: { gateway: gateway.displayName, tier: tier ?? '(not set)' }, at: (gateway.skuTier ?? gateway).at, subject: gateway });
      } else checkWaf(gateway, infrastructure, report, context);
      checkTls(gateway, report, context);
    }
    return gateways.length > 0;
  },
});
