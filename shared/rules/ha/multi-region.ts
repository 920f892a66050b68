import { known, unknownReason, type AksCluster } from '../../documents/cluster/model.js';
import { defineRule } from '../define-rule.js';

/** `West Europe` and `westeurope` are the same Azure region. */
function region(location: string): string {
  return location.toLowerCase().replace(/\s+/g, '');
}

export default defineRule({
  id: 'multi-region',
  checklist: 'HA-1',
  title: 'Clusters run in two or more regions behind Traffic Manager or Front Door',
  severity: 'warning',
  evidence: ['cluster'],
  target: 'infrastructure',
  subjects: 'AKS cluster definitions',
  messages: {
    singleCluster: 'AKS cluster "{{cluster}}" is the only cluster in the inputs: the service runs in one region and a regional outage takes it down.',
    singleRegion: 'AKS clusters {{clusters}} all run in {{location}}: a regional outage takes the whole service down.',
    noTrafficRouting:
      'AKS clusters run in {{locations}} but no Traffic Manager or Front Door in the inputs routes traffic between them, so a regional outage is not failed over.',
  },
  help:
    'A single AKS cluster, even spread over availability zones, lives in one Azure region. The checklist asks for two or more ' +
    'clusters in different regions with a global router (Azure Traffic Manager or Azure Front Door) in front of them, so traffic ' +
    'fails over when a region is lost. This is read across all cluster definitions given together: the clusters may be declared ' +
    'in different files. It is a warning because running in one region is a cost-against-availability choice; raise it to an ' +
    'error where the service must survive a regional outage.',
  remediation:
    'Deploy a second AKS cluster in another region (ARM `location` of a second `Microsoft.ContainerService/managedClusters`, tf: ' +
    '`location` of a second `azurerm_kubernetes_cluster`) and route between them with a Traffic Manager profile ' +
    '(`Microsoft.Network/trafficManagerProfiles`, tf: `azurerm_traffic_manager_profile`) or Azure Front Door ' +
    '(`Microsoft.Cdn/profiles`, tf: `azurerm_cdn_frontdoor_profile`).',
  references: [
    'https://learn.microsoft.com/azure/aks/reliability-multi-region-deployment-models',
    'https://learn.microsoft.com/azure/traffic-manager/traffic-manager-overview',
    'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/traffic_manager_profile',
  ],
  check(infrastructure, report, context) {
    const { clusters } = infrastructure;
    const [first] = clusters;
    if (!first) return false;
    const at = first.location?.at ?? first.at;

    const regions = new Map<string, string>();
    const unknown: string[] = [];
    for (const cluster of clusters) {
      const location = known(cluster.location);
      // ARM and Terraform both require `location`; a missing one is as good as unknown.
      if (location === undefined) unknown.push(`location of "${cluster.displayName}" is ${unknownReason(cluster.location) ?? 'not set'}`);
      else if (!regions.has(region(location))) regions.set(region(location), location);
    }

    if (regions.size >= 2) {
      if (infrastructure.trafficRouters.length === 0) {
        report({ messageId: 'noTrafficRouting', data: { cluster: first.displayName, locations: [...regions.values()].join(', ') }, at, subject: first });
      }
      return true;
    }
    // One cluster is in one region wherever that is; several clusters may yet be spread over the unknown locations.
    if (clusters.length === 1) {
      report({ messageId: 'singleCluster', data: { cluster: first.displayName }, at, subject: first });
      return true;
    }
    if (unknown.length > 0) {
      context.notEvaluated(unknown.join('; '));
      return false;
    }
    report({ messageId: 'singleRegion', data: { cluster: first.displayName, clusters: names(clusters), location: [...regions.values()][0] ?? '' }, at, subject: first });
    return true;
  },
});

function names(clusters: readonly AksCluster[]): string {
  return clusters.map((c) => `"${c.displayName}"`).join(', ');
}
