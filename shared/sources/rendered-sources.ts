// Maps the `# Source: CHART/templates/x.yaml` comments of `helm template` output (and Kustomize origin
// paths) to files in the repository, so that findings on a rendered stream point at the template
// a person edits, not at a temporary render.

import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TemplateSource } from '../documents/rendered.js';
import { ALWAYS_SKIPPED_DIRS, displayPath } from './walk.js';

const CHART_SEARCH_DEPTH = 4;

export interface SourceResolver {
  resolve(source: string): TemplateSource | undefined;
}

/** Finds the charts under `cwd` (by their Chart.yaml `name:`) once, then resolves source paths against them. */
export async function createSourceResolver(cwd: string): Promise<SourceResolver> {
  const charts = new Map<string, string>(); // chart name → absolute chart directory
  await findCharts(cwd, 0, charts);
  const cache = new Map<string, TemplateSource | undefined>();

  return {
    resolve(source) {
      if (cache.has(source)) return cache.get(source);
      const resolved = resolveSource(source);
      cache.set(source, resolved);
      return resolved;
    },
  };

  function resolveSource(source: string): TemplateSource | undefined {
    const segments = source.split('/').filter((s) => s !== '' && s !== '.' && s !== '..');
    const [chartName, ...rest] = segments;
    const candidates: string[] = [];
    const chartDir = chartName === undefined ? undefined : charts.get(chartName);
    if (chartDir !== undefined) candidates.push(join(chartDir, ...rest));
    candidates.push(join(cwd, ...segments)); // a Kustomize origin path, or a chart rendered from the repo root
    for (const absolute of candidates) {
      const text = readTemplate(absolute);
      if (text !== undefined) return { file: displayPath(cwd, absolute), text };
    }
    return undefined;
  }
}

function readTemplate(absolute: string): string | undefined {
  try {
    return readFileSync(absolute, 'utf8');
  } catch {
    return undefined;
  }
}

async function findCharts(dir: string, depth: number, charts: Map<string, string>): Promise<void> {
  if (depth > CHART_SEARCH_DEPTH) return;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.isFile() && entry.name === 'Chart.yaml') {
      const name = /^name:\s*["']?([\w.-]+)["']?\s*$/m.exec(readTemplate(join(dir, entry.name)) ?? '')?.[1];
      if (name !== undefined && !charts.has(name)) charts.set(name, dir);
    } else if (entry.isDirectory() && !ALWAYS_SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) {
      await findCharts(join(dir, entry.name), depth + 1, charts);
    }
  }
}
