import { known, unknownReason, type AksCluster, type Field, type NodePool, type SourceLocation } from '../../documents/cluster/model.js';
import {
  AKS_VERSIONS,
  AKS_VERSIONS_AS_OF,
  AKS_VERSIONS_SOURCE,
  dataAgeDays,
  isDataStale,
  scanDate,
  supportStatus,
} from '../data/aks-versions.js';
import { defineRule, type ClusterViolation } from '../define-rule.js';

type MessageId = 'outOfSupport' | 'ltsOnly' | 'endingSoon' | 'defaultVersion' | 'staleData';

const OLDEST_END = AKS_VERSIONS[0]?.endOfSupport ?? AKS_VERSIONS_AS_OF;

export default defineRule({
  id: 'kubernetes-version-supported',
  checklist: 'SEC-5',
  title: 'AKS cluster and node pools run a Kubernetes version inside the AKS support window',
  severity: 'error',
  evidence: ['cluster'],
  target: 'cluster',
  messages: {
    outOfSupport: 'Kubernetes {{version}} on {{where}} is out of AKS support since {{end}}: it gets no security patches; upgrade to a supported version.',
    ltsOnly:
      'Kubernetes {{version}} on {{where}} left AKS community support on {{end}}; only the paid Long-Term Support plan (Premium tier, supportPlan AKSLongTermSupport) covers it, until {{ltsEnd}}, and the definition does not show that plan.',
    endingSoon: 'Kubernetes {{version}} on {{where}} leaves AKS support on {{end}}, {{days}} days after the scan; plan the upgrade now.',
    defaultVersion:
      'Cluster "{{cluster}}" sets no kubernetesVersion: AKS picks its default version when the cluster is created, so the definition does not say which Kubernetes version runs.',
    staleData:
      'The AKS version calendar aks-gate checked "{{cluster}}" against is {{age}} days old (as of {{asOf}}): support windows may have moved since; update aks-gate.',
  },
  help:
    'AKS supports three Kubernetes minor versions (N-2) for about a year each; after that a version gets no security patches, and ' +
    'AKS eventually upgrades the cluster itself. The rule reads the cluster\'s `kubernetesVersion` (tf: `kubernetes_version`) and each ' +
    'node pool\'s `orchestratorVersion` (tf: `orchestrator_version`) and looks them up in a dated copy of the AKS release calendar: ' +
    'an error when the version is out of support on the day of the scan, a warning within 30 days of its end, or when only the paid ' +
    'Long-Term Support plan still covers it. A pool without its own version follows the control plane. The calendar ships with ' +
    `aks-gate (as of ${AKS_VERSIONS_AS_OF}, from ${AKS_VERSIONS_SOURCE}); a copy older than 120 days is itself reported.`,
  remediation:
    'Set `kubernetesVersion` (tf: `kubernetes_version`) on the cluster and `orchestratorVersion` (tf: `orchestrator_version`) on every ' +
    'node pool to a minor version inside the AKS support window, and set an auto-upgrade channel so the cluster stays there; if a ' +
    'version must outlive community support, enable Long-Term Support (`sku.tier: Premium` and `supportPlan: AKSLongTermSupport`; ' +
    'tf: `sku_tier = "Premium"`, `support_plan = "AKSLongTermSupport"`).',
  references: [
    'https://learn.microsoft.com/azure/aks/supported-kubernetes-versions',
    'https://learn.microsoft.com/azure/aks/long-term-support',
    'https://learn.microsoft.com/azure/aks/upgrade-aks-cluster',
    'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#kubernetes_version',
  ],
  check(cluster, report, context) {
    const today = scanDate();
    let lookedUp = false;

    const checkVersion = (field: Field<string> | undefined, pool: NodePool | undefined): void => {
      const what = pool ? `node pool "${poolName(pool)}" orchestratorVersion` : 'kubernetesVersion';
      const reason = unknownReason(field);
      if (reason !== undefined) return context.notEvaluated(`${what} is ${reason}`);
      const text = known(field);
      // Absent on a pool: the pool runs the control plane's version (AKS sets it at creation); the cluster is checked.
      if (text === undefined || field === undefined) return;
      const status = supportStatus(text, today);
      if (status.status === 'invalid') return context.notEvaluated(`${what} "${text}" is not a Kubernetes version`);
      lookedUp = true;
      const where = pool ? `node pool "${poolName(pool)}" of cluster "${cluster.displayName}"` : `cluster "${cluster.displayName}"`;
      const base = { at: field.at, ...(pool ? { subject: pool } : {}) };
      const emit = (v: Omit<ClusterViolation<MessageId>, 'at'>): void => report({ ...base, ...v });
      switch (status.status) {
        case 'supported':
        case 'newer-than-data':
          return;
        case 'ending-soon':
          return emit({ messageId: 'endingSoon', level: 'warning', data: { version: status.version, where, end: status.endOfSupport, days: status.daysLeft } });
        case 'lts-only':
          // LTS needs the Premium tier: a cluster that is not Premium cannot be on it, so the version is plainly out of support.
          if (!mayBeOnLts(cluster)) return emit({ messageId: 'outOfSupport', data: { version: status.version, where, end: status.endOfSupport } });
          return emit({ messageId: 'ltsOnly', level: 'warning', data: { version: status.version, where, end: status.endOfSupport, ltsEnd: status.ltsEndOfSupport } });
        case 'out-of-support':
          return emit({ messageId: 'outOfSupport', data: { version: status.version, where, end: status.endOfSupport ?? `before ${OLDEST_END}` } });
      }
    };

    if (cluster.kubernetesVersion === undefined) {
      // No version written: AKS uses its default (N-1 at creation) and the definition stops saying what runs.
      report({ messageId: 'defaultVersion', level: 'note', at: cluster.at });
    } else {
      checkVersion(cluster.kubernetesVersion, undefined);
    }
    for (const pool of cluster.nodePools) checkVersion(pool.orchestratorVersion, pool);

    if (lookedUp && isDataStale(today)) {
      const at: SourceLocation = cluster.kubernetesVersion?.at ?? cluster.at;
      report({ messageId: 'staleData', level: 'warning', at, data: { age: dataAgeDays(today), asOf: AKS_VERSIONS_AS_OF } });
    }
  },
});

function poolName(pool: NodePool): string {
  return known(pool.name) ?? pool.displayName;
}

/**
 * Whether the cluster could be on the Long-Term Support plan. LTS requires `sku.tier: Premium`; the model does not
 * carry `supportPlan` (tf `support_plan`) yet, so a Premium (or unresolved) tier is "maybe".
 * An absent tier is AKS's default, Free.
 */
function mayBeOnLts(cluster: AksCluster): boolean {
  if (cluster.skuTier === undefined) return false;
  const tier = known(cluster.skuTier);
  return tier === undefined || tier.toLowerCase() === 'premium';
}
