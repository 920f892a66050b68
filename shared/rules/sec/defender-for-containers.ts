import { known, unknownReason } from '../../documents/cluster/model.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'defender-for-containers',
  checklist: 'SEC-7',
  title: 'AKS cluster enables Microsoft Defender for Containers',
  severity: 'warning',
  evidence: ['cluster'],
  target: 'cluster',
  messages: {
    notEnabled:
      'Cluster "{{cluster}}" does not enable Microsoft Defender for Containers (securityProfile.defender): no runtime threat detection runs on its nodes.',
  },
  help:
    'Microsoft Defender for Containers watches the cluster at run time (suspicious processes, crypto-mining, privilege escalation, ' +
    'known attack tools) and assesses images and configuration. The cluster turns its sensor on with `securityProfile.defender` ' +
    '(`securityMonitoring.enabled` and a Log Analytics workspace; tf: `microsoft_defender { log_analytics_workspace_id = ... }`). ' +
    'The Defender plan can also be switched on for a whole subscription in Defender for Cloud, which a cluster definition does not show: ' +
    'if that is how it is done, lower this rule\'s level.',
  remediation:
    'Set `securityProfile.defender.securityMonitoring.enabled: true` with `securityProfile.defender.logAnalyticsWorkspaceResourceId` ' +
    '(tf: a `microsoft_defender { log_analytics_workspace_id = ... }` block), with the Defender for Containers plan enabled on the subscription.',
  references: [
    'https://learn.microsoft.com/azure/defender-for-cloud/defender-for-containers-introduction',
    'https://learn.microsoft.com/azure/defender-for-cloud/defender-for-containers-enable-plan',
    'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#microsoft_defender',
  ],
  check(cluster, report, context) {
    const field = cluster.defender;
    const reason = unknownReason(field);
    if (reason !== undefined) return context.notEvaluated(`securityProfile.defender is ${reason}`);
    // Absent: the cluster's Defender sensor is off unless the profile turns it on (a subscription-wide plan is not visible here).
    if (known(field) !== true) report({ messageId: 'notEnabled', at: field?.at ?? cluster.at });
  },
});
