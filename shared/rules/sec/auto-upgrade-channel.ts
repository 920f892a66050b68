import { known, unknownReason } from '../../documents/cluster/model.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'auto-upgrade-channel',
  checklist: 'SEC-5',
  title: 'AKS cluster sets a Kubernetes auto-upgrade channel and a node OS upgrade channel',
  severity: 'warning',
  evidence: ['cluster'],
  target: 'cluster',
  messages: {
    upgradeChannelMissing:
      'Cluster "{{cluster}}" sets no auto-upgrade channel (autoUpgradeProfile.upgradeChannel): AKS then uses "none", so Kubernetes is never upgraded automatically.',
    upgradeChannelNone: 'Cluster "{{cluster}}" turns Kubernetes auto-upgrade off (upgradeChannel "none"): its version falls out of support unless someone upgrades it by hand.',
    nodeOsChannelMissing:
      'Cluster "{{cluster}}" sets no node OS upgrade channel (autoUpgradeProfile.nodeOSUpgradeChannel): it relies on the AKS default, which the definition does not pin.',
    nodeOsChannelNone: 'Cluster "{{cluster}}" turns node OS security updates off (nodeOSUpgradeChannel "None"): nodes get no OS patches unless someone applies them.',
  },
  help:
    'Kubernetes patch and minor versions and the node OS images are patched all the time; AKS applies them on a schedule only when ' +
    'the cluster names an auto-upgrade channel (`autoUpgradeProfile.upgradeChannel`: `patch`, `stable`, `rapid` or `node-image`; ' +
    'tf: `automatic_upgrade_channel` [`automatic_channel_upgrade`]) and a node OS channel (`autoUpgradeProfile.nodeOSUpgradeChannel`: ' +
    '`NodeImage`, `SecurityPatch` or `Unmanaged`; tf: `node_os_upgrade_channel` [`node_os_channel_upgrade`]). A channel of `none` is ' +
    'reported, and so is a missing one: the checklist wants the choice written down, not left to a default that changes with the API version.',
  remediation:
    'Set `autoUpgradeProfile.upgradeChannel` to `patch` or `stable` (tf: `automatic_upgrade_channel` [`automatic_channel_upgrade`]) and ' +
    '`autoUpgradeProfile.nodeOSUpgradeChannel` to `NodeImage` or `SecurityPatch` (tf: `node_os_upgrade_channel` [`node_os_channel_upgrade`]), ' +
    'and schedule both with a planned maintenance window.',
  references: [
    'https://learn.microsoft.com/azure/aks/auto-upgrade-cluster',
    'https://learn.microsoft.com/azure/aks/auto-upgrade-node-image',
    'https://learn.microsoft.com/azure/aks/planned-maintenance',
    'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#automatic_upgrade_channel',
  ],
  check(cluster, report, context) {
    const upgrade = cluster.upgradeChannel;
    const upgradeReason = unknownReason(upgrade);
    if (upgradeReason !== undefined) context.notEvaluated(`upgradeChannel is ${upgradeReason}`);
    // Absent: the ManagedClusterAutoUpgradeProfile default is "none" (the azurerm argument is simply unset), i.e. no auto-upgrade.
    else if (upgrade === undefined) report({ messageId: 'upgradeChannelMissing', at: cluster.at });
    else if (known(upgrade)?.toLowerCase() === 'none') report({ messageId: 'upgradeChannelNone', at: upgrade.at });

    const nodeOs = cluster.nodeOsUpgradeChannel;
    const nodeOsReason = unknownReason(nodeOs);
    if (nodeOsReason !== undefined) context.notEvaluated(`nodeOSUpgradeChannel is ${nodeOsReason}`);
    // Absent: AKS gives clusters created with API version 2023-06-01 or later NodeImage (azurerm defaults to NodeImage too),
    // older ones Unmanaged; the checklist still wants the channel written, so a missing one stays a warning.
    else if (nodeOs === undefined) report({ messageId: 'nodeOsChannelMissing', at: cluster.at });
    else if (known(nodeOs)?.toLowerCase() === 'none') report({ messageId: 'nodeOsChannelNone', at: nodeOs.at });
  },
});
