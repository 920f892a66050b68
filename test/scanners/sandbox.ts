// A throw-away PATH, HOME and invocation log for the fake scanners in test/fakes. Tests drive the real
// process-spawning code: only the executables are fakes.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

const FAKES = join(import.meta.dirname, '..', 'fakes');

export interface LogEntry {
  readonly tool: 'trivy' | 'grype';
  readonly pid: number;
  readonly time: number;
  readonly event: 'start' | 'exit' | 'refused' | 'hang';
  readonly args?: readonly string[];
  readonly grypeEnv?: Readonly<Record<string, string>>;
  readonly childPid?: number;
  readonly code?: number;
  readonly message?: string;
}

export interface Sandbox {
  readonly root: string;
  readonly env: NodeJS.ProcessEnv;
  entries(): LogEntry[];
  /** Start lines of image scans (not version, not DB commands). */
  scans(tool?: 'trivy' | 'grype'): LogEntry[];
  cleanup(): void;
}

export function sandbox(tools: readonly ('trivy' | 'grype')[], extraEnv: NodeJS.ProcessEnv = {}): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'aks-gate-scanners-'));
  const bin = join(root, 'bin');
  mkdirSync(bin);
  mkdirSync(join(root, 'home'));
  for (const tool of tools) symlinkSync(join(FAKES, tool), join(bin, tool));
  const log = join(root, 'invocations.jsonl');
  // The fakes start with `#!/usr/bin/env node`, so node's own directory is on PATH too.
  const env = { PATH: [bin, dirname(process.execPath)].join(delimiter), HOME: join(root, 'home'), FAKE_SCANNER_LOG: log, ...extraEnv };
  const entries = (): LogEntry[] =>
    existsSync(log)
      ? readFileSync(log, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as LogEntry)
      : [];
  return {
    root,
    env,
    entries,
    scans: (tool) => entries().filter((e) => e.event === 'start' && (tool === undefined || e.tool === tool) && isScan(e)),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

export function isScan(entry: LogEntry): boolean {
  const args = entry.args ?? [];
  return entry.tool === 'trivy' ? args[0] === 'image' && !args.some((a) => a.startsWith('--download-')) : args.includes('--file');
}

/** The image a scan was given (the argument after `--`). */
export function scannedImage(entry: LogEntry): string | undefined {
  const args = entry.args ?? [];
  const end = args.indexOf('--');
  return end === -1 ? undefined : args[end + 1];
}

/** Alive and not a zombie: a killed grandchild may wait for a reaper that a container does not have. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return process.platform !== 'linux';
  }
}

/** The most scans of one tool that were running at the same moment, from the start/exit lines. */
export function maxOverlap(entries: readonly LogEntry[], tool: 'trivy' | 'grype'): number {
  const scanPids = new Set(entries.filter((e) => e.tool === tool && e.event === 'start' && isScan(e)).map((e) => e.pid));
  let running = 0;
  let max = 0;
  for (const entry of entries) {
    if (!scanPids.has(entry.pid) || entry.tool !== tool) continue;
    if (entry.event === 'start') max = Math.max(max, ++running);
    if (entry.event === 'exit') running -= 1;
  }
  return max;
}
