import { known, unknownReason } from '../../documents/cluster/model.js';
import { defineRule } from '../define-rule.js';

/** The network policy engines AKS supports (ARM `networkProfile.networkPolicy`, lower-cased). */
const ENGINES = new Set(['azure', 'calico', 'cilium']);

export default defineRule({
  id: 'network-policy',
  checklist: 'SEC-3',
  title: 'AKS cluster runs a network policy engine',
  severity: 'error',
  evidence: ['cluster'],
  target: 'cluster',
  messages: {
    missing: '"{{cluster}}" sets no network policy engine: NetworkPolicy objects are accepted but not enforced, and every pod can reach every other.',
    none: '"{{cluster}}" sets networkPolicy "{{networkPolicy}}": NetworkPolicy objects are accepted but not enforced, and every pod can reach every other.',
  },
  help:
    'Kubernetes `NetworkPolicy` objects do nothing unless a network policy engine enforces them. AKS offers three: Azure ' +
    'Network Policy Manager (`azure`), Calico (`calico`) and Cilium (`cilium`), chosen in `networkProfile.networkPolicy`. ' +
    'Without one, the default-deny policies the workload rules ask for have no effect.',
  remediation:
    'Set `networkProfile.networkPolicy` to `azure`, `calico` or `cilium` in ARM/Bicep, or `network_profile { network_policy = "calico" }` ' +
    '(or `azure` / `cilium`) in Terraform; `cilium` requires the Cilium dataplane (`networkDataplane` / `network_data_plane`).',
  references: [
    'https://learn.microsoft.com/azure/aks/use-network-policies',
    'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#network_policy',
  ],
  check(cluster, report, context) {
    const policy = cluster.networkPolicy;
    const reason = unknownReason(policy);
    if (reason !== undefined) return context.notEvaluated(`networkProfile.networkPolicy is ${reason}`);
    const value = known(policy);
    // Absent networkPolicy: AKS installs no engine (the ARM default is none; tf network_policy has no default).
    if (value === undefined || !policy) report({ messageId: 'missing', at: cluster.at });
    else if (!ENGINES.has(value.toLowerCase())) report({ messageId: 'none', data: { networkPolicy: value }, at: policy.at });
  },
});
