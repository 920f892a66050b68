import { defineRule } from '../define-rule.js';
import { nodePoolName } from './node-pool-name.js';

/** Fewer zones than this and losing one zone takes every node of the pool down. */
const MIN_ZONES = 2;

export default defineRule({
  id: 'availability-zones',
  checklist: 'HA-1',
  title: 'Node pools span availability zones',
  severity: 'warning',
  evidence: ['cluster'],
  target: 'cluster',
  messages: {
    noZones: 'Node pool "{{pool}}" of AKS cluster "{{cluster}}" is not spread over availability zones: a datacenter outage can take all its nodes down.',
    oneZone: 'Node pool "{{pool}}" of AKS cluster "{{cluster}}" runs in a single availability zone ({{zones}}): losing that zone takes all its nodes down.',
  },
  help:
    'Availability zones are separate datacenters of one Azure region. A node pool whose `availabilityZones` (tf: `zones`) list ' +
    'two or more zones keeps nodes running when one zone fails; a pool without zones is placed regionally with no such ' +
    'guarantee, and a pool pinned to one zone fails with it. Zones are fixed when the pool is created, so this is checked on ' +
    'every pool, inline and separate.',
  remediation:
    'Create each node pool with `availabilityZones` set to two or more zones, e.g. `["1", "2", "3"]` (tf: `zones` in ' +
    '`default_node_pool` and in `azurerm_kubernetes_cluster_node_pool`); zones cannot be changed on an existing pool, so add a ' +
    'new zonal pool and move the workloads to it.',
  references: [
    'https://learn.microsoft.com/azure/aks/availability-zones',
    'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster_node_pool#zones',
  ],
  check(cluster, report, context) {
    if (cluster.nodePools.length === 0) {
      context.notEvaluated(cluster.nodePoolsUnknown ?? 'the definition declares no node pools');
      return;
    }
    for (const pool of cluster.nodePools) {
      const zones = pool.availabilityZones;
      const data = { pool: nodePoolName(pool) };
      // Absent: AKS places the pool in no zone (the ARM and Terraform default).
      if (zones === undefined) {
        report({ messageId: 'noZones', data, at: pool.at, subject: pool });
      } else if (!zones.value.known) {
        context.notEvaluated(`availabilityZones of node pool "${data.pool}" is ${zones.value.reason}`);
      } else {
        const distinct = [...new Set(zones.value.value.map(String))];
        if (distinct.length === 0) report({ messageId: 'noZones', data, at: zones.at, subject: pool });
        else if (distinct.length < MIN_ZONES) report({ messageId: 'oneZone', data: { ...data, zones: distinct.join(', ') }, at: zones.at, subject: pool });
      }
    }
  },
});
