import { isRecord } from '../../documents/manifest.js';
import { safeSysctls } from '../data/pod-security-standards.js';
import { defineRule } from '../define-rule.js';
import { listAt, podSetting } from '../pod-security.js';

export default defineRule({
  id: 'pod-unsafe-sysctls',
  checklist: 'SEC-7',
  title: 'Pods set only safe sysctls',
  severity: 'error',
  evidence: ['workload', 'live'],
  target: 'pod',
  messages: {
    unsafe: '{{object}} sets the sysctl {{sysctl}}, which is not in the safe set for Kubernetes {{version}}.',
  },
  help:
    'A sysctl set in `securityContext.sysctls` changes a kernel parameter. Only a small set is namespaced so that the change ' +
    'stays inside the pod; the others affect the whole node, every other pod on it, or can switch off kernel protections. The ' +
    'Pod Security Standards baseline profile allows only that safe set, which grew in Kubernetes 1.27, 1.29, 1.32 and 1.37: the list ' +
    'checked is the one of the configured target version.',
  remediation:
    'Remove the sysctl from the pod. If the workload really needs a node-wide kernel setting, set it on the node pool ' +
    '(AKS custom node configuration, `linuxOSConfig.sysctls`) instead of from a pod.',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/',
    'https://learn.microsoft.com/azure/aks/custom-node-configuration',
  ],
  check(pod, report, settings) {
    const sysctls = podSetting(pod, ['sysctls']);
    if (sysctls === undefined) return;
    const safe = safeSysctls(settings.kubernetesVersion);
    const version = `${settings.kubernetesVersion.major}.${settings.kubernetesVersion.minor}`;
    listAt(sysctls.value, []).forEach((sysctl, i) => {
      const name = isRecord(sysctl) ? sysctl.name : undefined;
      if (typeof name !== 'string' || safe.has(name)) return;
      report({ messageId: 'unsafe', data: { sysctl: name, version }, path: [...sysctls.path, i, 'name'] });
    });
  },
});
