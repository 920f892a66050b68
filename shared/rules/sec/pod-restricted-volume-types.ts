import { isRecord } from '../../documents/manifest.js';
import { RESTRICTED_VOLUME_SOURCES } from '../data/pod-security-standards.js';
import { defineRule } from '../define-rule.js';
import { listAt } from '../pod-security.js';

/** hostPath is a baseline violation with its own rule (pod-host-path); reporting it twice would be noise. */
const REPORTED_ELSEWHERE = 'hostPath';

export default defineRule({
  id: 'pod-restricted-volume-types',
  checklist: 'SEC-7',
  title: 'Pods use only the volume types the restricted profile allows',
  severity: 'warning',
  evidence: ['workload', 'live'],
  target: 'pod',
  messages: {
    restricted:
      'Volume "{{volume}}" of {{object}} uses the {{type}} volume type; the restricted profile allows only configMap, csi, ' +
      'downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret.',
  },
  help:
    'Inline volume sources such as `azureFile`, `azureDisk`, `nfs`, `gitRepo` or `iscsi` are mounted by the node with whatever ' +
    'credentials and options the pod author writes, bypassing the storage classes and PersistentVolumes an administrator ' +
    'controls; several are deprecated in-tree drivers. The Pod Security Standards restricted profile allows only ' +
    '`configMap`, `csi`, `downwardAPI`, `emptyDir`, `ephemeral`, `image`, `persistentVolumeClaim`, `projected` and `secret`.',
  remediation:
    'Replace the inline volume with a PersistentVolumeClaim (for Azure Disk or Azure Files, through the CSI storage classes ' +
    'AKS provides) or with an `ephemeral` volume; for content from Git, clone it in an init container into an `emptyDir`.',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
    'https://learn.microsoft.com/azure/aks/csi-storage-drivers',
  ],
  check(pod, report) {
    listAt(pod.spec, ['volumes']).forEach((volume, i) => {
      if (!isRecord(volume)) return;
      // A volume with no source at all is defaulted to emptyDir by the API server.
      const sources = Object.keys(volume).filter((key) => key !== 'name' && volume[key] !== null && volume[key] !== undefined);
      if (sources.length === 0 || sources.some((key) => RESTRICTED_VOLUME_SOURCES.has(key) || key === REPORTED_ELSEWHERE)) return;
      const type = sources[0] ?? '';
      const name = typeof volume.name === 'string' ? volume.name : `#${i + 1}`;
      report({ messageId: 'restricted', data: { volume: name, type }, path: [...pod.specPath, 'volumes', i, type] });
    });
  },
});
