// What a scanner's result means for the gate (CHECKLIST.md SEC-4, SEC-6). Pure: the scan date is
// passed in, so an ignore entry expires the same way in a test as on a runner.
//
// Default levels:
//   error    a vulnerability at or above the threshold (default: high) that has a fix;
//            a base OS past its end of support; a secret inside the image (SEC-6)
//   warning  critical, high or medium without a fix, or with a fix but below the threshold
//   note     low, negligible and unknown severities

import { parseImageReference } from '../documents/image-ref.js';
import { ConfigurationError } from '../errors.js';
import type { Level } from '../levels.js';
import type { MergedImageReport } from './merge.js';
import { severityRank, type ImageSecret, type Severity, type Vulnerability } from './report.js';

export const EOSL_RULE_ID = 'image-os-end-of-support';
export const IMAGE_SECRET_RULE_PREFIX = 'image-secret/';

export interface IgnoreEntry {
  /** A vulnerability id or alias (CVE-…, GHSA-…), `image-os-end-of-support`, or `image-secret/<Trivy rule id>`. */
  readonly id: string;
  /** Narrows the entry to one image: `nginx` (any tag of that repository) or `nginx:1.25` / `…@sha256:…` (exactly that). */
  readonly image?: string;
  /** Narrows the entry to one package name (or, for a secret, the file inside the image). */
  readonly package?: string;
  /** Why it is accepted; required, so an ignore list documents itself. */
  readonly reason: string;
  /** YYYY-MM-DD: the entry applies through that day (UTC) and is reported as expired after it. */
  readonly expires?: string;
}

export interface ImagePolicy {
  /** The lowest severity that is an error when a fix exists. */
  readonly threshold: Severity;
  /** Drop vulnerabilities that have no fix. */
  readonly ignoreUnfixed: boolean;
  readonly ignore: readonly IgnoreEntry[];
}

export const DEFAULT_IMAGE_POLICY: ImagePolicy = { threshold: 'high', ignoreUnfixed: false, ignore: [] };

export function hasFix(v: Vulnerability): boolean {
  return v.fixedVersions.length > 0;
}

export function vulnerabilityLevel(v: Vulnerability, policy: Pick<ImagePolicy, 'threshold'>): Level {
  if (hasFix(v) && severityRank(v.severity) <= severityRank(policy.threshold)) return 'error';
  return severityRank(v.severity) <= severityRank('medium') ? 'warning' : 'note';
}

/** What is being decided: the rule id (a vulnerability id) and what an entry can narrow it by. */
export interface IgnoreSubject {
  readonly id: string;
  readonly aliases?: readonly string[];
  /** Normalized image reference. */
  readonly image: string;
  readonly package?: string;
}

/** The scan date as YYYY-MM-DD (UTC), the form `expires` is written in. */
export function scanDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function isExpired(entry: IgnoreEntry, today: Date): boolean {
  return entry.expires !== undefined && entry.expires < scanDay(today);
}

/** Entries past their date: they no longer apply, and the run says so. */
export function expiredIgnores(policy: ImagePolicy, today: Date): IgnoreEntry[] {
  return policy.ignore.filter((entry) => isExpired(entry, today));
}

/** The first entry that still applies to the subject. */
export function findIgnore(subject: IgnoreSubject, policy: ImagePolicy, today: Date): IgnoreEntry | undefined {
  return policy.ignore.find(
    (entry) =>
      !isExpired(entry, today) &&
      (entry.id === subject.id || (subject.aliases ?? []).includes(entry.id)) &&
      (entry.image === undefined || imageMatches(entry.image, subject.image)) &&
      (entry.package === undefined || entry.package === subject.package),
  );
}

/** `nginx` matches every tag of docker.io/library/nginx; `nginx:1.25` matches only that tag. */
function imageMatches(pattern: string, image: string): boolean {
  const wanted = parseImageReference(pattern);
  const actual = parseImageReference(image);
  if (!wanted.ok || !actual.ok) return pattern === image;
  const w = wanted.reference;
  if (w.tag === undefined && w.digest === undefined) return w.name === actual.reference.name;
  return w.normalized === actual.reference.normalized;
}

export interface PolicyOutcome {
  /** Most severe first, as the merged report orders them. */
  readonly reported: readonly { readonly vulnerability: Vulnerability; readonly level: Level }[];
  readonly ignored: readonly { readonly vulnerability: Vulnerability; readonly entry: IgnoreEntry }[];
  /** Left out by `ignoreUnfixed`. */
  readonly unfixed: readonly Vulnerability[];
  /** Set when the base OS is past end of support and no entry ignores it: always an error. */
  readonly endOfSupport: boolean;
  /** Secrets inside the image, each an error of SEC-6. */
  readonly secrets: readonly ImageSecret[];
  readonly ignoredSecrets: number;
}

export function applyImagePolicy(report: MergedImageReport, image: string, policy: ImagePolicy, today: Date): PolicyOutcome {
  const reported: { vulnerability: Vulnerability; level: Level }[] = [];
  const ignored: { vulnerability: Vulnerability; entry: IgnoreEntry }[] = [];
  const unfixed: Vulnerability[] = [];
  for (const vulnerability of report.vulnerabilities) {
    const entry = findIgnore({ id: vulnerability.id, aliases: vulnerability.aliases, image, package: vulnerability.package.name }, policy, today);
    if (entry !== undefined) ignored.push({ vulnerability, entry });
    else if (policy.ignoreUnfixed && !hasFix(vulnerability)) unfixed.push(vulnerability);
    else reported.push({ vulnerability, level: vulnerabilityLevel(vulnerability, policy) });
  }
  const secrets = report.secrets.filter((s) => findIgnore({ id: secretRuleId(s), aliases: [s.ruleId], image, package: s.target }, policy, today) === undefined);
  return {
    reported,
    ignored,
    unfixed,
    endOfSupport: report.os?.endOfSupport === true && findIgnore({ id: EOSL_RULE_ID, image }, policy, today) === undefined,
    secrets,
    ignoredSecrets: report.secrets.length - secrets.length,
  };
}

export function secretRuleId(secret: Pick<ImageSecret, 'ruleId'>): string {
  return `${IMAGE_SECRET_RULE_PREFIX}${secret.ruleId}`;
}

// ── Reading the policy from a configuration ────────────────────────────────────────────────────────

const ENTRY_KEYS = ['id', 'image', 'package', 'reason', 'expires'];
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The `ignore:` list of a configuration file; every mistake is a ConfigurationError naming the entry. */
export function parseIgnoreList(value: unknown, where: string): IgnoreEntry[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ConfigurationError(`${where} must be a list of entries with id, reason and optionally image, package, expires`);
  return value.map((item: unknown, i) => parseIgnoreEntry(item, `${where}[${i}]`));
}

function parseIgnoreEntry(item: unknown, where: string): IgnoreEntry {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new ConfigurationError(`${where} must be a mapping with id and reason`);
  const record = item as Record<string, unknown>;
  const extra = Object.keys(record).find((k) => !ENTRY_KEYS.includes(k));
  if (extra !== undefined) throw new ConfigurationError(`${where}: unknown key "${extra}" (expected ${ENTRY_KEYS.join(', ')})`);
  const text = (key: string, required: boolean): string | undefined => {
    const v = record[key];
    if (v === undefined || v === null) {
      if (required) throw new ConfigurationError(`${where}: "${key}" is required`);
      return undefined;
    }
    if (typeof v !== 'string' || v.trim() === '') throw new ConfigurationError(`${where}: "${key}" must be a non-empty string`);
    return v.trim();
  };
  const id = text('id', true) ?? '';
  const image = text('image', false);
  if (image !== undefined && !parseImageReference(image).ok) throw new ConfigurationError(`${where}: "image" is not a valid image reference`);
  const pkg = text('package', false);
  const expires = readDay(record.expires, where);
  return { id, reason: text('reason', true) ?? '', ...(image === undefined ? {} : { image }), ...(pkg === undefined ? {} : { package: pkg }), ...(expires === undefined ? {} : { expires }) };
}

/** YAML 1.1 reads an unquoted 2025-06-30 as a timestamp; a quoted one stays a string. Both are accepted. */
function readDay(value: unknown, where: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = value instanceof Date && !Number.isNaN(value.getTime()) ? scanDay(value) : typeof value === 'string' ? value.trim() : undefined;
  const match = text === undefined ? null : DAY.exec(text);
  const date = match === null ? undefined : new Date(`${text}T00:00:00Z`);
  if (date === undefined || Number.isNaN(date.getTime()) || scanDay(date) !== text) {
    throw new ConfigurationError(`${where}: "expires" must be a date written YYYY-MM-DD`);
  }
  return text;
}
