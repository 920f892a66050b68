import { known, unknownReason } from '../../documents/cluster/model.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'node-public-ip',
  checklist: 'SEC-1',
  title: 'AKS node pools give nodes no public IP',
  severity: 'error',
  evidence: ['cluster', 'live'],
  target: 'cluster',
  messages: {
    publicIp: 'Node pool "{{pool}}" of "{{cluster}}" gives every node its own public IP address.',
  },
  help:
    'AKS nodes need no public IP of their own: ingress reaches workloads through the Application Gateway and egress leaves ' +
    'through the firewall. `enableNodePublicIP` puts every node of the pool straight on the internet, bypassing both. ' +
    'Checked on inline pools (`agentPoolProfiles`, `default_node_pool`) and on separate ones (`agentPools`, ' +
    '`azurerm_kubernetes_cluster_node_pool`).',
  remediation:
    'Remove `enableNodePublicIP` from the node pool or set it to `false` in ARM/Bicep; in Terraform set ' +
    '`node_public_ip_enabled = false` (azurerm v3: `enable_node_public_ip`), and publish workloads through Application Gateway instead.',
  references: [
    'https://learn.microsoft.com/azure/aks/use-node-public-ips',
    'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster_node_pool#node_public_ip_enabled',
  ],
  check(cluster, report, context) {
    if (cluster.nodePools.length === 0) {
      // No pool to judge: the pool list is an unresolved expression, or the definition declares none.
      context.notEvaluated(cluster.nodePoolsUnknown ?? 'the definition declares no node pools');
      return;
    }
    for (const pool of cluster.nodePools) {
      const name = known(pool.name) ?? pool.displayName;
      const reason = unknownReason(pool.enableNodePublicIP);
      if (reason !== undefined) context.notEvaluated(`enableNodePublicIP of node pool "${name}" is ${reason}`);
      // Absent enableNodePublicIP: false, the ARM default and the azurerm default of node_public_ip_enabled.
      else if (known(pool.enableNodePublicIP) === true && pool.enableNodePublicIP) {
        report({ messageId: 'publicIp', data: { pool: name }, at: pool.enableNodePublicIP.at, subject: pool });
      }
    }
  },
});
