// Scan results kept between runs: pipelines re-scan the same images on every run. A result is reused
// only when a fresh scan could not differ from it:
//   - the image is pinned by digest (a tag can move to other content; a digest cannot);
//   - the scanner, its version, its vulnerability DB build time and its mode are the same, and so are
//     aks-gate's version (it decides the command line) and the platform (a multi-arch image resolves
//     to the host's). No DB time (Trivy client mode, an old Grype), no version: never cached.
// An entry is a directory named by the sha256 of those parts, holding the scanner's raw JSON report
// (parsed by the same parser as a fresh one) and a small metadata file. It is written in a temporary
// directory beside it and renamed, so a reader sees a whole entry or none. Anything unexpected when
// reading is a miss, never a failure; failures are never stored. Entries older than MAX_AGE_MS, and
// those made with an older DB than the one in use now, are removed at the end of a run.

import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImageReference } from '../documents/image-ref.js';
import { TOOL } from '../version.js';
import type { ScannerUsed } from './prepare.js';

/** Bump when the entry layout or the meaning of a key changes. */
const FORMAT = 1;
const MAX_AGE_MS = 30 * 24 * 3600_000;
/** Clocks on different agents disagree a little; an entry from further in the future is not trusted. */
const CLOCK_SKEW_MS = 24 * 3600_000;
/** A temporary directory this old belongs to a run that died while writing. */
const STALE_TEMP_MS = 3600_000;
const MAX_META_BYTES = 64 * 1024;
const REPORT_FILE = 'report.json';
const META_FILE = 'entry.json';
const TEMP_PREFIX = '.tmp-';
const ENTRY_NAME = /^[0-9a-f]{64}$/;

interface EntryMeta {
  readonly format: number;
  readonly key: string;
  readonly image: string;
  readonly scanner: string;
  readonly scannerVersion: string;
  readonly dbUpdatedAt: string;
  readonly createdAt: string;
  readonly reportSha256: string;
}

export interface ResultCache {
  /** The raw report stored under `key`, or undefined (absent, expired, corrupt, unreadable). */
  read(key: string, maxBytes: number): Promise<string | undefined>;
  /** Stores a successful scan's raw report. Never throws: the first problem is kept for one warning. */
  write(key: string, image: ImageReference, used: ScannerUsed, report: string): Promise<void>;
  /** Removes expired, superseded, corrupt and abandoned entries. Never throws. */
  prune(inUse: readonly ScannerUsed[]): Promise<void>;
  /** Why results could not be saved, if they could not. */
  writeProblem(): string | undefined;
}

/** The entry name for this image and scanner, or undefined when the result must not be cached. */
export function resultCacheKey(image: ImageReference, used: ScannerUsed): string | undefined {
  if (image.digest === undefined || used.version === undefined || used.dbUpdatedAt === undefined) return undefined;
  const parts = ['aks-gate scan result', FORMAT, TOOL.version, `${process.platform}/${process.arch}`, used.name, used.version, used.dbUpdatedAt, used.auxiliaryDbs ?? '', used.mode, image.normalized];
  return sha256(JSON.stringify(parts));
}

export function openResultCache(dir: string, now: () => number = Date.now): ResultCache {
  let problem: string | undefined;
  return {
    writeProblem() {
      return problem;
    },

    async read(key, maxBytes) {
      try {
        const entry = join(dir, key);
        const meta = await readMeta(entry);
        if (meta?.key !== key || !fresh(meta, now())) return undefined;
        const file = join(entry, REPORT_FILE);
        if ((await stat(file)).size > maxBytes) return undefined;
        const bytes = await readFile(file);
        return sha256(bytes) === meta.reportSha256 ? bytes.toString('utf8') : undefined;
      } catch {
        return undefined;
      }
    },

    async write(key, image, used, report) {
      let temp: string | undefined;
      try {
        await mkdir(dir, { recursive: true });
        temp = await mkdtemp(join(dir, TEMP_PREFIX));
        const meta: EntryMeta = {
          format: FORMAT,
          key,
          image: image.normalized,
          scanner: used.name,
          scannerVersion: used.version ?? '',
          dbUpdatedAt: used.dbUpdatedAt ?? '',
          createdAt: new Date(now()).toISOString(),
          reportSha256: sha256(report),
        };
        await writeFile(join(temp, REPORT_FILE), report);
        await writeFile(join(temp, META_FILE), JSON.stringify(meta, null, 2) + '\n');
        const target = join(dir, key);
        try {
          await rename(temp, target);
        } catch {
          // An entry is there already (expired, corrupt, or another run's): replace it.
          await rm(target, { recursive: true, force: true });
          await rename(temp, target);
        }
      } catch (error) {
        problem ??= error instanceof Error ? error.message : String(error);
      } finally {
        if (temp !== undefined) await rm(temp, { recursive: true, force: true }).catch(() => undefined);
      }
    },

    async prune(inUse) {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        return;
      }
      const current = new Map(inUse.flatMap((u) => (u.dbUpdatedAt === undefined ? [] : [[u.name as string, Date.parse(u.dbUpdatedAt)] as const])));
      for (const name of names) {
        const path = join(dir, name);
        try {
          if (name.startsWith(TEMP_PREFIX)) {
            if (now() - (await stat(path)).mtimeMs > STALE_TEMP_MS) await rm(path, { recursive: true, force: true });
            continue;
          }
          if (!ENTRY_NAME.test(name)) continue; // not ours: leave it alone
          const meta = await readMeta(path);
          const db = current.get(meta?.scanner ?? '');
          const superseded = meta !== undefined && db !== undefined && Date.parse(meta.dbUpdatedAt) < db;
          if (meta?.key !== name || !fresh(meta, now()) || superseded) await rm(path, { recursive: true, force: true });
        } catch {
          // Another run may be pruning the same directory; whatever is left is tried again next time.
        }
      }
    },
  };
}

function fresh(meta: EntryMeta, now: number): boolean {
  const created = Date.parse(meta.createdAt);
  return !Number.isNaN(created) && now - created <= MAX_AGE_MS && created - now <= CLOCK_SKEW_MS;
}

async function readMeta(entry: string): Promise<EntryMeta | undefined> {
  try {
    const file = join(entry, META_FILE);
    if ((await stat(file)).size > MAX_META_BYTES) return undefined;
    const data: unknown = JSON.parse(await readFile(file, 'utf8'));
    return isMeta(data) ? data : undefined;
  } catch {
    return undefined;
  }
}

function isMeta(data: unknown): data is EntryMeta {
  if (typeof data !== 'object' || data === null) return false;
  const record = data as Record<string, unknown>;
  const strings = ['key', 'image', 'scanner', 'scannerVersion', 'dbUpdatedAt', 'createdAt', 'reportSha256'];
  return record.format === FORMAT && strings.every((name) => typeof record[name] === 'string');
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
