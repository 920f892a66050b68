// The one shape both image scanners' reports are turned into, so rules never read Trivy or Grype JSON
// directly (STYLE.md: rules read normalized models). Everything here came from a file a scanner wrote
// about someone else's image: every string is capped and stripped of control characters before it
// can reach a log, a SARIF file or a summary.
import { foldLines, stripControl, truncate } from '../output/sanitize.js';

export type ScannerName = 'trivy' | 'grype';

/** Most severe first; the index is the rank used to compare and sort. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'negligible', 'unknown'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Cvss {
  readonly score: number;
  readonly vector?: string;
  /** Who scored it: `nvd`, `redhat`, `ghsa`, `nvd@nist.gov`, a Grype namespace … */
  readonly source?: string;
}

export interface VulnerablePackage {
  readonly name: string;
  /** The installed version; empty when the scanner could not tell. */
  readonly version: string;
  /** Trivy's result Type (`alpine`, `jar`, `gomod`) or Grype's artifact type (`rpm`, `java-archive`). */
  readonly type?: string;
  /** Where in the image: Trivy's PkgPath, Grype's first location. */
  readonly path?: string;
}

export interface Vulnerability {
  /** CVE-…, GHSA-…, GMS-…, ALPINE-… */
  readonly id: string;
  /** Other ids for the same flaw: Grype's relatedVulnerabilities, Trivy's VendorIDs. Never contains `id`. */
  readonly aliases: readonly string[];
  readonly package: VulnerablePackage;
  /** Empty when no fix is known. */
  readonly fixedVersions: readonly string[];
  readonly severity: Severity;
  /** The highest CVSS v3 base score the report gives (v2 scores are not comparable, so they are ignored). */
  readonly cvss?: Cvss;
  /** The scanner's own word: fixed, affected, will_not_fix, end_of_life (Trivy); fixed, not-fixed, wont-fix, unknown (Grype). */
  readonly status?: string;
  readonly title?: string;
  readonly primaryUrl?: string;
  readonly references: readonly string[];
  readonly scanners: readonly ScannerName[];
}

/** A secret Trivy found inside the image. Deliberately has no field that could hold the value or its line. */
export interface ImageSecret {
  readonly ruleId: string;
  readonly category: string;
  readonly severity: Severity;
  readonly title: string;
  /** The file inside the image (or repository) the secret is in. */
  readonly target: string;
  readonly startLine?: number;
}

export interface OperatingSystem {
  /** alpine, debian, redhat, … */
  readonly family: string;
  /** 3.10.2, 9.9, 9.1 (Trivy calls this Name, Grype version). */
  readonly version: string;
  /** True when the scanner says the release is past end of support; absent when it does not say. */
  readonly endOfSupport?: boolean;
}

export interface ImageReport {
  /** The reference as the report names it (Trivy's ArtifactName, Grype's userInput). */
  readonly image: string;
  /** The image config digest, when the report gives it: lets two scanners' reports of one image be matched. */
  readonly imageId?: string;
  readonly scanner: ScannerName;
  readonly scannerVersion?: string;
  readonly os?: OperatingSystem;
  readonly vulnerabilities: readonly Vulnerability[];
  readonly secrets: readonly ImageSecret[];
}

export type ParseResult = { readonly ok: true; readonly report: ImageReport } | { readonly ok: false; readonly reason: string };

/** Caps for text taken from a report: enough for any real value, small enough that a hostile report cannot flood an output. */
export const LIMITS = {
  id: 128,
  name: 256,
  title: 200,
  path: 1024,
  url: 512,
  references: 10,
  listItems: 20,
} as const;

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** The more severe of two; a known severity beats `unknown`. */
export function moreSevere(a: Severity, b: Severity): Severity {
  return severityRank(b) < severityRank(a) ? b : a;
}

/** Both scanners spell severities differently (CRITICAL, Critical); anything unrecognised is `unknown`. */
export function toSeverity(value: string | undefined): Severity {
  const lower = value?.trim().toLowerCase();
  return SEVERITIES.find((s) => s === lower) ?? 'unknown';
}

/** One line, no control characters, at most `max` characters. */
export function cleanText(value: string, max: number): string {
  return truncate(foldLines(stripControl(value)), max);
}

/** Values listed once, in first-seen order, at most `max` of them. */
export function uniqueCapped(values: Iterable<string>, max: number): string[] {
  return [...new Set(values)].slice(0, max);
}

/** `T` with every property that may be undefined made optional instead. */
export type Defined<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/** Drops properties whose value is undefined, as `exactOptionalPropertyTypes` requires for optional fields. */
export function withoutUndefined<T extends object>(value: T): Defined<T> {
  // The kept entries are a subset of T's own, so the cast only records that undefined ones are gone.
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Defined<T>;
}

// ── Reading a report ────────────────────────────────────────────────────────────────────────────────
// Two kinds of readers. The strict ones guard what a finding is made of (the arrays that hold findings,
// ids, package names and versions, severities, fixed versions): a wrong type there refuses the whole
// report, because skipping the entry would silently drop a vulnerability from the gate. The loose ones
// read decoration (titles, links, scores): a wrong type there only loses the decoration.

/** Thrown by the strict readers and turned into `{ ok: false }` by `guardParse`; never escapes a parser. */
class ReportShapeError extends Error {}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a value is, for a reason: its type, and for numbers and short strings the value itself (cleaned). */
export function describeJson(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  if (typeof value === 'string') return `string ${JSON.stringify(cleanText(value, 40))}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

export function shapeError(path: string, expected: string, value: unknown): never {
  throw new ReportShapeError(`${path} should be ${expected}, but is ${describeJson(value)}`);
}

/** Runs a reader and reports a shape problem as a reason; `scanner` starts the reason so a log line says whose report it was. */
export function guardParse(scanner: string, read: () => ImageReport): ParseResult {
  try {
    return { ok: true, report: read() };
  } catch (error) {
    if (error instanceof ReportShapeError) return { ok: false, reason: `${scanner} report: ${error.message}` };
    throw error;
  }
}

export function readRecord(value: unknown, path: string): Record<string, unknown> {
  return isRecord(value) ? value : shapeError(path, 'an object', value);
}

/** An array; missing or null is empty (Go writes a nil slice as null and omits empty ones). */
export function readList(value: unknown, path: string): readonly unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : shapeError(path, 'an array', value);
}

/** A string that must be there and not be blank. */
export function readId(value: unknown, path: string, max: number = LIMITS.id): string {
  const text = typeof value === 'string' ? cleanText(value, max) : '';
  return text === '' ? shapeError(path, 'a non-empty string', value) : text;
}

/** A string that may be missing (or null), but is a string when present. */
export function readOptionalText(value: unknown, path: string, max: number = LIMITS.name): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? cleanText(value, max) : shapeError(path, 'a string', value);
}

export function readSeverity(value: unknown, path: string): Severity {
  return toSeverity(readOptionalText(value, path, 32));
}

export function looseRecord(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}

/** A non-blank string, cleaned; anything else is undefined. */
export function looseText(value: unknown, max: number = LIMITS.name): string | undefined {
  const text = typeof value === 'string' ? cleanText(value, max) : '';
  return text === '' ? undefined : text;
}

/** The strings of an array, cleaned, once each, at most `maxItems`; other entries are skipped. */
export function looseTexts(value: unknown, maxItems: number = LIMITS.listItems, max: number = LIMITS.name): string[] {
  const items = Array.isArray(value) ? value : [];
  return uniqueCapped(items.flatMap((item) => looseText(item, max) ?? []), maxItems);
}

/** Only http(s) links: a report must not be able to put a `javascript:` link into a summary. */
export function looseUrl(value: unknown): string | undefined {
  const text = looseText(value, LIMITS.url);
  return text !== undefined && /^https?:\/\/\S+$/i.test(text) ? text : undefined;
}

export function looseUrls(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [];
  return uniqueCapped(items.flatMap((item) => looseUrl(item) ?? []), LIMITS.references);
}

/** A CVSS base score: a number from 0 to 10. */
export function looseScore(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 10 ? value : undefined;
}

/** The higher-scored of two; the first wins a tie, so a scanner's preferred source stays. */
export function higherCvss(a: Cvss | undefined, b: Cvss | undefined): Cvss | undefined {
  if (a === undefined) return b;
  return b !== undefined && b.score > a.score ? b : a;
}

/** Users hand the scanners' SARIF to tools often enough that it deserves its own answer. */
export function looksLikeSarif(value: Record<string, unknown>): boolean {
  return Array.isArray(value.runs) && (typeof value.$schema === 'string' || value.version === '2.1.0');
}
