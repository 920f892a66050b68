import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../shared/errors.js';
import { scanImages, type ScanOptions } from '../../shared/scanners/runner.js';
import { maxOverlap, sandbox, type Sandbox } from './sandbox.js';

let box: Sandbox | undefined;
afterEach(() => {
  box?.cleanup();
  box = undefined;
});

function setup(tools: readonly ('trivy' | 'grype')[], extraEnv: NodeJS.ProcessEnv = {}): Sandbox {
  box = sandbox(tools, extraEnv);
  return box;
}

function options(sb: Sandbox, more: Partial<ScanOptions> = {}): ScanOptions {
  return { env: sb.env, concurrency: 2, timeoutMs: 10_000, ...more };
}

const startArgs = (sb: Sandbox, tool: 'trivy' | 'grype') => sb.entries().filter((e) => e.event === 'start' && e.tool === tool).map((e) => e.args ?? []);

describe('scanImages modes', () => {
  it('offline: downloads nothing, scans with --offline-scan and without Grype DB age validation', async () => {
    const sb = setup(['trivy', 'grype']);
    await scanImages(['alpine:3.10'], options(sb)); // fills the caches, as an earlier online job would
    const before = sb.entries().length;

    const run = await scanImages(['alpine:3.10', 'busybox:1.32.1'], options(sb, { offline: true }));
    const offline = sb.entries().slice(before).filter((e) => e.event === 'start');
    expect(offline.some((e) => (e.args ?? []).some((a) => a.startsWith('--download-') || a === 'update'))).toBe(false);
    const scans = offline.filter((e) => (e.args ?? []).includes('--'));
    expect(scans).toHaveLength(4);
    for (const scan of scans.filter((e) => e.tool === 'trivy')) expect(scan.args).toContain('--offline-scan');
    for (const scan of scans.filter((e) => e.tool === 'grype')) expect(scan.grypeEnv).toMatchObject({ GRYPE_DB_VALIDATE_AGE: 'false', GRYPE_DB_AUTO_UPDATE: 'false' });
    expect(run.scanners.map((s) => s.mode)).toEqual(['offline', 'offline']);
    expect(run.images.every((i) => i.results.trivy?.ok === true && i.results.grype?.ok === true)).toBe(true);
  });

  it('offline without a cached DB: the scanner is not evaluated, and says why', async () => {
    const sb = setup(['trivy', 'grype']);
    const run = await scanImages(['alpine:3.10'], options(sb, { offline: true }));
    expect(run.notEvaluated?.reason).toBe(
      'offline, and there is no Trivy vulnerability DB in the cache; offline, and there is no usable Grype vulnerability DB: database does not exist: ' +
        join(sb.root, 'home', '.cache', 'grype', 'db', '6', 'vulnerability.db'),
    );
    expect(sb.scans()).toEqual([]);
  });

  it('Trivy server mode: no local DB download, every scan goes to the server', async () => {
    const sb = setup(['trivy']);
    const run = await scanImages(['alpine:3.10', 'nginx'], options(sb, { trivyServer: 'http://trivy.internal:4954' }));
    expect(startArgs(sb, 'trivy').filter((a) => a.some((x) => x.startsWith('--download-')))).toEqual([]);
    for (const scan of sb.scans('trivy')) {
      expect(scan.args).toEqual(expect.arrayContaining(['--server', 'http://trivy.internal:4954/', '--skip-db-update']));
      expect(scan.args).not.toContain('--cache-backend');
    }
    expect(run.scanners).toEqual([expect.objectContaining({ name: 'trivy', mode: 'client' })]);
    expect(run.scanners[0]?.dbUpdatedAt).toBeUndefined();
  });

  it('passes the cache directories to every command', async () => {
    const sb = setup(['trivy', 'grype']);
    const trivyCacheDir = join(sb.root, 'trivy-cache');
    const grypeCacheDir = join(sb.root, 'grype-cache');
    await scanImages(['alpine:3.10'], options(sb, { trivyCacheDir, grypeCacheDir }));
    for (const args of startArgs(sb, 'trivy')) expect(args.slice(args.indexOf('--cache-dir'), args.indexOf('--cache-dir') + 2)).toEqual(['--cache-dir', trivyCacheDir]);
    const grypeStarts = sb.entries().filter((e) => e.event === 'start' && e.tool === 'grype' && (e.args ?? [])[0] !== 'version');
    expect(grypeStarts).toHaveLength(3); // db update, db status, one scan
    for (const entry of grypeStarts) expect(entry.grypeEnv?.GRYPE_DB_CACHE_DIR).toBe(grypeCacheDir);
  });

  it('builds the exact Trivy scan command line', async () => {
    const sb = setup(['trivy']);
    const workDir = join(sb.root, 'out');
    await scanImages(['alpine:3.10'], options(sb, { workDir, timeoutMs: 120_000 }));
    expect(sb.scans('trivy')[0]?.args).toEqual([
      'image', '--format', 'json', '--output', join(workDir, 'trivy-0001-docker.io_library_alpine_3.10.json'),
      '--scanners', 'vuln,secret', '--skip-db-update', '--skip-java-db-update', '--list-all-pkgs=false', '--no-progress',
      '--timeout', '120s', '--cache-backend', 'memory', '--', 'docker.io/library/alpine:3.10',
    ]);
  });

  it('scans one image at a time with a Trivy that locks its DB (before 0.68.0), and warns', async () => {
    const sb = setup(['trivy', 'grype'], { FAKE_SCANNER_VERSION: '0.60.0', FAKE_SCAN_DELAY_MS: '100' });
    const images = ['alpine:3.10', 'nginx:1', 'redis:7', 'busybox:1.32.1'];
    const run = await scanImages(images, options(sb, { concurrency: 4 }));
    // The fake holds its DB exclusively below 0.68.0, as Trivy did: any overlap would fail with a lock error.
    expect(run.images.every((i) => i.results.trivy?.ok === true)).toBe(true);
    expect(maxOverlap(sb.entries(), 'trivy')).toBe(1);
    expect(maxOverlap(sb.entries(), 'grype')).toBeGreaterThan(1);
    expect(run.warnings).toContainEqual(expect.stringMatching(/^Trivy 0\.60\.0 is older than 0\.68\.0, .* one at a time/));
    expect(run.warnings).toContainEqual(expect.stringMatching(/^Grype 0\.60\.0 is older than 0\.88\.0/));
    for (const scan of sb.scans('trivy')) expect(scan.args).not.toContain('--cache-backend');
  });

  it('uses an explicit scanner path and only the scanners asked for', async () => {
    const sb = setup([]);
    const run = await scanImages(['alpine:3.10'], options(sb, { scanners: ['trivy'], trivyPath: join(import.meta.dirname, '..', 'fakes', 'trivy') }));
    expect(run.scanners.map((s) => s.name)).toEqual(['trivy']);
    expect(run.skipped).toEqual([]);
    expect(run.images[0]?.results.trivy?.ok).toBe(true);
  });

  it('says which scanner that was asked for is missing', async () => {
    const sb = setup(['trivy']);
    const run = await scanImages(['alpine:3.10'], options(sb, { scanners: ['trivy', 'grype'], grypePath: join(sb.root, 'nope', 'grype') }));
    expect(run.warnings).toContain(`Grype not used: Grype path "${join(sb.root, 'nope', 'grype')}" is not an executable file.`);
    expect(run.images[0]?.results.trivy?.ok).toBe(true);
  });

  it('reports a scanner that exits 0 without a report', async () => {
    const sb = setup(['grype']);
    const run = await scanImages(['registry.example.com/noreport:1'], options(sb));
    expect(run.images[0]?.results.grype).toMatchObject({ ok: false, kind: 'no-report', reason: 'Grype exited without writing a report' });
  });

  it('pulls a registry whose host looks like a Grype source scheme explicitly', async () => {
    const sb = setup(['grype']);
    await scanImages(['registry:5000/team/app:1', 'localhost:5000/app:1'], options(sb));
    expect(sb.scans('grype').map((e) => e.args?.at(-1)).sort()).toEqual(['localhost:5000/app:1', 'registry:registry:5000/team/app:1']);
  });

  it('refuses a configuration mistake up front', async () => {
    const sb = setup(['trivy']);
    await expect(scanImages(['nginx'], options(sb, { trivyServer: 'file:///etc/passwd' }))).rejects.toThrow(ConfigurationError);
    await expect(scanImages(['nginx'], options(sb, { concurrency: 0 }))).rejects.toThrow(ConfigurationError);
    expect(sb.entries()).toEqual([]);
  });
});
