// Recognizes credentials written in plain text in a manifest value (an env var, a ConfigMap entry).
// Pure and value-blind on the way out: a detector says *which kind* of credential it saw, never the
// matched text, so nothing downstream can leak it into a message, a log or SARIF.

export type DetectorId =
  | 'private-key'
  | 'aws-access-key-id'
  | 'github-token'
  | 'slack-token'
  | 'jwt'
  | 'azure-storage-account-key'
  | 'azure-shared-access-key'
  | 'azure-sas-token'
  | 'connection-string-password'
  | 'url-password'
  | 'high-entropy-secret';

/** How messages name each detector. */
export const DETECTORS: Readonly<Record<DetectorId, string>> = {
  'private-key': 'a PEM private key',
  'aws-access-key-id': 'an AWS access key id',
  'github-token': 'a GitHub token',
  'slack-token': 'a Slack token or webhook',
  jwt: 'a JSON Web Token',
  'azure-storage-account-key': 'an Azure Storage connection string with AccountKey=',
  'azure-shared-access-key': 'an Azure Service Bus, Event Hubs or IoT Hub connection string with SharedAccessKey=',
  'azure-sas-token': 'an Azure shared access signature (sig=)',
  'connection-string-password': 'a connection string with Password= or Pwd=',
  'url-password': 'a URL with a password in it',
  'high-entropy-secret': 'a random-looking value under a secret-like name',
};

export interface Detection {
  readonly detector: DetectorId;
  /** For a file held in one value (`appsettings.json`, `application.properties`): the setting that holds it. */
  readonly setting?: string;
}

/** Shannon entropy (bits per character) at or above which a value under a secret-like name is taken as a secret. */
export const HIGH_ENTROPY_BITS_PER_CHAR = 3.0;
/** Shorter values are too short for entropy to tell a secret from a word. */
export const MIN_SECRET_LENGTH = 8;

const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]{0,300}?[A-Za-z0-9+/]{32,}/;
/** Long-term (AKIA) and temporary (ASIA) key ids; AWS's documentation examples end in EXAMPLE. */
const AWS_ACCESS_KEY_ID = /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g;
const GITHUB_TOKEN = /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})\b/;
const SLACK_TOKEN = /\bxox[abposr]-[A-Za-z0-9-]{10,}|https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{16,}/;
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/;
const ACCOUNT_KEY = /AccountKey\s*=\s*[A-Za-z0-9+/]{20,}={0,2}/i;
/** The storage emulator's account: its key is published in the Azurite documentation, not a secret. */
const EMULATOR_ACCOUNT = /AccountName\s*=\s*devstoreaccount1|UseDevelopmentStorage\s*=\s*true/i;
const SHARED_ACCESS_KEY = /SharedAccessKey\s*=\s*[A-Za-z0-9+/]{20,}={0,2}/i;
const SAS_SIGNATURE = /(?:^|[?&;])sig=[A-Za-z0-9%+/=]{20,}/;
const SAS_VERSION = /(?:^|[?&;=])s[vpe]=/;
/** `Password=` / `Pwd=` starting a connection string part, a JDBC URL parameter, or a line of a .properties/.env file. */
const PASSWORD_SETTING = /(?:^|[;\s"'{?&])(?:password|pwd)\s*=\s*([^;&\r\n]*)/gim;
/** `scheme://user:password@host`; the user may be empty (`redis://:password@redis:6379`). */
const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:([^\s@/]+)@/gi;
/** `name = value` / `name: value` / `"name": "value"` lines inside a file held in one value. */
const ASSIGNMENT = /^[ \t]*["']?([A-Za-z_][\w.-]{0,100})["']?[ \t]*[:=][ \t]*["']?([^"'\s,;]+)["']?[ \t]*,?[ \t]*$/gm;

/** Words that make a name secret-like, matched as whole words of the name (`DB_PASSWORD`, `apiKey`, `client-secret`). */
const SECRET_WORDS = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase', 'secret', 'token', 'apikey', 'key', 'credential', 'credentials', 'privatekey', 'accesskey', 'secretkey', 'auth']);
/** Squashed spellings that hide the word boundary (`APIKEY`, `clientsecret`, `dbpassword`). */
const SECRET_SUBSTRINGS = ['password', 'passwd', 'secret', 'token', 'apikey', 'accesskey', 'privatekey', 'credential'];
/** A name with one of these words names something public. */
const PUBLIC_WORDS = new Set(['public', 'pub']);
/** A name ending in one of these describes a secret (where it is, how long it lives) rather than holding it. */
const DESCRIPTIVE_LAST_WORDS = new Set([
  'name', 'names', 'file', 'files', 'path', 'dir', 'directory', 'url', 'uri', 'endpoint', 'host', 'hostname', 'port', 'id', 'ids',
  'type', 'kind', 'mode', 'header', 'length', 'size', 'ttl', 'timeout', 'expiry', 'expiration', 'expires', 'lifetime', 'enabled',
  'enable', 'disabled', 'required', 'ref', 'issuer', 'audience', 'scope', 'scopes', 'version', 'region', 'format', 'policy',
  'provider', 'store', 'vault', 'location', 'prefix', 'suffix', 'count', 'min', 'max', 'algorithm', 'alg', 'rotation', 'interval',
  'field', 'user', 'username', 'login', 'method', 'class', 'backend', 'source', 'mount', 'env', 'label', 'selector', 'secretname',
]);

/** Whole values that stand for a secret rather than being one. */
const PLACEHOLDER_WORDS = new Set([
  'changeme', 'changeit', 'password', 'passwd', 'pass', 'secret', 'token', 'example', 'sample', 'dummy', 'test', 'testing',
  'placeholder', 'replaceme', 'todo', 'tbd', 'none', 'null', 'nil', 'undefined', 'redacted', 'hidden', 'masked', 'default',
  'mypassword', 'yourpassword', 'username', 'admin', 'guest', 'true', 'false', 'empty', 'notset', 'unset',
]);
/** Fragments that only placeholders contain. */
const PLACEHOLDER_FRAGMENTS = ['changeme', 'change_me', 'change-me', 'example', 'placeholder', 'replace', 'your_', 'your-', 'yourpassword', 'dummy', 'redacted', 'xxxx', '****', '....'];
/** Substitution syntax a later step fills in: `${VAR}`, `$(VAR)` (Kubernetes env expansion), `{{ x }}`, `#{x}#`, `__X__`, `%X%`, `<x>`, `{x}`. */
const SUBSTITUTION = /^(?:\$\{[^}]*\}|\$\([^)]*\)|\{\{[\s\S]*\}\}|#\{[^}]*\}#|__[A-Za-z0-9_]+__|%[A-Za-z0-9_]+%|<[^<>]*>|\{[^{}]*\}|\[[^[\]]*\])$/;
const SUBSTITUTION_INSIDE = /\$\{[^}]*\}|\$\([^)]*\)|\{\{[\s\S]*?\}\}|#\{[^}]*\}#/;

/** True when the whole value is a substitution token a pipeline or template fills in later. */
export function isSubstitution(value: string): boolean {
  return SUBSTITUTION.test(value.trim()) || SUBSTITUTION_INSIDE.test(value);
}

/** Empty, a substitution token, an obvious stand-in word, or one character repeated. */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim().replace(/^["']|["']$/g, '');
  if (trimmed === '' || isSubstitution(trimmed)) return true;
  const lower = trimmed.toLowerCase();
  if (PLACEHOLDER_WORDS.has(lower.replace(/[-_\s]/g, ''))) return true;
  if (PLACEHOLDER_FRAGMENTS.some((fragment) => lower.includes(fragment))) return true;
  return /^(.)\1*$/.test(trimmed);
}

/** Shannon entropy of the characters of a value, in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Splits `DB_PASSWORD`, `dbPassword`, `db-password`, `db.password` into lower-case words. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase());
}

/** Whether a name says its value is a secret: a secret word in it, and not a name that only describes one. */
export function isSecretLikeName(name: string): boolean {
  const words = nameWords(name);
  const last = words.at(-1);
  if (last === undefined || DESCRIPTIVE_LAST_WORDS.has(last) || words.some((w) => PUBLIC_WORDS.has(w))) return false;
  if (words.some((w) => SECRET_WORDS.has(w))) return true;
  const squashed = words.join('');
  return SECRET_SUBSTRINGS.some((s) => squashed.includes(s));
}

/** A value that reads as configuration rather than a random secret. */
function looksLikeConfiguration(value: string): boolean {
  return (
    value.length < MIN_SECRET_LENGTH ||
    /\s/.test(value) ||
    /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || // a URL (passwords in URLs are url-password's)
    /^(?:\/|[A-Za-z]:\\|\.\.?\/)/.test(value) || // a file path
    /^[+-]?\d+(?:\.\d+)?[a-z]{0,2}$/i.test(value) || // a number, a duration, a size
    // Words, each with at most a short number: azure-keyvault, kv-prod-westeu-01, user-sessions-v2, HS256.
    /^[a-z]+\d{0,3}(?:[-_./](?:[a-z]+\d{0,3}|\d{1,4}))*$/.test(value) ||
    /^[A-Z]+\d{0,3}(?:[-_.](?:[A-Z]+\d{0,3}|\d{1,4}))*$/.test(value)
  );
}

/** A random-looking value under a secret-like name. */
function highEntropySecret(name: string, value: string): boolean {
  const trimmed = value.trim();
  return isSecretLikeName(name) && !isPlaceholder(trimmed) && !looksLikeConfiguration(trimmed) && shannonEntropy(trimmed) >= HIGH_ENTROPY_BITS_PER_CHAR;
}

function hasRealPassword(pattern: RegExp, value: string): boolean {
  for (const match of value.matchAll(pattern)) {
    const password = match[1]?.trim() ?? '';
    if (!isPlaceholder(password)) return true;
  }
  return false;
}

/** The formats that give themselves away whatever their name, most specific first. */
const FORMAT_DETECTORS: readonly (readonly [DetectorId, (value: string) => boolean])[] = [
  ['private-key', (v) => PRIVATE_KEY.test(v)],
  ['aws-access-key-id', (v) => [...v.matchAll(AWS_ACCESS_KEY_ID)].some((m) => !m[0].endsWith('EXAMPLE'))],
  ['github-token', (v) => GITHUB_TOKEN.test(v)],
  ['slack-token', (v) => SLACK_TOKEN.test(v)],
  ['jwt', (v) => JWT.test(v)],
  ['azure-storage-account-key', (v) => ACCOUNT_KEY.test(v) && !EMULATOR_ACCOUNT.test(v)],
  ['azure-shared-access-key', (v) => SHARED_ACCESS_KEY.test(v)],
  ['azure-sas-token', (v) => SAS_SIGNATURE.test(v) && SAS_VERSION.test(v)],
  ['connection-string-password', (v) => hasRealPassword(PASSWORD_SETTING, v)],
  ['url-password', (v) => hasRealPassword(URL_CREDENTIALS, v)],
];

/**
 * The kind of credential `value` holds, if any. `name` is the env var or ConfigMap key; a multi-line
 * value is also read as a file of `name = value` settings, each judged by its own name.
 */
export function detectCredential(name: string, value: string): Detection | undefined {
  for (const [detector, test] of FORMAT_DETECTORS) if (test(value)) return { detector };
  if (!value.includes('\n')) return highEntropySecret(name, value) ? { detector: 'high-entropy-secret' } : undefined;
  for (const match of value.matchAll(ASSIGNMENT)) {
    const [, setting = '', settingValue = ''] = match;
    if (highEntropySecret(setting, settingValue)) return { detector: 'high-entropy-secret', setting };
  }
  return undefined;
}
