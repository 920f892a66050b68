import { known } from '../../documents/cluster/model.js';
import { defineRule } from '../define-rule.js';
import { nodePoolName } from './node-pool-name.js';

export default defineRule({
  id: 'node-pool-autoscaler',
  checklist: 'HA-3',
  title: 'Every node pool uses the cluster autoscaler with a real range',
  severity: 'error',
  evidence: ['cluster', 'live'],
  target: 'cluster',
  messages: {
    off: 'Node pool "{{pool}}" of AKS cluster "{{cluster}}" does not use the cluster autoscaler: it cannot add nodes under load.',
    counts: 'Node pool "{{pool}}" of AKS cluster "{{cluster}}" autoscales with minCount {{min}} and maxCount {{max}}: maxCount must be greater than minCount, or the autoscaler has nothing to scale.',
  },
  help:
    'The cluster autoscaler adds nodes when pods cannot be scheduled and removes idle ones. It works per node pool, between ' +
    '`minCount` and `maxCount`, and only on pools where `enableAutoScaling` is true: a pool with a fixed count runs out of room ' +
    'under load, and a pool whose maxCount is not above its minCount cannot grow. Every pool is checked, the inline ones ' +
    '(`agentPoolProfiles`, tf `default_node_pool`) and the separate ones (`agentPools`, tf `azurerm_kubernetes_cluster_node_pool`).',
  remediation:
    'Set `enableAutoScaling: true` with `minCount` and a larger `maxCount` on every node pool (tf: `auto_scaling_enabled = true` ' +
    '[v3: `enable_auto_scaling`] with `min_count` and `max_count`, in `default_node_pool` and in each `azurerm_kubernetes_cluster_node_pool`).',
  references: [
    'https://learn.microsoft.com/azure/aks/cluster-autoscaler',
    'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster_node_pool#auto_scaling_enabled',
  ],
  check(cluster, report, context) {
    if (cluster.nodePools.length === 0) {
      context.notEvaluated(cluster.nodePoolsUnknown ?? 'the definition declares no node pools');
      return;
    }
    for (const pool of cluster.nodePools) {
      const name = nodePoolName(pool);
      const enabled = pool.enableAutoScaling;
      if (enabled && !enabled.value.known) {
        context.notEvaluated(`enableAutoScaling of node pool "${name}" is ${enabled.value.reason}`);
        continue;
      }
      // Absent: off, the ARM and Terraform default.
      if (known(enabled) !== true) {
        report({ messageId: 'off', data: { pool: name }, at: enabled?.at ?? pool.at, subject: pool });
        continue;
      }
      const { minCount, maxCount } = pool;
      const unresolved = [minCount, maxCount].find((f) => f !== undefined && !f.value.known);
      if (unresolved && !unresolved.value.known) {
        context.notEvaluated(`${unresolved === minCount ? 'minCount' : 'maxCount'} of node pool "${name}" is ${unresolved.value.reason}`);
        continue;
      }
      const min = minCount?.value.known ? minCount.value.value : undefined;
      const max = maxCount?.value.known ? maxCount.value.value : undefined;
      if (min === undefined || max === undefined || max <= min) {
        report({ messageId: 'counts', data: { pool: name, min: min ?? 'unset', max: max ?? 'unset' }, at: (maxCount ?? minCount ?? enabled)?.at ?? pool.at, subject: pool });
      }
    }
  },
});
