import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { INSTALL_HINT, NO_SCANNER_REASON, scanImages, type ScanOptions, type ScanOutcome } from '../../shared/scanners/runner.js';
import { alive, maxOverlap, sandbox, scannedImage, type Sandbox } from './sandbox.js';

let box: Sandbox | undefined;
afterEach(() => {
  box?.cleanup();
  box = undefined;
});

function setup(tools: readonly ('trivy' | 'grype')[], extraEnv: NodeJS.ProcessEnv = {}): Sandbox {
  box = sandbox(tools, extraEnv);
  return box;
}

function options(sb: Sandbox, more: Partial<ScanOptions> = {}): ScanOptions & { lines: string[] } {
  const lines: string[] = [];
  return { env: sb.env, concurrency: 2, timeoutMs: 10_000, onProgress: (line) => lines.push(line), lines, ...more };
}

function failure(outcome: ScanOutcome | undefined): Extract<ScanOutcome, { ok: false }> {
  if (outcome === undefined || outcome.ok) throw new Error(`expected a failure, got ${JSON.stringify(outcome)}`);
  return outcome;
}

describe('scanImages', () => {
  it('scans each unique image once per scanner, however it is written', async () => {
    const sb = setup(['trivy', 'grype']);
    const run = await scanImages(['nginx', 'docker.io/library/nginx:latest', 'index.docker.io/library/nginx', 'alpine:3.10', 'nginx'], options(sb));

    expect(run.images.map((i) => i.image)).toEqual(['docker.io/library/nginx:latest', 'docker.io/library/alpine:3.10']);
    expect(run.images[0]?.references).toEqual(['nginx', 'docker.io/library/nginx:latest', 'index.docker.io/library/nginx']);
    for (const tool of ['trivy', 'grype'] as const) {
      expect(sb.scans(tool).map(scannedImage).sort()).toEqual(['docker.io/library/alpine:3.10', 'docker.io/library/nginx:latest']);
    }
  });

  it('updates each vulnerability DB once, before any scan, and scans with updates off', async () => {
    const sb = setup(['trivy', 'grype']);
    const run = await scanImages(['alpine:3.10', 'busybox:1.32.1', 'nginx:1.27', 'redis:7'], options(sb, { concurrency: 4 }));

    const entries = sb.entries();
    const starts = entries.filter((e) => e.event === 'start');
    const argsOf = (tool: string) => starts.filter((e) => e.tool === tool).map((e) => (e.args ?? []).join(' '));
    expect(argsOf('trivy').filter((a) => a.startsWith('image --download-db-only'))).toHaveLength(1);
    expect(argsOf('trivy').filter((a) => a.startsWith('image --download-java-db-only'))).toHaveLength(1);
    expect(argsOf('grype').filter((a) => a === 'db update')).toHaveLength(1);

    const updatePids = new Set(starts.filter((e) => (e.args ?? []).some((a) => a.startsWith('--download-') || a === 'update')).map((e) => e.pid));
    const lastUpdateExit = Math.max(...entries.flatMap((e, i) => (e.event === 'exit' && updatePids.has(e.pid) ? [i] : [])));
    const firstScanStart = Math.min(...entries.flatMap((e, i) => (e.event === 'start' && sb.scans().includes(e) ? [i] : [])));
    expect(updatePids.size).toBe(3);
    expect(lastUpdateExit).toBeLessThan(firstScanStart);

    for (const scan of sb.scans('trivy')) expect(scan.args).toEqual(expect.arrayContaining(['--skip-db-update', '--skip-java-db-update']));
    for (const scan of sb.scans('grype')) expect(scan.grypeEnv).toMatchObject({ GRYPE_DB_AUTO_UPDATE: 'false', GRYPE_CHECK_FOR_APP_UPDATE: 'false' });
    expect(sb.scans()).toHaveLength(8);
    expect(run.scanners.map((s) => [s.name, s.mode, typeof s.dbUpdatedAt])).toEqual([
      ['trivy', 'standalone', 'string'],
      ['grype', 'standalone', 'string'],
    ]);
  });

  it('runs scans in parallel, never more than the concurrency', async () => {
    const sb = setup(['trivy'], { FAKE_SCAN_DELAY_MS: '300' });
    const images = Array.from({ length: 20 }, (_, i) => `registry.example.com/team/app-${i}:1.0`);
    const started = performance.now();
    const run = await scanImages(images, options(sb, { concurrency: 4 }));
    const elapsed = performance.now() - started;

    expect(run.images.every((i) => i.results.trivy?.ok === true)).toBe(true);
    // 20 × 300 ms over 4 slots is 5 rounds: 1.5 s. Serial would be 6 s; unbounded would be one round.
    expect(elapsed).toBeGreaterThan(1400);
    expect(elapsed).toBeLessThan(3500);
    expect(maxOverlap(sb.entries(), 'trivy')).toBe(4);
  });

  it('kills a scanner that passes its deadline, with the children it started', async () => {
    const sb = setup(['trivy']);
    const opts = options(sb, { timeoutMs: 1000 });
    const started = performance.now();
    const run = await scanImages(['registry.example.com/hang:1', 'alpine:3.10'], opts);

    expect(performance.now() - started).toBeLessThan(8000);
    const hung = failure(run.images[0]?.results.trivy);
    expect(hung.kind).toBe('timeout');
    expect(hung.reason).toBe('timed out after 1 s');
    expect(run.images[1]?.results.trivy?.ok).toBe(true);
    expect(opts.lines).toContainEqual(expect.stringMatching(/^\[[12]\/2\] registry\.example\.com\/hang:1 — not evaluated: timed out after 1 s \(trivy\)$/));

    const hang = sb.entries().find((e) => e.event === 'hang');
    expect(hang?.childPid).toBeTypeOf('number');
    const pids = [hang?.pid ?? 0, hang?.childPid ?? 0];
    for (let i = 0; i < 50 && pids.some(alive); i++) await new Promise((r) => setTimeout(r, 20));
    expect(pids.map(alive)).toEqual([false, false]);
  });

  it('marks only the image a scanner crashed on as not evaluated; the other images go on', async () => {
    const sb = setup(['trivy', 'grype']);
    const opts = options(sb);
    const run = await scanImages(['alpine:3.10', 'registry.example.com/crash:1', 'busybox:1.32.1'], opts);

    const [alpine, crash, busybox] = run.images;
    for (const tool of ['trivy', 'grype'] as const) {
      const crashed = failure(crash?.results[tool]);
      expect(crashed.kind).toBe('crash');
      expect(crashed.reason).toMatch(/^exited with code 2: panic: runtime error/);
      expect(crashed.stderr.length).toBeGreaterThan(0);
      expect(alpine?.results[tool]?.ok).toBe(true);
      expect(busybox?.results[tool]?.ok).toBe(true);
    }
    const grypeBusybox = busybox?.results.grype;
    expect(grypeBusybox?.ok && grypeBusybox.report.vulnerabilities.filter((v) => v.severity === 'critical')).toHaveLength(1);
    expect(opts.lines).toHaveLength(3);
  });

  it('reports garbage output as an invalid report', async () => {
    const sb = setup(['trivy', 'grype']);
    const run = await scanImages(['registry.example.com/garbage:1'], options(sb));
    expect(failure(run.images[0]?.results.trivy)).toMatchObject({ kind: 'invalid-report', reason: 'Trivy wrote a report that is not JSON' });
    expect(failure(run.images[0]?.results.grype)).toMatchObject({ kind: 'invalid-report', reason: 'Grype wrote a report that is not JSON' });
  });

  it('recognises the scanners\' DB lock messages and says "database lock"', async () => {
    const sb = setup(['trivy', 'grype']);
    const run = await scanImages(['registry.example.com/dblock:1'], options(sb));
    const trivyLock = failure(run.images[0]?.results.trivy);
    expect(trivyLock.kind).toBe('database-lock');
    expect(trivyLock.reason).toMatch(/^database lock: .*cache may be in use by another process/);
    const grypeLock = failure(run.images[0]?.results.grype);
    expect(grypeLock.kind).toBe('database-lock');
    expect(grypeLock.reason).toMatch(/^database lock: .*SQLITE_BUSY/);
  });

  it('says why an image could not be pulled', async () => {
    const sb = setup(['trivy', 'grype']);
    const run = await scanImages(['registry.example.com/denied:1'], options(sb));
    expect(failure(run.images[0]?.results.trivy).kind).toBe('pull-denied');
    expect(failure(run.images[0]?.results.grype).reason).toMatch(/^the image could not be pulled: .*UNAUTHORIZED/);
  });

  it('refuses invalid and option-like references without ever spawning a process for them', async () => {
    const sb = setup(['trivy', 'grype']);
    const hostile = ['-rf', '--output=/etc/passwd', 'nginx:${TAG}', 'Upper/Case', '', 'nginx\n--server'];
    const onlyHostile = await scanImages(hostile, options(sb));
    expect(onlyHostile.refused.map((r) => [r.reference, r.error])).toEqual([
      ['-rf', 'option-like'],
      ['--output=/etc/passwd', 'option-like'],
      ['nginx:${TAG}', 'placeholder'],
      ['Upper/Case', 'uppercase-repository'],
      ['', 'empty'],
      ['nginx\n--server', 'whitespace'],
    ]);
    expect(onlyHostile.images).toEqual([]);
    expect(sb.entries()).toEqual([]); // no scanner was even asked its version

    const mixed = await scanImages([...hostile, 'nginx:1.27'], options(sb));
    expect(mixed.refused).toHaveLength(hostile.length);
    const allArgs = sb.entries().flatMap((e) => e.args ?? []);
    for (const text of hostile) expect(allArgs).not.toContain(text);
    expect(sb.scans().map(scannedImage)).toEqual(['docker.io/library/nginx:1.27', 'docker.io/library/nginx:1.27']);
  });

  it('refuses Trivy 0.69.4, a compromised release, and runs nothing else of it', async () => {
    const sb = setup(['trivy'], { FAKE_SCANNER_VERSION: '0.69.4' });
    const run = await scanImages(['alpine:3.10'], options(sb));
    expect(run.notEvaluated?.reason).toBe('refusing Trivy 0.69.4, a compromised release; install another version');
    expect(run.scanners).toEqual([]);
    expect(failure(run.images[0]?.results.trivy).reason).toBe('refusing Trivy 0.69.4, a compromised release; install another version');
    expect(sb.entries().filter((e) => e.event === 'start').map((e) => e.args)).toEqual([['version', '--format', 'json']]);
  });

  it('goes on with Grype when Trivy is refused', async () => {
    const sb = setup(['trivy', 'grype'], { FAKE_SCANNER_VERSION: 'v0.69.4' });
    const run = await scanImages(['alpine:3.10'], options(sb));
    expect(run.notEvaluated).toBeUndefined();
    expect(run.skipped).toEqual([expect.objectContaining({ name: 'trivy', version: 'v0.69.4' })]);
    expect(run.scanners.map((s) => s.name)).toEqual(['grype']);
    expect(run.warnings).toContain('Trivy not used: refusing Trivy 0.69.4, a compromised release; install another version.');
    expect(run.images[0]?.results.grype?.ok).toBe(true);
    expect(sb.scans('trivy')).toEqual([]);
  });

  it('reports "not evaluated" with an install hint when no scanner is on PATH', async () => {
    const sb = setup([]);
    const run = await scanImages(['alpine:3.10', 'nginx'], options(sb));
    expect(run.notEvaluated).toEqual({ reason: NO_SCANNER_REASON, hint: INSTALL_HINT });
    expect(`${run.notEvaluated?.reason}: ${run.notEvaluated?.hint}`).toBe(
      "no Trivy or Grype on PATH: add aquasecurity/setup-trivy or anchore/scan-action's grype to the pipeline, or pass --trivy-path",
    );
    expect(run.images.map((i) => Object.keys(i.results))).toEqual([['trivy', 'grype'], ['trivy', 'grype']]);
    expect(run.warnings).toEqual([]);
  });

  it('uses both scanners together and reports each image once with both', async () => {
    const sb = setup(['trivy', 'grype']);
    const opts = options(sb, { workDir: join(sb.root, 'reports') });
    const run = await scanImages(['alpine:3.10', 'busybox:1.32.1'], opts);

    expect(run.scanners).toEqual([
      expect.objectContaining({ name: 'trivy', version: '0.70.0', path: join(sb.root, 'bin', 'trivy') }),
      expect.objectContaining({ name: 'grype', version: '0.100.0', path: join(sb.root, 'bin', 'grype') }),
    ]);
    for (const image of run.images) {
      for (const tool of ['trivy', 'grype'] as const) {
        const outcome = image.results[tool];
        expect(outcome?.ok).toBe(true);
        if (outcome?.ok) {
          expect(outcome.report.scanner).toBe(tool);
          expect(outcome.reportFile !== undefined && existsSync(outcome.reportFile)).toBe(true);
        }
      }
    }
    expect(opts.lines).toHaveLength(2);
    expect(opts.lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\[[12]\/2\] docker\.io\/library\/alpine:3\.10 — 0 critical, 0 high \(trivy \d+\.\d s\); 0 critical, 0 high \(grype \d+\.\d s\)$/),
      expect.stringMatching(/^\[[12]\/2\] docker\.io\/library\/busybox:1\.32\.1 — 0 critical, 0 high \(trivy \d+\.\d s\); 1 critical, 10 high \(grype \d+\.\d s\)$/),
    ]));
  });
});
