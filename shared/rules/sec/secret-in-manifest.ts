import { displayName } from '../../documents/container-images.js';
import { isRecord } from '../../documents/manifest.js';
import { defineRule } from '../define-rule.js';
import { isSubstitution } from './credentials.js';

const FIELDS = ['data', 'stringData'] as const;
/** Enough key names to find the entries; the rest are counted. */
const MAX_LISTED_KEYS = 10;

export default defineRule({
  id: 'secret-in-manifest',
  checklist: 'SEC-6',
  title: 'No Secret values committed in manifests',
  severity: 'error',
  evidence: ['workload'],
  target: 'object',
  kinds: ['Secret'],
  messages: {
    committed: '{{object}} commits {{count}} in {{field}} ({{keys}}); Secret values do not belong in source control.',
  },
  help:
    'A `Secret` with `data` or `stringData` in a manifest puts the secret itself in the repository: `data` is only base64, ' +
    'which anyone can decode, and the value stays in the history after it is removed. Secrets should come from a store made ' +
    'for them at deploy time. Entries that are empty, or that hold only a placeholder a pipeline fills in (`${VAR}`, ' +
    '`#{Var}#`, `{{ .Values.x }}`), commit nothing and pass. Only the key names are reported, never a value.',
  remediation:
    'Rotate the committed values, remove the Secret from the repository, and deliver it from Azure Key Vault with the Secrets ' +
    'Store CSI driver (a SecretProviderClass, optionally synced to a Kubernetes Secret) or with External Secrets; if a Secret ' +
    'must live in Git, commit it encrypted (Sealed Secrets, SOPS).',
  references: [
    'https://learn.microsoft.com/azure/aks/csi-secrets-store-driver',
    'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
  ],
  check(secret, report) {
    for (const field of FIELDS) {
      const entries = secret.body[field];
      if (!isRecord(entries)) continue;
      const keys = Object.entries(entries)
        .filter(([, value]) => committedValue(value))
        .map(([key]) => displayName(key));
      if (keys.length === 0) continue;
      const listed = keys.slice(0, MAX_LISTED_KEYS).join(', ') + (keys.length > MAX_LISTED_KEYS ? ` and ${keys.length - MAX_LISTED_KEYS} more` : '');
      report({ messageId: 'committed', path: [field], data: { count: keys.length === 1 ? '1 value' : `${keys.length} values`, field, keys: listed } });
    }
  },
});

/** A value was committed unless it is empty (`key:` or `""`) or only a placeholder filled in at deploy time. */
function committedValue(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  return text.trim() !== '' && !isSubstitution(text);
}
