import { effectiveNamespace } from '../../documents/manifest.js';
import { defineRule } from '../define-rule.js';

const AUTOMOUNT = 'automountServiceAccountToken';
/** The ServiceAccount a pod runs as when it names none. */
const DEFAULT_SERVICE_ACCOUNT = 'default';

export default defineRule({
  id: 'pod-service-account-token',
  checklist: 'SEC-7',
  title: 'Pods do not get a service account token they did not ask for',
  severity: 'warning',
  evidence: ['workload', 'live'],
  target: 'inventory',
  subjects: 'workloads (Pods, Deployments, StatefulSets, DaemonSets, Jobs, CronJobs)',
  messages: {
    automounted:
      '{{object}} gets a Kubernetes API token mounted by default (ServiceAccount "{{serviceAccount}}"); set ' +
      'automountServiceAccountToken: false unless it calls the Kubernetes API.',
  },
  help:
    'Unless the pod or its ServiceAccount says `automountServiceAccountToken: false`, Kubernetes mounts a token for the pod\'s ' +
    'ServiceAccount into every container. Most applications never call the Kubernetes API, so the token is only useful to an ' +
    'attacker who gets into the container: with it they can act as the ServiceAccount against the API server. This rule ' +
    'reports pods that receive the token by default; a pod (or ServiceAccount in the inputs) that sets the field to `true` has ' +
    'declared that it needs the API and is not reported. Workload identity for Azure does not need this token: its webhook ' +
    'projects its own.',
  remediation:
    'Set `automountServiceAccountToken: false` in the pod spec (or on its ServiceAccount). For workloads that do call the ' +
    'Kubernetes API, give them their own ServiceAccount with least-privilege RBAC and set the field to `true` to say so.',
  references: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
    'https://kubernetes.io/docs/concepts/security/service-accounts/',
    'https://learn.microsoft.com/azure/aks/operator-best-practices-cluster-security',
  ],
  check(inventory, report) {
    for (const pod of inventory.pods) {
      // The pod's own setting wins over its ServiceAccount's; either `false` or `true` is a decision someone made.
      if (typeof pod.spec[AUTOMOUNT] === 'boolean') continue;
      const name = serviceAccountOf(pod.spec);
      const account = inventory.find('ServiceAccount', effectiveNamespace(pod.object), name);
      if (account !== undefined && typeof account.body[AUTOMOUNT] === 'boolean') continue;
      report({ object: pod.object, messageId: 'automounted', data: { serviceAccount: name }, path: pod.specPath });
    }
    return inventory.pods.length > 0;
  },
});

function serviceAccountOf(spec: Readonly<Record<string, unknown>>): string {
  // `serviceAccount` is the deprecated alias Kubernetes still honours when `serviceAccountName` is empty.
  for (const key of ['serviceAccountName', 'serviceAccount']) {
    const value = spec[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return DEFAULT_SERVICE_ACCOUNT;
}
