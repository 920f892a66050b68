import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'kubernetes-rbac-enabled',
  checklist: 'IAM-2',
  title: 'Kubernetes RBAC is enabled',
  severity: 'error',
  evidence: ['cluster'],
  target: 'cluster',
  messages: {
    disabled: 'AKS cluster "{{cluster}}" has Kubernetes RBAC disabled: every authenticated user can do anything in the cluster.',
  },
  help:
    'Without Kubernetes RBAC the API server authorizes every authenticated request, so no Role, ClusterRole or binding limits ' +
    'what a user or service account can do, and least privilege is impossible. RBAC cannot be turned on after the cluster is created.',
  remediation:
    'Leave `enableRBAC` unset or set it to `true` on the managed cluster (tf: `role_based_access_control_enabled = true`, the default); ' +
    'a cluster created without RBAC has to be recreated.',
  references: [
    'https://learn.microsoft.com/azure/aks/concepts-identity#kubernetes-rbac',
    'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#role_based_access_control_enabled',
  ],
  check(cluster, report, context) {
    const field = cluster.enableRbac;
    // Absent: true, the default of ARM enableRBAC and of tf role_based_access_control_enabled.
    if (field === undefined) return;
    if (!field.value.known) context.notEvaluated(`enableRBAC is ${field.value.reason}`);
    else if (!field.value.value) report({ messageId: 'disabled', at: field.at });
  },
});
