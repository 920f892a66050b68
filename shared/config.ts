// The one typed configuration every adapter produces. `parseConfig` is pure: adapters hand it a
// function that reads an input by its canonical (kebab-case) name, and it validates everything once.
// A wrong value fails with one line that names the input.

import { ConfigurationError } from './errors.js';
import { FAIL_ON, isLevel, type FailOn, type Level } from './levels.js';
import { parseKubernetesVersion, type KubernetesVersion } from './rules/data/kubernetes-apis.js';

/** Every input, with its meaning and default: the source of action.yml, task.json and the CLI's flags. */
export const INPUTS = {
  path: { description: 'Files or directories to scan, one per line ("-" reads manifests, e.g. `helm template` output, from standard input).', default: '.' },
  exclude: { description: 'Glob patterns of paths not to scan, one per line (node_modules and .git are always skipped).', default: '' },
  'fail-on': { description: 'Fail when a finding is at or above this level: error, warning, note, or never.', default: 'error' },
  'sarif-file': { description: 'Where to write the SARIF 2.1.0 report.', default: '' },
  'summary-file': { description: 'Where to write the Markdown summary.', default: '' },
  'json-file': { description: 'Where to write the JSON report.', default: '' },
  'kubernetes-version': { description: 'Target Kubernetes version (e.g. 1.30) for the removed-API check; default: the newest version aks-gate knows.', default: '' },
  'allowed-registries': { description: 'Registries images may come from, one per line or comma-separated (e.g. *.azurecr.io); empty allows any.', default: '' },
  'max-file-size': { description: 'Skip (and report) files larger than this, e.g. 10MiB.', default: '10MiB' },
  config: { description: 'A YAML file with rule overrides (rules: {rule-id: off|error|warning|note}) and allowed registries.', default: '' },
  parameters: { description: 'ARM parameters files for the templates scanned, one per line (default: <template>.parameters.json beside each template).', default: '' },
  'var-file': { description: 'Terraform variable files, one per line, applied after terraform.tfvars and *.auto.tfvars.', default: '' },
  scanners: { description: 'Image scanners to run: auto (whichever of Trivy and Grype is installed), trivy, grype, "trivy,grype", or none.', default: 'auto' },
  image: { description: 'More images to scan besides those the manifests use, one per line.', default: '' },
  'image-file': { description: 'A file listing more images to scan, one per line (# comments allowed).', default: '' },
  'vulnerability-threshold': { description: 'Lowest severity of a fixable vulnerability that is an error: critical, high, medium or low.', default: 'high' },
  'ignore-unfixed': { description: 'Leave out vulnerabilities that have no fix yet: true or false.', default: 'false' },
  'trivy-path': { description: 'The Trivy executable (default: trivy on PATH).', default: '' },
  'grype-path': { description: 'The Grype executable (default: grype on PATH).', default: '' },
  'trivy-server': { description: 'URL of a Trivy server (client/server mode); the server keeps the vulnerability database.', default: '' },
  'trivy-cache-dir': { description: "Trivy's cache directory (its vulnerability database), for pipelines that cache it.", default: '' },
  'grype-cache-dir': { description: "Grype's database directory, for pipelines that cache it.", default: '' },
  'scan-cache-dir': {
    description: 'A directory where scan results are kept between runs (cache it in the pipeline); results are reused only for images pinned by digest, with the same scanner version and database.',
    default: '',
  },
  'scan-timeout': { description: 'Seconds one scanner may take on one image before it is stopped.', default: '300' },
  'scan-concurrency': { description: 'Scanner processes at once (default: the number of CPUs).', default: '' },
  offline: { description: 'Use the cached vulnerability databases as they are, with no download: true or false.', default: 'false' },
} as const;

export type InputName = keyof typeof INPUTS;

export interface Config {
  readonly paths: readonly string[];
  readonly exclude: readonly string[];
  readonly failOn: FailOn;
  readonly sarifFile: string | undefined;
  readonly summaryFile: string | undefined;
  readonly jsonFile: string | undefined;
  readonly kubernetesVersion: KubernetesVersion | undefined;
  readonly allowedRegistries: readonly string[];
  readonly maxFileSize: number;
  readonly configFile: string | undefined;
  readonly parameterFiles: readonly string[];
  readonly varFiles: readonly string[];
  readonly images: ImageConfig;
}

export const SEVERITY_THRESHOLDS = ['critical', 'high', 'medium', 'low'] as const;
export type SeverityThreshold = (typeof SEVERITY_THRESHOLDS)[number];

export interface ImageConfig {
  /** Which scanners; 'auto' = whichever is installed; [] = none (image scanning off). */
  readonly scanners: readonly ('trivy' | 'grype')[] | 'auto';
  readonly extraImages: readonly string[];
  readonly imageFile: string | undefined;
  readonly threshold: SeverityThreshold;
  readonly ignoreUnfixed: boolean;
  readonly trivyPath: string | undefined;
  readonly grypePath: string | undefined;
  readonly trivyServer: string | undefined;
  readonly trivyCacheDir: string | undefined;
  readonly grypeCacheDir: string | undefined;
  /** Scan results kept between runs (scanners/result-cache.ts). */
  readonly resultCacheDir: string | undefined;
  readonly timeoutMs: number;
  readonly concurrency: number | undefined;
  readonly offline: boolean;
}

export function parseConfig(read: (name: InputName) => string | undefined): Config {
  const value = (name: InputName): string => (read(name) ?? '').trim() || INPUTS[name].default;
  const optional = (name: InputName): string | undefined => value(name) || undefined;

  const failOn = value('fail-on');
  if (!(FAIL_ON as readonly string[]).includes(failOn)) {
    throw new ConfigurationError(`fail-on must be one of ${FAIL_ON.join(', ')} (got "${failOn}")`);
  }
  const versionText = optional('kubernetes-version');
  const kubernetesVersion = versionText === undefined ? undefined : parseKubernetesVersion(versionText);
  if (versionText !== undefined && kubernetesVersion === undefined) {
    throw new ConfigurationError(`kubernetes-version must look like 1.30 (got "${versionText}")`);
  }
  return {
    paths: lines(value('path')),
    exclude: lines(value('exclude')),
    failOn: failOn as FailOn,
    sarifFile: optional('sarif-file'),
    summaryFile: optional('summary-file'),
    jsonFile: optional('json-file'),
    kubernetesVersion,
    allowedRegistries: lines(value('allowed-registries')).flatMap((l) => l.split(',')).map((s) => s.trim()).filter(Boolean),
    maxFileSize: parseSize(value('max-file-size')),
    configFile: optional('config'),
    parameterFiles: lines(value('parameters')),
    varFiles: lines(value('var-file')),
    images: parseImageConfig(value, optional),
  };
}

function parseImageConfig(value: (name: InputName) => string, optional: (name: InputName) => string | undefined): ImageConfig {
  const scannerText = value('scanners').toLowerCase();
  let scanners: ImageConfig['scanners'];
  if (scannerText === 'auto') scanners = 'auto';
  else if (scannerText === 'none') scanners = [];
  else {
    const names = scannerText.split(/[\s,]+/).filter(Boolean);
    const wrong = names.find((n) => n !== 'trivy' && n !== 'grype');
    if (wrong !== undefined || names.length === 0) throw new ConfigurationError(`scanners must be auto, none, trivy, grype or "trivy,grype" (got "${scannerText}")`);
    scanners = [...new Set(names as ('trivy' | 'grype')[])];
  }
  const threshold = value('vulnerability-threshold').toLowerCase();
  if (!(SEVERITY_THRESHOLDS as readonly string[]).includes(threshold)) {
    throw new ConfigurationError(`vulnerability-threshold must be one of ${SEVERITY_THRESHOLDS.join(', ')} (got "${threshold}")`);
  }
  const seconds = positiveNumber(value('scan-timeout'), 'scan-timeout');
  const concurrencyText = optional('scan-concurrency');
  return {
    scanners,
    extraImages: lines(value('image')),
    imageFile: optional('image-file'),
    threshold: threshold as SeverityThreshold,
    ignoreUnfixed: parseBoolean(value('ignore-unfixed'), 'ignore-unfixed'),
    trivyPath: optional('trivy-path'),
    grypePath: optional('grype-path'),
    trivyServer: optional('trivy-server'),
    trivyCacheDir: optional('trivy-cache-dir'),
    grypeCacheDir: optional('grype-cache-dir'),
    resultCacheDir: optional('scan-cache-dir'),
    timeoutMs: seconds * 1000,
    concurrency: concurrencyText === undefined ? undefined : Math.floor(positiveNumber(concurrencyText, 'scan-concurrency')),
    offline: parseBoolean(value('offline'), 'offline'),
  };
}

function parseBoolean(text: string, name: InputName): boolean {
  const lower = text.toLowerCase();
  if (lower === 'true' || lower === 'yes' || lower === '1') return true;
  if (lower === 'false' || lower === 'no' || lower === '0') return false;
  throw new ConfigurationError(`${name} must be true or false (got "${text}")`);
}

function positiveNumber(text: string, name: InputName): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new ConfigurationError(`${name} must be a positive number (got "${text}")`);
  return n;
}

function lines(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1e3, kb: 1e3, kib: 1024, m: 1e6, mb: 1e6, mib: 1024 ** 2, g: 1e9, gb: 1e9, gib: 1024 ** 3 };

export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = UNITS[(match?.[2] ?? '').toLowerCase()];
  if (!match || unit === undefined || Number(match[1]) <= 0) {
    throw new ConfigurationError(`max-file-size must be a size like 10MiB or 5000000 (got "${text}")`);
  }
  return Math.floor(Number(match[1]) * unit);
}

/** What the `config` file may say. */
export interface FileConfig {
  readonly rules: Readonly<Record<string, Level | 'off'>>;
  readonly allowedRegistries: readonly string[];
  readonly exclude: readonly string[];
  /** Image findings to ignore: `{ id, reason, image?, package?, expires? }` entries, validated by the image policy. */
  readonly ignore: unknown;
}

/** Validates a parsed config file against the known rule ids; every mistake names the file and the key. */
export function parseFileConfig(data: unknown, file: string, knownRules: ReadonlySet<string>): FileConfig {
  if (data === null || data === undefined) return { rules: {}, allowedRegistries: [], exclude: [], ignore: undefined };
  if (typeof data !== 'object' || Array.isArray(data)) throw new ConfigurationError(`${file}: expected a mapping with "rules", "allowedRegistries", "exclude" or "ignore"`);
  const { rules = {}, allowedRegistries = [], exclude = [], ignore, ...unknown } = data as Record<string, unknown>;
  const extra = Object.keys(unknown);
  if (extra.length > 0) throw new ConfigurationError(`${file}: unknown key "${extra[0]}" (expected rules, allowedRegistries, exclude, ignore)`);
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) throw new ConfigurationError(`${file}: "rules" must map rule ids to off, error, warning or note`);
  const parsedRules: Record<string, Level | 'off'> = {};
  for (const [id, level] of Object.entries(rules)) {
    if (!knownRules.has(id)) throw new ConfigurationError(`${file}: unknown rule "${id}" (run \`aks-gate rules\` to list them)`);
    // YAML 1.1 reads a bare `off` as false.
    const text = level === false ? 'off' : String(level);
    if (text !== 'off' && !isLevel(text)) throw new ConfigurationError(`${file}: rule "${id}" must be off, error, warning or note (got "${text}")`);
    parsedRules[id] = text;
  }
  return { rules: parsedRules, allowedRegistries: stringList(allowedRegistries, 'allowedRegistries', file), exclude: stringList(exclude, 'exclude', file), ignore };
}

function stringList(value: unknown, key: string, file: string): string[] {
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
    throw new ConfigurationError(`${file}: "${key}" must be a list of strings`);
  }
  return value;
}
