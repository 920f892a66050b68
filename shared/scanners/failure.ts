// Why a scanner command failed, in one line a person can act on. The patterns are the scanners' own
// messages: Trivy's BoltDB lock ("cache may be in use by another process", "Failed to acquire cache or
// database lock"), SQLite's "database is locked (SQLITE_BUSY)" under Grype, registry refusals as the
// Docker daemon and go-containerregistry word them.

import type { RunResult } from './process.js';

export type FailureKind = 'timeout' | 'database-lock' | 'pull-denied' | 'crash' | 'not-started' | 'no-report' | 'invalid-report';

export interface Failure {
  readonly kind: FailureKind;
  readonly reason: string;
}

const LOCK = /cache may be in use by another process|failed to acquire cache or database lock|database is locked|SQLITE_BUSY|\block(?:ed)? by another process/i;
const DENIED = /pull access denied|denied: requested access|UNAUTHORIZED|authentication required|MANIFEST_UNKNOWN|manifest unknown|NAME_UNKNOWN|repository does not exist/i;
const DEADLINE = /context deadline exceeded|analyze error: timeout/i;
/** The line that says what went wrong, rather than the progress lines before it. */
const ERROR_LINE = /\b(?:FATAL|ERROR|error|panic|denied|failed|unable)\b/i;

/** A failure from a finished (not successful) command; undefined when it succeeded. */
export function commandFailure(run: RunResult, timeoutMs: number): Failure | undefined {
  if (run.spawnError !== undefined) return { kind: 'not-started', reason: `could not be started (${run.spawnError})` };
  if (run.timedOut) return { kind: 'timeout', reason: `timed out after ${formatSeconds(timeoutMs)}` };
  if (run.exitCode === 0) return undefined;
  const text = run.stderrTail.join('\n');
  const line = relevantLine(run.stderrTail);
  if (LOCK.test(text)) return { kind: 'database-lock', reason: `database lock: ${line ?? 'the vulnerability DB or cache is in use by another process'}` };
  if (DEADLINE.test(text)) return { kind: 'timeout', reason: `timed out after ${formatSeconds(timeoutMs)} (the scanner's own deadline)` };
  if (DENIED.test(text)) return { kind: 'pull-denied', reason: `the image could not be pulled: ${line ?? 'access denied'}` };
  const how = run.exitCode !== undefined ? `exited with code ${run.exitCode}` : `was killed by ${run.signal ?? 'a signal'}`;
  return { kind: 'crash', reason: line === undefined ? `${how} and printed no error` : `${how}: ${line}` };
}

function relevantLine(lines: readonly string[]): string | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    if (line !== undefined && ERROR_LINE.test(line)) return line;
  }
  return lines[lines.length - 1];
}

/** `300 s`, `1.5 s`. */
export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
