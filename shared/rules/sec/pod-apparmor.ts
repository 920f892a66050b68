import { APPARMOR_ANNOTATION_PREFIX, APPARMOR_LOCALHOST_PREFIX, APPARMOR_RUNTIME_DEFAULT, PROFILE } from '../data/pod-security-standards.js';
import { isRecord } from '../../documents/manifest.js';
import { defineRule } from '../define-rule.js';
import { POD_SUBJECT, containerLabel, containerSetting, podSetting, type Setting } from '../pod-security.js';

const TYPE = ['appArmorProfile', 'type'] as const;

export default defineRule({
  id: 'pod-apparmor',
  checklist: 'SEC-7',
  title: 'Pods do not turn AppArmor off',
  severity: 'error',
  evidence: ['workload', 'live'],
  target: 'pod',
  messages: {
    unconfined: '{{subject}} in {{object}} runs without AppArmor (appArmorProfile type Unconfined).',
    annotation: '{{object}} sets the AppArmor annotation for container "{{container}}" to "{{value}}"; only runtime/default or localhost/<profile> is allowed.',
  },
  help:
    'On nodes with AppArmor (the AKS Ubuntu node images) the container runtime confines every container with its default ' +
    'profile, which blocks writes to ' +
    '`/proc` and `/sys` and mounting filesystems. Setting the profile to `Unconfined`, in the `appArmorProfile` field (Kubernetes ' +
    '1.30 and later) or in the older `container.apparmor.security.beta.kubernetes.io/<container>` annotation, removes that layer. ' +
    'The Pod Security Standards baseline profile allows only the runtime default or a profile loaded on the node (`Localhost`).',
  remediation:
    'Remove the `Unconfined` AppArmor profile (field or annotation) so the runtime default applies, or use a `Localhost` profile ' +
    'tailored to the workload.',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://kubernetes.io/docs/tutorials/security/apparmor/',
    'https://learn.microsoft.com/azure/aks/secure-container-access',
  ],
  check(pod, report) {
    const inspect = (type: Setting | undefined, subject: string): void => {
      if (type?.value === PROFILE.unconfined) report({ messageId: 'unconfined', data: { subject }, path: type.path });
    };
    inspect(podSetting(pod, TYPE), POD_SUBJECT);
    for (const container of pod.containers) inspect(containerSetting(container, TYPE), containerLabel(container));

    const annotations = isRecord(pod.metadata.annotations) ? pod.metadata.annotations : {};
    for (const [key, value] of Object.entries(annotations)) {
      if (!key.startsWith(APPARMOR_ANNOTATION_PREFIX)) continue;
      const profile = typeof value === 'string' ? value : String(value);
      if (profile === '' || profile === APPARMOR_RUNTIME_DEFAULT || profile.startsWith(APPARMOR_LOCALHOST_PREFIX)) continue;
      report({
        messageId: 'annotation',
        data: { container: key.slice(APPARMOR_ANNOTATION_PREFIX.length), value: profile },
        path: [...pod.metadataPath, 'annotations', key],
      });
    }
  },
});
