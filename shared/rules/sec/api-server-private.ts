import { known, unknownReason } from '../../documents/cluster/model.js';
import { defineRule } from '../define-rule.js';

/** Ranges that admit every address: an authorized-IP list containing one of these restricts nothing. */
const OPEN_RANGES = new Set(['0.0.0.0/0', '::/0']);

export default defineRule({
  id: 'api-server-private',
  checklist: 'SEC-1',
  title: 'AKS API server is private or restricted to authorized IP ranges',
  severity: 'error',
  evidence: ['cluster', 'live'],
  target: 'cluster',
  messages: {
    public: 'The API server of "{{cluster}}" is public and reachable from any address: it is not a private cluster and sets no authorized IP ranges.',
    openRange: 'The API server of "{{cluster}}" is public: its authorized IP ranges include {{range}}, which admits every address.',
    restricted: 'The API server of "{{cluster}}" is public, restricted to {{count}} authorized IP range(s); a private cluster is the stronger control.',
  },
  help:
    'The Kubernetes API server is the front door to the whole cluster. A private cluster ' +
    '(`apiServerAccessProfile.enablePrivateCluster`) gives it a private IP only, and `publicNetworkAccess: Disabled` ' +
    'closes its public endpoint; both pass. A public API server restricted by `apiServerAccessProfile.authorizedIPRanges` ' +
    'is a weaker pass (warning). A public API server without ranges, or with `0.0.0.0/0` among them, is open to the internet (error).',
  remediation:
    'Create the cluster as a private cluster: set `apiServerAccessProfile.enablePrivateCluster` to `true` in ARM/Bicep or ' +
    '`private_cluster_enabled = true` in Terraform. If the API server must stay public, list the networks that may reach it in ' +
    '`apiServerAccessProfile.authorizedIPRanges` (Terraform: `api_server_access_profile { authorized_ip_ranges = [...] }`, ' +
    'azurerm v3: `api_server_authorized_ip_ranges`), without `0.0.0.0/0`.',
  references: [
    'https://learn.microsoft.com/azure/aks/private-clusters',
    'https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges',
    'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#private_cluster_enabled',
  ],
  check(cluster, report, context) {
    // Absent enablePrivateCluster: AKS creates a public API server (ARM default false; tf private_cluster_enabled defaults to false).
    if (known(cluster.enablePrivateCluster) === true) return;
    // Absent publicNetworkAccess: Enabled, the ARM default.
    if (known(cluster.publicNetworkAccess)?.toLowerCase() === 'disabled') return;

    const privateUnknown = unknownReason(cluster.enablePrivateCluster);
    if (privateUnknown !== undefined) return context.notEvaluated(`apiServerAccessProfile.enablePrivateCluster is ${privateUnknown}`);
    const accessUnknown = unknownReason(cluster.publicNetworkAccess);
    if (accessUnknown !== undefined) return context.notEvaluated(`publicNetworkAccess is ${accessUnknown}`);
    const rangesUnknown = unknownReason(cluster.authorizedIpRanges);
    if (rangesUnknown !== undefined) return context.notEvaluated(`apiServerAccessProfile.authorizedIPRanges is ${rangesUnknown}`);

    // Absent authorizedIPRanges: no restriction (the API server accepts every address).
    const ranges = (known(cluster.authorizedIpRanges) ?? []).map((r) => r.trim());
    const open = ranges.find((r) => OPEN_RANGES.has(r));
    if (open !== undefined && cluster.authorizedIpRanges) {
      report({ messageId: 'openRange', data: { range: open }, at: cluster.authorizedIpRanges.at });
    } else if (ranges.length > 0 && cluster.authorizedIpRanges) {
      report({ messageId: 'restricted', data: { count: ranges.length }, at: cluster.authorizedIpRanges.at, level: 'warning' });
    } else {
      report({ messageId: 'public', at: (cluster.authorizedIpRanges ?? cluster.enablePrivateCluster ?? cluster).at });
    }
  },
});
