import { isRecord } from '../../documents/manifest.js';
import { defineRule } from '../define-rule.js';
import { listAt } from '../pod-security.js';

export default defineRule({
  id: 'pod-host-path',
  checklist: 'SEC-7',
  title: 'Pods do not mount hostPath volumes',
  severity: 'error',
  evidence: ['workload', 'live'],
  target: 'pod',
  messages: {
    hostPath: 'Volume "{{volume}}" of {{object}} mounts the node\'s path "{{path}}" (hostPath).',
  },
  help:
    "A `hostPath` volume puts a directory or file of the node into the pod. Mounting `/`, `/etc`, `/var/lib/kubelet` or the " +
    'container runtime socket is a direct path to root on the node, and even a harmless-looking path can be written to escape ' +
    'the container. The Pod Security Standards baseline profile forbids every hostPath volume.',
  remediation:
    'Replace the hostPath volume with an `emptyDir`, a `configMap`/`secret`, or a PersistentVolumeClaim backed by Azure Disk or ' +
    'Azure Files (CSI). Node agents that must read host paths belong in a separate, explicitly exempted namespace.',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
    'https://learn.microsoft.com/azure/aks/concepts-storage',
  ],
  check(pod, report) {
    listAt(pod.spec, ['volumes']).forEach((volume, i) => {
      if (!isRecord(volume) || !isRecord(volume.hostPath)) return;
      const name = typeof volume.name === 'string' ? volume.name : `#${i + 1}`;
      const hostPath = typeof volume.hostPath.path === 'string' ? volume.hostPath.path : '(no path)';
      report({ messageId: 'hostPath', data: { volume: name, path: hostPath }, path: [...pod.specPath, 'volumes', i, 'hostPath'] });
    });
  },
});
