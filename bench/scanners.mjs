// The image-scan phase against the ideal: 100 images through a fake Trivy that takes a fixed time per
// image. Ideal wall time = images × time ÷ concurrency; the target is within 10% of it. Measures the
// bundled CLI (dist/cli.js), so run `npm run build` first.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const IMAGES = Number(process.env.BENCH_IMAGES ?? 100);
const SECONDS = Number(process.env.BENCH_SCAN_SECONDS ?? 0.5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);

export function benchScanPhase() {
  const work = mkdtempSync(join(tmpdir(), 'aks-gate-bench-scan-'));
  try {
    const images = Array.from({ length: IMAGES }, (_, i) => `registry.example.com/team/app-${i}:1.0.${i}`);
    writeFileSync(join(work, 'images.txt'), images.join('\n') + '\n');
    const args = [join(root, 'dist/cli.js'), 'scan', join(work, 'empty'), '--image-file', 'images.txt', '--scanners', 'trivy', '--scan-concurrency', String(CONCURRENCY), '--fail-on', 'never', '--no-color'];
    spawnSync('mkdir', [join(work, 'empty')]);
    const env = {
      ...process.env,
      PATH: `${join(root, 'bench/fakes')}:${process.env.PATH ?? ''}`,
      BENCH_SCAN_SECONDS: String(SECONDS),
      BENCH_REPORT: join(root, '..', 'shared', 'fixtures', 'scanners', 'trivy', 'trivy-image-sle-micro-rancher-5.4-zero-vulns.json'),
    };
    const started = process.hrtime.bigint();
    const child = spawnSync(process.execPath, args, { cwd: work, env, encoding: 'utf8', maxBuffer: 1 << 26 });
    const wall = Number(process.hrtime.bigint() - started) / 1e9;
    if (child.status !== 0) throw new Error(`scan exited ${child.status}: ${child.stderr.slice(-1500)}`);
    const finished = (child.stderr.match(/^\[\d+\/\d+\]/gm) ?? []).length;
    const ideal = (IMAGES * SECONDS) / CONCURRENCY;
    return { images: IMAGES, finished, seconds: SECONDS, concurrency: CONCURRENCY, wall, ideal, over: wall / ideal - 1 };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = benchScanPhase();
  console.log(`image scan phase: ${r.finished}/${r.images} images × ${r.seconds} s at concurrency ${r.concurrency}: ${r.wall.toFixed(2)} s, ideal ${r.ideal.toFixed(2)} s (+${(r.over * 100).toFixed(1)}%, target ≤ 10%: ${r.over <= 0.1 ? 'ok' : 'MISSED'})`);
}
