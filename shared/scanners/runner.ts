// Runs Trivy and/or Grype on the images the workloads use (CHECKLIST.md SEC-4), safely and in parallel:
//   1. every reference is parsed and normalized once; invalid or option-like ones never reach a command
//      line, and `nginx` / `docker.io/library/nginx:latest` are scanned once;
//   2. each scanner is found (explicit path or PATH; never downloaded) and asked its version: a refused
//      release is not run, an old one is warned about;
//   3. each scanner's vulnerability DB is updated ONCE, before any scan;
//   4. the scans run in a bounded pool with DB updates off, each with a deadline, each writing its JSON
//      report to a file; one failing image is "not evaluated" for that scanner and the rest go on;
//   5. with a result cache, an image pinned by digest is not scanned again by the same scanner with the
//      same DB (result-cache.ts says exactly when a stored report may stand in for a fresh one).

import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseImageReference, type ImageReference, type ImageReferenceError } from '../documents/image-ref.js';
import { ConfigurationError } from '../errors.js';
import { commandFailure, type FailureKind } from './failure.js';
import { grype } from './grype.js';
import { runPool, type PoolTask } from './pool.js';
import { prepare, run, type Ready, type ScannerSkipped, type ScannerUsed, type Skipped } from './prepare.js';
import { progressLine } from './progress.js';
import type { ImageReport, ScannerName } from './report.js';
import { openResultCache, resultCacheKey, type ResultCache } from './result-cache.js';
import type { ImageScanner } from './scanner.js';
import { trivy } from './trivy.js';

export type { ScannerSkipped, ScannerUsed } from './prepare.js';

export interface ScanOptions {
  /** Which scanners to run; `auto` (the default) runs whichever of Trivy and Grype is installed. */
  readonly scanners?: readonly ScannerName[] | 'auto';
  readonly trivyPath?: string;
  readonly grypePath?: string;
  /** Deadline for one scanner on one image. Default 300 s. */
  readonly timeoutMs?: number;
  /** Deadline for each DB update command. Default 15 min (the Java index DB is several hundred MB). */
  readonly updateTimeoutMs?: number;
  /** Scanner processes at once. Default: the number of CPUs. */
  readonly concurrency?: number;
  /** No DB download, no network lookups by the scanners; the cached DBs are used as they are. */
  readonly offline?: boolean;
  /** Trivy client/server mode: the server's URL; the server owns the vulnerability DB. */
  readonly trivyServer?: string;
  readonly trivyCacheDir?: string;
  readonly grypeCacheDir?: string;
  /** The environment PATH is read from and children run with (nothing else is added). Default: process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** Where the JSON reports are written and kept; default: a temporary directory removed afterwards. */
  readonly workDir?: string;
  /** Called with one line per finished image. */
  readonly onProgress?: (line: string) => void;
  /** Where results are kept between runs; only images pinned by digest are reused. Default: no cache. */
  readonly resultCacheDir?: string;
}

export type ScanOutcome =
  | { readonly ok: true; readonly report: ImageReport; readonly durationMs: number; readonly reportFile?: string; readonly cached?: true }
  | { readonly ok: false; readonly kind: FailureKind; readonly reason: string; readonly durationMs: number; readonly stderr: readonly string[] };

export interface ImageScan {
  /** The normalized reference that was scanned: `docker.io/library/nginx:latest`. */
  readonly image: string;
  /** Every reference, as written, that normalizes to it. */
  readonly references: readonly string[];
  readonly results: Partial<Record<ScannerName, ScanOutcome>>;
}

/** A reference that was never handed to a scanner; the caller places a finding on it. */
export interface RefusedImage {
  readonly reference: string;
  readonly error: ImageReferenceError;
  readonly reason: string;
}

export interface ScanRun {
  readonly images: readonly ImageScan[];
  readonly refused: readonly RefusedImage[];
  readonly scanners: readonly ScannerUsed[];
  readonly skipped: readonly ScannerSkipped[];
  readonly warnings: readonly string[];
  /** Set when no scanner could run: every image is then not evaluated for this reason. */
  readonly notEvaluated?: { readonly reason: string; readonly hint: string };
}

export const NO_SCANNER_REASON = 'no Trivy or Grype on PATH';
export const INSTALL_HINT =
  "add aquasecurity/setup-trivy or anchore/scan-action's grype to the pipeline, or pass --trivy-path";

const SCANNERS: readonly ImageScanner[] = [trivy, grype];
const DEFAULT_TIMEOUT_MS = 300_000;
const DEFAULT_UPDATE_TIMEOUT_MS = 900_000;
/** Larger than any real report of one image; a bigger file is refused rather than read into memory. */
const MAX_REPORT_BYTES = 512 * 1024 * 1024;

export async function scanImages(images: readonly string[], options: ScanOptions): Promise<ScanRun> {
  const settings = validate(options);
  const { unique, refused } = normalizeImages(images);
  if (unique.length === 0) return { images: [], refused, scanners: [], skipped: [], warnings: [] };

  const warnings: string[] = [];
  const prepared = await Promise.all(
    SCANNERS.filter((s) => settings.wanted.has(s.name)).map((s) =>
      prepare(s, {
        ...settings,
        explicitPath: s.name === 'trivy' ? options.trivyPath : options.grypePath,
        cacheDir: nonEmpty(s.name === 'trivy' ? options.trivyCacheDir : options.grypeCacheDir),
        server: s.name === 'trivy' ? settings.trivyServer : undefined,
      }),
    ),
  );
  const ready = prepared.filter((p): p is Ready => p.kind === 'ready');
  const skipped = prepared.filter((p): p is Skipped => p.kind === 'skipped').map((p) => p.skipped);
  for (const p of prepared) warnings.push(...p.warnings);

  if (ready.length === 0) {
    // Scanners that were there but could not be used explain more than the ones that were never installed.
    const found = skipped.filter((s) => s.path !== undefined);
    const explaining = found.length > 0 ? found : skipped;
    const reason = found.length === 0 && !settings.explicit ? NO_SCANNER_REASON : explaining.map((s) => s.reason).join('; ');
    const results = Object.fromEntries(explaining.map((s) => [s.name, failed('not-started', s.reason)]));
    const notEvaluated = { reason, hint: INSTALL_HINT };
    return { images: unique.map((u) => ({ image: u.image, references: u.references, results })), refused, scanners: [], skipped, warnings, notEvaluated };
  }

  const own = options.workDir === undefined;
  const workDir = own ? await mkdtemp(join(tmpdir(), 'aks-gate-scan-')) : resolve(options.workDir ?? '.');
  if (!own) await mkdir(workDir, { recursive: true });
  try {
    const results = await scanAll(unique, ready, settings, workDir, !own, options.onProgress);
    const cache = settings.resultCache;
    if (cache !== undefined) {
      const problem = cache.writeProblem();
      if (problem !== undefined) warnings.push(`Scan results were not saved in the result cache: ${problem}`);
      await cache.prune(ready.map((r) => r.used));
    }
    return {
      images: unique.map((u, i) => ({ image: u.image, references: u.references, results: results[i] ?? {} })),
      refused,
      scanners: ready.map((r) => r.used),
      skipped,
      warnings,
    };
  } finally {
    if (own) await rm(workDir, { recursive: true, force: true });
  }
}

interface Settings {
  readonly wanted: ReadonlySet<ScannerName>;
  readonly explicit: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  readonly updateTimeoutMs: number;
  readonly concurrency: number;
  readonly offline: boolean;
  readonly trivyServer: string | undefined;
  readonly resultCache: ResultCache | undefined;
}

function validate(options: ScanOptions): Settings {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const updateTimeoutMs = options.updateTimeoutMs ?? DEFAULT_UPDATE_TIMEOUT_MS;
  const concurrency = options.concurrency ?? availableParallelism();
  for (const [name, value] of [['timeout', timeoutMs], ['update timeout', updateTimeoutMs], ['concurrency', concurrency]] as const) {
    if (!Number.isFinite(value) || value <= 0) throw new ConfigurationError(`The image scan ${name} must be a positive number, not ${value}.`);
  }
  let trivyServer: string | undefined;
  if (options.trivyServer !== undefined && options.trivyServer !== '') {
    const url = URL.canParse(options.trivyServer) ? new URL(options.trivyServer) : undefined;
    if (url === undefined || !/^https?:$/.test(url.protocol)) throw new ConfigurationError('The Trivy server must be an http:// or https:// URL.');
    trivyServer = url.href;
  }
  const resultCacheDir = nonEmpty(options.resultCacheDir);
  const list = options.scanners === undefined || options.scanners === 'auto' ? undefined : options.scanners;
  const known = new Set<string>(SCANNERS.map((s) => s.name));
  if (list !== undefined && (list.length === 0 || list.some((name) => !known.has(name)))) {
    throw new ConfigurationError(`The image scanners must be "auto" or a list of ${[...known].join(' and ')}.`);
  }
  return {
    wanted: new Set(list ?? SCANNERS.map((s) => s.name)),
    explicit: list !== undefined,
    env: options.env ?? process.env,
    timeoutMs,
    updateTimeoutMs,
    concurrency: Math.floor(concurrency),
    offline: options.offline ?? false,
    trivyServer,
    resultCache: resultCacheDir === undefined ? undefined : openResultCache(resolve(resultCacheDir)),
  };
}

interface UniqueImage {
  readonly image: string;
  readonly reference: ImageReference;
  readonly references: string[];
}

function normalizeImages(images: readonly string[]): { unique: UniqueImage[]; refused: RefusedImage[] } {
  const byName = new Map<string, UniqueImage>();
  const refused = new Map<string, RefusedImage>();
  for (const text of images) {
    const parsed = parseImageReference(text);
    if (!parsed.ok) {
      if (!refused.has(text)) refused.set(text, { reference: text, error: parsed.error, reason: parsed.reason });
      continue;
    }
    const key = parsed.reference.normalized;
    const entry = byName.get(key) ?? { image: key, reference: parsed.reference, references: [] };
    if (!entry.references.includes(text)) entry.references.push(text);
    byName.set(key, entry);
  }
  return { unique: [...byName.values()], refused: [...refused.values()] };
}

async function scanAll(
  images: readonly UniqueImage[],
  ready: readonly Ready[],
  settings: Settings,
  workDir: string,
  keepReports: boolean,
  onProgress: ((line: string) => void) | undefined,
): Promise<Partial<Record<ScannerName, ScanOutcome>>[]> {
  const results: Partial<Record<ScannerName, ScanOutcome>>[] = images.map(() => ({}));
  const remaining = images.map(() => ready.length);
  let done = 0;
  const tasks: PoolTask<void>[] = [];
  images.forEach((image, index) => {
    for (const scanner of ready) {
      tasks.push({
        group: scanner.scanner.name,
        run: async () => {
          const file = join(workDir, `${scanner.scanner.name}-${String(index + 1).padStart(4, '0')}-${slug(image.image)}.json`);
          const outcome = await scanOrReuse(scanner, image.reference, file, settings, keepReports);
          const slot = results[index];
          if (slot !== undefined) slot[scanner.scanner.name] = outcome;
          remaining[index] = (remaining[index] ?? 1) - 1;
          if (remaining[index] === 0) {
            done += 1;
            const outcomes = ready.flatMap((r) => {
              const o = slot?.[r.scanner.name];
              return o === undefined ? [] : [[r.scanner.name, o] as const];
            });
            onProgress?.(progressLine(done, images.length, image.image, outcomes));
          }
        },
      });
    }
  });
  const limits = new Map(ready.flatMap((r) => (r.assessment.maxParallel === undefined ? [] : [[r.scanner.name, r.assessment.maxParallel] as const])));
  await runPool(tasks, settings.concurrency, limits);
  return results;
}

/** A stored result when there is one that may stand in for a scan; else a scan, stored when it succeeds. */
async function scanOrReuse(ready: Ready, image: ImageReference, reportFile: string, settings: Settings, keepReport: boolean): Promise<ScanOutcome> {
  const cache = settings.resultCache;
  const key = cache === undefined ? undefined : resultCacheKey(image, ready.used);
  if (cache === undefined || key === undefined) return (await scanOne(ready, image, reportFile, settings.timeoutMs, keepReport)).outcome;

  const stored = await cache.read(key, MAX_REPORT_BYTES);
  const parsed = stored === undefined ? undefined : parseRaw(ready, stored);
  if (stored !== undefined && parsed?.ok === true) {
    // The work directory holds every report, whether it came from the scanner or the cache.
    const kept = keepReport && (await writeFile(reportFile, stored).then(() => true, () => false));
    return { ok: true, report: parsed.report, durationMs: 0, cached: true, ...(kept ? { reportFile } : {}) };
  }
  const { outcome, raw } = await scanOne(ready, image, reportFile, settings.timeoutMs, keepReport);
  if (outcome.ok && raw !== undefined) await cache.write(key, image, ready.used, raw);
  return outcome;
}

async function scanOne(ready: Ready, image: ImageReference, reportFile: string, timeoutMs: number, keepReport: boolean): Promise<{ outcome: ScanOutcome; raw?: string }> {
  await rm(reportFile, { force: true }); // a stale file must never pass for this run's report
  const command = ready.scanner.scanCommand(ready.setup, image, reportFile, ready.assessment);
  const result = await run(ready.setup, command, timeoutMs, false);
  const durationMs = result.durationMs;
  const failure = commandFailure(result, timeoutMs);
  if (failure !== undefined) return { outcome: { ok: false, ...failure, durationMs, stderr: result.stderrTail } };

  const invalid = (kind: FailureKind, reason: string) => ({ outcome: { ok: false, kind, reason, durationMs, stderr: result.stderrTail } as const });
  const size = await stat(reportFile).then((s) => s.size, () => undefined);
  if (size === undefined) return invalid('no-report', `${ready.scanner.title} exited without writing a report`);
  if (size > MAX_REPORT_BYTES) return invalid('invalid-report', `the report is larger than ${MAX_REPORT_BYTES / 1024 / 1024} MB`);
  const raw = await readFile(reportFile, 'utf8').catch(() => '');
  const parsed = parseRaw(ready, raw);
  if (parsed === undefined) return invalid('invalid-report', `${ready.scanner.title} wrote a report that is not JSON`);
  if (!parsed.ok) return invalid('invalid-report', parsed.reason);
  return { outcome: { ok: true, report: parsed.report, durationMs, ...(keepReport ? { reportFile } : {}) }, raw };
}

/** The scanner's own parser on a report's text; undefined when the text is not JSON. */
function parseRaw(ready: Ready, raw: string): ReturnType<ImageScanner['parseReport']> | undefined {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return undefined;
  }
  return ready.scanner.parseReport(json);
}

function failed(kind: FailureKind, reason: string): ScanOutcome {
  return { ok: false, kind, reason, durationMs: 0, stderr: [] };
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text;
}

/** A file-name-safe rendering of the image, for people browsing the work directory. */
function slug(image: string): string {
  return image.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
}

