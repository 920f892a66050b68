// Runs one scanner command: an argument array through execa (never a shell), a deadline that kills the
// command *and everything it started*, and only the tail of stderr kept. A scanner pulling a 2 GB image
// can print a lot and hang in many places; none of that may stall or flood aks-gate.

import { execa } from 'execa';
import { safeLine, truncate } from '../output/sanitize.js';

export interface RunOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  /** Keep stdout (small JSON answers such as `version`); scans write their report to a file instead. */
  readonly captureStdout?: boolean;
}

export interface RunResult {
  readonly exitCode: number | undefined;
  readonly signal: string | undefined;
  readonly timedOut: boolean;
  /** Set when the command could not be started at all (ENOENT, EACCES …). */
  readonly spawnError: string | undefined;
  readonly stdout: string;
  /** The last lines of stderr, sanitized for a log, oldest first. */
  readonly stderrTail: readonly string[];
  readonly durationMs: number;
}

/** Bytes of stderr kept while a command runs: the end of it holds the error, the rest is progress noise. */
const STDERR_TAIL_BYTES = 16 * 1024;
const STDERR_TAIL_LINES = 12;
const STDERR_LINE_MAX = 400;
const STDOUT_MAX_BYTES = 1024 * 1024;
/** After SIGTERM, how long a scanner may clean up (Trivy closes its cache) before the group gets SIGKILL. */
const KILL_GRACE_MS = 2_000;

/** Process groups still running, so that an exiting aks-gate does not leave scanners behind. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

// On POSIX each command leads its own process group (detached), so one kill reaches the scanner and
// the children it spawned (docker credential helpers, plugins). Windows has no groups: the child only.
const usesGroups = process.platform !== 'win32';

export async function runCommand(file: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  installExitHook();
  const started = performance.now();
  let timedOut = false;
  const tail = new TailBuffer(STDERR_TAIL_BYTES);
  const subprocess = execa(file, args, {
    env: options.env,
    extendEnv: false,
    stdin: 'ignore',
    stdout: options.captureStdout ? 'pipe' : 'ignore',
    stderr: 'pipe',
    buffer: { stdout: options.captureStdout ?? false, stderr: false },
    maxBuffer: STDOUT_MAX_BYTES,
    encoding: 'utf8',
    reject: false,
    detached: usesGroups,
    // execa's own cleanup does not apply to detached children; liveGroups covers them.
    cleanup: !usesGroups,
    windowsHide: true,
  });
  subprocess.stderr?.on('data', (chunk: Buffer | string) => tail.push(String(chunk)));
  const pid = subprocess.pid;
  if (pid !== undefined && usesGroups) liveGroups.add(pid);

  const timers: NodeJS.Timeout[] = [];
  timers.push(
    setTimeout(() => {
      timedOut = true;
      kill(subprocess, pid, 'SIGTERM');
      // Always follow up: the leader may exit on SIGTERM while a child it started ignores it.
      timers.push(setTimeout(() => kill(subprocess, pid, 'SIGKILL'), KILL_GRACE_MS));
    }, options.timeoutMs),
  );

  try {
    const result = await subprocess;
    const spawnError = result.failed && result.exitCode === undefined && !result.isTerminated ? spawnFailure(result.originalMessage ?? result.message ?? '') : undefined;
    return {
      exitCode: result.exitCode,
      signal: result.signal,
      timedOut,
      spawnError,
      stdout: typeof result.stdout === 'string' ? result.stdout : '',
      stderrTail: tail.lines(),
      durationMs: performance.now() - started,
    };
  } finally {
    for (const timer of timers) clearTimeout(timer);
    if (pid !== undefined && usesGroups) {
      // The leader is gone; whatever it left in its group (a child that ignored SIGTERM, a helper it
      // started) goes with it. Usually the group is already empty and this is a no-op.
      kill(subprocess, pid, 'SIGKILL');
      liveGroups.delete(pid);
    }
  }
}

function kill(subprocess: { kill(signal: NodeJS.Signals): boolean }, pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid !== undefined && usesGroups) {
    try {
      process.kill(-pid, signal);
    } catch {
      // ESRCH: the whole group is gone already.
    }
    return;
  }
  subprocess.kill(signal);
}

function installExitHook(): void {
  if (exitHookInstalled || !usesGroups) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const pid of liveGroups) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}

function spawnFailure(message: string): string {
  const code = /\b(ENOENT|EACCES|ENOEXEC|EPERM)\b/.exec(message)?.[1];
  return code === undefined ? truncate(safeLine(message), STDERR_LINE_MAX) : code;
}

/** Keeps the last `max` characters of a stream, cut at a line start once it overflowed. */
class TailBuffer {
  private text = '';
  private overflowed = false;
  constructor(private readonly max: number) {}

  push(chunk: string): void {
    this.text += chunk;
    if (this.text.length > this.max * 2) this.trim();
  }

  lines(): string[] {
    this.trim();
    const lines = this.text.split(/\r?\n|\r/);
    if (this.overflowed) lines.shift(); // a partial first line
    return lines
      .map((line) => truncate(safeLine(line), STDERR_LINE_MAX))
      .filter((line) => line !== '')
      .slice(-STDERR_TAIL_LINES);
  }

  private trim(): void {
    if (this.text.length <= this.max) return;
    this.text = this.text.slice(-this.max);
    this.overflowed = true;
  }
}
