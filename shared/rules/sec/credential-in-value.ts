import { containerLabel, displayName } from '../../documents/container-images.js';
import { isRecord } from '../../documents/manifest.js';
import { defineRule } from '../define-rule.js';
import { DETECTORS, detectCredential } from './credentials.js';

export default defineRule({
  id: 'credential-in-value',
  checklist: 'SEC-6',
  title: 'No credentials in env values or ConfigMaps',
  severity: 'error',
  // A working credential in plain text: critical for code scanning (9.0 and above).
  securitySeverity: 9.0,
  evidence: ['workload'],
  target: 'inventory',
  subjects: 'workloads or ConfigMaps',
  messages: {
    env: '{{container}} in {{object}} sets env var "{{name}}" to a credential in plain text ({{detector}}).',
    configMap: '{{object}} holds a credential in plain text under key "{{name}}" ({{detector}}).',
    configMapSetting: '{{object}} holds a credential in plain text under key "{{name}}", setting "{{setting}}" ({{detector}}).',
  },
  help:
    'A password, key or token written into an env var `value` or a ConfigMap is committed to source control, readable by anyone ' +
    'who can read the repository or `kubectl get` the object, and copied into every rendered chart and pipeline log. ' +
    'aks-gate recognizes known key formats (PEM private keys, AWS access key ids, GitHub and Slack tokens, JWTs), Azure ' +
    'connection strings with `AccountKey=`/`SharedAccessKey=` and SAS signatures, `Password=`/`Pwd=` in connection strings, ' +
    'passwords inside URLs, and random-looking values (Shannon entropy of at least 3 bits per character, 8 characters or more) ' +
    'under secret-like names such as `*_PASSWORD`, `*_SECRET`, `*_TOKEN`, `*_API_KEY`. Obvious stand-ins (`changeme`, ' +
    '`${VAR}`, `$(VAR)`, `<password>`, `#{Var}#`), empty values and `valueFrom` are ignored. The value itself is never reported.',
  remediation:
    'Rotate the exposed credential first, then keep it in Azure Key Vault and mount it with the Secrets Store CSI driver ' +
    '(or reference a Secret with `valueFrom.secretKeyRef`); better still, let the workload authenticate with Microsoft Entra ' +
    'Workload ID so that there is no secret to store.',
  references: [
    'https://learn.microsoft.com/azure/aks/csi-secrets-store-driver',
    'https://learn.microsoft.com/azure/aks/workload-identity-overview',
    'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
  ],
  check(inventory, report) {
    for (const pod of inventory.pods) {
      for (const container of pod.containers) {
        const env = container.body.env;
        if (!Array.isArray(env)) continue;
        env.forEach((entry: unknown, i) => {
          // valueFrom entries hold no value; only a literal `value` can leak one.
          if (!isRecord(entry) || !isScalar(entry.value) || typeof entry.name !== 'string') return;
          const found = detectCredential(entry.name, String(entry.value));
          if (!found) return;
          report({
            object: pod.object,
            messageId: 'env',
            path: [...container.path, 'env', i, 'value'],
            data: { container: containerLabel(container), name: displayName(entry.name), detector: DETECTORS[found.detector] },
          });
        });
      }
    }
    const configMaps = inventory.ofKind('ConfigMap');
    for (const configMap of configMaps) {
      const data = configMap.body.data;
      if (!isRecord(data)) continue;
      for (const [key, value] of Object.entries(data)) {
        if (!isScalar(value)) continue;
        const found = detectCredential(key, String(value));
        if (!found) continue;
        const common = { name: displayName(key), detector: DETECTORS[found.detector] };
        if (found.setting === undefined) report({ object: configMap, messageId: 'configMap', path: ['data', key], data: common });
        else report({ object: configMap, messageId: 'configMapSetting', path: ['data', key], data: { ...common, setting: displayName(found.setting) } });
      }
    }
    return inventory.pods.length > 0 || configMaps.length > 0;
  },
});

/** YAML 1.1 turns unquoted values into numbers and booleans; Kubernetes wants strings, but the text is what was committed. */
function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
