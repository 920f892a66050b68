import { describe, expect, it } from 'vitest';
import { commandFailure } from '../../shared/scanners/failure.js';
import { runPool } from '../../shared/scanners/pool.js';
import { runCommand } from '../../shared/scanners/process.js';

const node = process.execPath;
const env = { PATH: process.env.PATH ?? '' };

describe('runCommand', () => {
  it('keeps only the last stderr lines, bounded and sanitized', async () => {
    // 20 MB of noise, then the line that matters, with a CI command and an escape sequence in it
    // (exiting only once the pipe has taken it all: Node drops queued pipe writes on process.exit).
    const script = "const n = 'x'.repeat(999) + '\\n'; for (let i = 0; i < 20000; i++) process.stderr.write(n); process.stderr.write('##vso[task.setvariable variable=x]1 \\u001b[31mFATAL\\u001b[0m boom\\n', () => process.exit(3));";
    const result = await runCommand(node, ['-e', script], { env, timeoutMs: 30_000 });
    expect(result.exitCode).toBe(3);
    expect(result.stderrTail.length).toBeLessThanOrEqual(12);
    expect(result.stderrTail.every((line) => line.length <= 400)).toBe(true);
    expect(result.stderrTail.at(-1)).toBe('#\u200B#vso[task.setvariable variable=x]1 FATAL boom');
    expect(commandFailure(result, 30_000)?.reason).toBe('exited with code 3: #\u200B#vso[task.setvariable variable=x]1 FATAL boom');
  });

  it('reports a command that cannot be started', async () => {
    const result = await runCommand('/nonexistent/trivy', ['version'], { env, timeoutMs: 5_000 });
    expect(commandFailure(result, 5_000)).toEqual({ kind: 'not-started', reason: 'could not be started (ENOENT)' });
  });

  it('passes arguments as they are, without a shell', async () => {
    const result = await runCommand(node, ['-e', 'process.stdout.write(JSON.stringify(process.argv.slice(1)))', '--', '$(id)', '; rm -rf /', '*'], { env, timeoutMs: 10_000, captureStdout: true });
    expect(JSON.parse(result.stdout)).toEqual(['$(id)', '; rm -rf /', '*']);
  });

  it('gives the child exactly the environment it was handed', async () => {
    const result = await runCommand(node, ['-e', 'process.stdout.write(JSON.stringify(Object.keys(process.env).filter((k) => k !== "PATH")))'], { env: { ...env, ONLY_THIS: '1' }, timeoutMs: 10_000, captureStdout: true });
    expect(JSON.parse(result.stdout)).toEqual(['ONLY_THIS']);
  });
});

describe('runPool', () => {
  it('never runs more than the limit, nor more of a group than its own limit', async () => {
    let running = 0;
    let maxRunning = 0;
    let runningA = 0;
    let maxA = 0;
    const task = (group: string) => ({
      group,
      run: async () => {
        running += 1;
        if (group === 'a') runningA += 1;
        maxRunning = Math.max(maxRunning, running);
        maxA = Math.max(maxA, runningA);
        await new Promise((r) => setTimeout(r, 10));
        running -= 1;
        if (group === 'a') runningA -= 1;
        return group;
      },
    });
    const tasks = Array.from({ length: 12 }, (_, i) => task(i % 2 === 0 ? 'a' : 'b'));
    const results = await runPool(tasks, 3, new Map([['a', 1]]));
    expect(results).toEqual(tasks.map((t) => t.group));
    expect(maxRunning).toBe(3);
    expect(maxA).toBe(1);
  });
});
