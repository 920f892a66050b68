// Finds the files to scan under the given paths. Every candidate is accounted for: it is read later,
// or recorded here as skipped with the reason (excluded, a link leading outside the scanned root, a
// Helm template that needs rendering first). node_modules and .git are never entered.

import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import { ConfigurationError } from '../errors.js';
import type { InputRecord } from '../report.js';

export const ALWAYS_SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git']);
/** Manifests (YAML, JSON) and cluster definitions (ARM JSON, Bicep, Terraform and its variable files). */
const INPUT_EXTENSIONS = /\.(ya?ml|json|tf|tfvars|bicep)$/i;

export interface WalkOptions {
  /** Paths are reported relative to this directory. */
  readonly cwd: string;
  readonly exclude: readonly string[];
}

export interface Candidate {
  /** Absolute path to read. */
  readonly absolute: string;
  /** Repo-relative display path with forward slashes. */
  readonly path: string;
}

export interface WalkResult {
  readonly candidates: Candidate[];
  readonly skipped: InputRecord[];
}

export async function walk(paths: readonly string[], options: WalkOptions): Promise<WalkResult> {
  const isExcluded = options.exclude.length > 0 ? picomatch([...options.exclude], { dot: true }) : () => false;
  const result: WalkResult = { candidates: [], skipped: [] };
  const seen = new Set<string>();

  const skip = (path: string, reason: string): void => {
    result.skipped.push({ path, status: 'skipped', reason, documents: 0, objects: 0 });
  };

  for (const given of paths) {
    const absolute = isAbsolute(given) ? given : join(options.cwd, given);
    const info = await stat(absolute).catch(() => undefined);
    if (info === undefined) throw new ConfigurationError(`path not found: ${given}`);
    const display = displayPath(options.cwd, absolute);
    if (info.isFile()) {
      // A file named on the command line is read whatever its extension: the user asked for it.
      if (!seen.has(absolute)) result.candidates.push({ absolute, path: display });
      seen.add(absolute);
      continue;
    }
    const root = await realpath(absolute);
    await walkDirectory(absolute, root, false);
  }
  return result;

  async function walkDirectory(dir: string, root: string, inHelmTemplates: boolean): Promise<void> {
    const real = await realpath(dir);
    if (seen.has(real)) return; // a link back into a directory already walked: no loops
    seen.add(real);
    const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      skip(displayPath(options.cwd, dir), `cannot read directory (${error.code ?? 'error'})`);
      return [];
    });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const isChart = entries.some((e) => e.name === 'Chart.yaml' && e.isFile());

    for (const entry of entries) {
      if (ALWAYS_SKIPPED_DIRS.has(entry.name)) continue;
      const absolute = join(dir, entry.name);
      const display = displayPath(options.cwd, absolute);
      if (isExcluded(display) || isExcluded(`${display}/`)) {
        skip(display, 'excluded by --exclude');
        continue;
      }
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await realpath(absolute).catch(() => undefined);
        if (target === undefined) {
          skip(display, 'broken symbolic link');
          continue;
        }
        if (!isInside(root, target)) {
          skip(display, 'symbolic link leads outside the scanned root; not followed');
          continue;
        }
        const info = await lstat(target);
        isDirectory = info.isDirectory();
        isFile = info.isFile();
      }
      if (isDirectory) {
        await walkDirectory(absolute, root, inHelmTemplates || (isChart && entry.name === 'templates'));
      } else if (isFile && INPUT_EXTENSIONS.test(entry.name)) {
        if (inHelmTemplates) skip(display, 'Helm chart template; render it first: `helm template RELEASE CHART | aks-gate scan -`');
        else if (!seen.has(absolute)) result.candidates.push({ absolute, path: display });
        seen.add(absolute);
      }
    }
  }
}

/** Relative to the working directory, with forward slashes, as SARIF and the summary show it. */
export function displayPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  return (rel === '' ? '.' : rel).split(sep).join('/');
}

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
