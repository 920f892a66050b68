// The scan result cache between runs: reused only when a fresh scan could not differ (an image pinned
// by digest, the same scanner, version and DB), and a broken cache costs a scan, never a failure.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scanImages, type ScanOptions, type ScanRun } from '../../shared/scanners/runner.js';
import { sandbox, scannedImage, type Sandbox } from './sandbox.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const PINNED = `alpine@${DIGEST}`;
const PINNED_NORMALIZED = `docker.io/library/alpine@${DIGEST}`;
const DB_TIME = '2026-05-01T06:00:00Z';

let box: Sandbox | undefined;
afterEach(() => {
  box?.cleanup();
  box = undefined;
});

/** Both fakes with a DB built at `DB_TIME`, and runs offline, so that nothing moves the DB but the test. */
function setup(): Sandbox {
  box = sandbox(['trivy', 'grype']);
  setDbTime(box, DB_TIME);
  return box;
}

function setDbTime(sb: Sandbox, time: string): void {
  const trivyDb = join(sb.root, 'home', '.cache', 'trivy', 'db');
  const grypeDb = join(sb.root, 'home', '.cache', 'grype', 'db', '6');
  mkdirSync(trivyDb, { recursive: true });
  mkdirSync(grypeDb, { recursive: true });
  writeFileSync(join(trivyDb, 'metadata.json'), JSON.stringify({ Version: 2, UpdatedAt: time, DownloadedAt: time }));
  writeFileSync(join(grypeDb, 'fake-status.json'), JSON.stringify({ built: time }));
}

function options(sb: Sandbox, more: Partial<ScanOptions> = {}, cache = true): ScanOptions & { lines: string[] } {
  const lines: string[] = [];
  return { env: sb.env, concurrency: 2, timeoutMs: 10_000, offline: true, ...(cache ? { resultCacheDir: cacheDir(sb) } : {}), onProgress: (line) => lines.push(line), lines, ...more };
}

const cacheDir = (sb: Sandbox): string => join(sb.root, 'scan-results');
/** The cache directory is made on the first write. */
const entries = (sb: Sandbox): string[] => (existsSync(cacheDir(sb)) ? readdirSync(cacheDir(sb)).filter((name) => /^[0-9a-f]{64}$/.test(name)) : []);
const scanned = (sb: Sandbox, from = 0) => sb.scans().slice(from).map((e) => `${e.tool} ${scannedImage(e) ?? ''}`).sort();
const reports = (run: ScanRun) => run.images.map((i) => ({ image: i.image, trivy: i.results.trivy?.ok === true ? i.results.trivy.report : i.results.trivy, grype: i.results.grype?.ok === true ? i.results.grype.report : i.results.grype }));

describe('scanImages with a result cache', () => {
  it('does not scan an image pinned by digest again, and returns the same report', async () => {
    const sb = setup();
    const first = await scanImages([PINNED], options(sb));
    expect(scanned(sb)).toEqual([`grype ${PINNED_NORMALIZED}`, `trivy ${PINNED_NORMALIZED}`]);
    expect(entries(sb)).toHaveLength(2);

    const second = options(sb, { workDir: join(sb.root, 'work') });
    const run = await scanImages([PINNED], second);
    expect(scanned(sb, 2)).toEqual([]);
    expect(reports(run)).toEqual(reports(first));
    expect(run.images[0]?.results.trivy).toMatchObject({ ok: true, cached: true, durationMs: 0 });
    expect(run.images[0]?.results.grype).toMatchObject({ ok: true, cached: true, durationMs: 0 });
    expect(second.lines).toEqual([expect.stringMatching(/\(trivy, cached\); .*\(grype, cached\)$/)]);
    expect(run.warnings).toEqual([]);
    // The work directory holds the report as if the scanner had written it.
    const trivy = run.images[0]?.results.trivy;
    const kept = trivy?.ok === true ? trivy.reportFile : undefined;
    expect(JSON.parse(readFileSync(kept ?? '', 'utf8'))).toMatchObject({ ArtifactName: expect.any(String) as unknown });
  });

  it('scans an image named by tag every time, and stores nothing for it', async () => {
    const sb = setup();
    await scanImages(['alpine:3.10'], options(sb));
    const run = await scanImages(['alpine:3.10'], options(sb));
    expect(scanned(sb)).toHaveLength(4);
    expect(run.images[0]?.results.trivy).not.toHaveProperty('cached');
    expect(existsSync(cacheDir(sb))).toBe(false);
  });

  it('scans again when the DB is newer, and drops the entries of the older DB', async () => {
    const sb = setup();
    await scanImages([PINNED], options(sb));
    const old = entries(sb);
    setDbTime(sb, '2026-05-01T12:00:00Z');
    const run = await scanImages([PINNED], options(sb));
    expect(scanned(sb, 2)).toEqual([`grype ${PINNED_NORMALIZED}`, `trivy ${PINNED_NORMALIZED}`]);
    expect(run.images[0]?.results.trivy).not.toHaveProperty('cached');
    expect(entries(sb)).toHaveLength(2);
    expect(entries(sb).some((e) => old.includes(e))).toBe(false);
  });

  it("scans again when Trivy's Java DB is newer (it identifies jars), with the same vulnerability DB", async () => {
    const sb = setup();
    const javaDb = join(sb.root, 'home', '.cache', 'trivy', 'java-db');
    mkdirSync(javaDb, { recursive: true });
    writeFileSync(join(javaDb, 'metadata.json'), JSON.stringify({ Version: 1, UpdatedAt: DB_TIME, DownloadedAt: DB_TIME }));
    await scanImages([PINNED], options(sb, { scanners: ['trivy'] }));
    await scanImages([PINNED], options(sb, { scanners: ['trivy'] }));
    expect(sb.scans('trivy')).toHaveLength(1);
    writeFileSync(join(javaDb, 'metadata.json'), JSON.stringify({ Version: 1, UpdatedAt: '2026-05-02T06:00:00Z', DownloadedAt: DB_TIME }));
    await scanImages([PINNED], options(sb, { scanners: ['trivy'] }));
    expect(sb.scans('trivy')).toHaveLength(2);
  });

  it('scans again with another scanner version', async () => {
    const sb = setup();
    await scanImages([PINNED], options(sb, { scanners: ['trivy'] }));
    await scanImages([PINNED], options(sb, { scanners: ['trivy'], env: { ...sb.env, FAKE_SCANNER_VERSION: '0.71.0' } }));
    expect(sb.scans('trivy')).toHaveLength(2);
    await scanImages([PINNED], options(sb, { scanners: ['trivy'], env: { ...sb.env, FAKE_SCANNER_VERSION: '0.71.0' } }));
    expect(sb.scans('trivy')).toHaveLength(2);
  });

  it('never reuses a result when the DB time is unknown (Trivy client/server mode)', async () => {
    const sb = setup();
    const server = options(sb, { scanners: ['trivy'], offline: false, trivyServer: 'http://trivy.internal:4954' });
    await scanImages([PINNED], server);
    await scanImages([PINNED], server);
    expect(sb.scans('trivy')).toHaveLength(2);
    expect(entries(sb)).toEqual([]);
  });

  it('treats a corrupt, truncated or expired entry as a miss: scanned again, no failure, entry replaced', async () => {
    const sb = setup();
    const first = await scanImages([PINNED], options(sb, { scanners: ['trivy'] }));
    const [entry] = entries(sb);
    const dir = join(cacheDir(sb), entry ?? '');
    const meta = JSON.parse(readFileSync(join(dir, 'entry.json'), 'utf8')) as Record<string, unknown>;
    const breakages: [string, () => void][] = [
      ['report is not JSON', () => writeFileSync(join(dir, 'report.json'), '<html>502</html>')],
      ['report truncated', () => writeFileSync(join(dir, 'report.json'), readFileSync(join(dir, 'report.json')).subarray(0, 100))],
      ['report changed after it was stored', () => writeFileSync(join(dir, 'report.json'), JSON.stringify({ SchemaVersion: 2, ArtifactName: PINNED_NORMALIZED, ArtifactType: 'container_image', Results: [] }))],
      ['metadata is not JSON', () => writeFileSync(join(dir, 'entry.json'), '{"format": 1, ')],
      ['older than 30 days', () => writeFileSync(join(dir, 'entry.json'), JSON.stringify({ ...meta, createdAt: new Date(Date.now() - 31 * 86_400_000).toISOString() }))],
    ];
    let scans = 1;
    for (const [what, breakIt] of breakages) {
      breakIt();
      const run = await scanImages([PINNED], options(sb, { scanners: ['trivy'] }));
      expect(sb.scans('trivy'), what).toHaveLength(++scans);
      expect(reports(run), what).toEqual(reports(first));
      expect(run.warnings, what).toEqual([]);
      expect(entries(sb), what).toEqual([entry]);
    }
    await scanImages([PINNED], options(sb, { scanners: ['trivy'] }));
    expect(sb.scans('trivy')).toHaveLength(scans);
  });

  it('prunes entries older than 30 days, and leaves files that are not its own', async () => {
    const sb = setup();
    await scanImages([`busybox@${DIGEST}`], options(sb, { scanners: ['trivy'] }));
    const [old] = entries(sb);
    const meta = join(cacheDir(sb), old ?? '', 'entry.json');
    const stale = { ...(JSON.parse(readFileSync(meta, 'utf8')) as object), createdAt: new Date(Date.now() - 31 * 86_400_000).toISOString() };
    writeFileSync(meta, JSON.stringify(stale));
    writeFileSync(join(cacheDir(sb), 'README.txt'), 'kept by someone else');

    await scanImages([PINNED], options(sb, { scanners: ['trivy'] }));
    expect(entries(sb)).toHaveLength(1);
    expect(entries(sb)).not.toContain(old);
    expect(readdirSync(cacheDir(sb))).toContain('README.txt');
  });

  it('never stores a failure', async () => {
    const sb = setup();
    const crash = `crash@${DIGEST}`;
    await scanImages([crash], options(sb, { scanners: ['trivy'] }));
    const run = await scanImages([crash], options(sb, { scanners: ['trivy'] }));
    expect(sb.scans('trivy')).toHaveLength(2);
    expect(run.images[0]?.results.trivy?.ok).toBe(false);
    expect(entries(sb)).toEqual([]);
  });

  it('warns once when the cache cannot be written, and the scans still count', async () => {
    const sb = setup();
    writeFileSync(cacheDir(sb), 'a file where the directory should be');
    const run = await scanImages([PINNED, `busybox@${DIGEST}`], options(sb, { scanners: ['trivy'] }));
    expect(run.images.every((i) => i.results.trivy?.ok === true)).toBe(true);
    expect(run.warnings).toEqual([expect.stringMatching(/^Scan results were not saved in the result cache: /)]);
  });

  it('without a cache directory, scans every time as before', async () => {
    const sb = setup();
    await scanImages([PINNED], options(sb, {}, false));
    const run = await scanImages([PINNED], options(sb, {}, false));
    expect(sb.scans()).toHaveLength(4);
    expect(run.images[0]?.results.trivy).not.toHaveProperty('cached');
    expect(readdirSync(sb.root)).not.toContain('scan-results');
  });
});
