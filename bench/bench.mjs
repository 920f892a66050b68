// npm run bench: measures aks-gate's static scan on a generated tree of ~2,000 files / 20,000
// documents and prints the figures the README quotes: documents per second, peak memory, the ratio of
// the full scan to parsing the same files alone, and the CLI's start-up on an empty directory.
// Run `npm run build` first: this measures the shipped bundle, dist/cli.js.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArm } from './arm.mjs';
import { generate } from './generate.mjs';
import { benchScanPhase } from './scanners.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const work = mkdtempSync(join(tmpdir(), 'aks-gate-bench-'));
const tree = join(work, 'tree');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function measure(args) {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--require', join(root, 'bench/rss.cjs'), ...args], { cwd: work, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rss = Number(/@@maxrss (\d+)/.exec(child.stderr)?.[1] ?? NaN) / 1024; // KiB → MiB
  if (child.status !== 0 && child.status !== 1) throw new Error(`${args.join(' ')} exited ${child.status}: ${child.stderr.slice(-2000)}`);
  return { seconds, rss, stdout: child.stdout };
}

function best(runs) {
  return runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
}

const mib = (n) => `${n.toFixed(0)} MB`;
const check = (ok) => (ok ? 'ok' : 'MISSED');

try {
  const generated = generate(tree);
  console.log(`tree: ${generated.files} files, ${generated.documents} documents, ${(generated.bytes / 1048576).toFixed(1)} MiB of YAML`);

  const parse = best(Array.from({ length: RUNS }, () => measure([join(root, 'bench/parse-only.mjs'), tree])));
  const cli = join(root, 'dist/cli.js');
  const outputs = ['--sarif', join(work, 'out.sarif'), '--summary', join(work, 'out.md'), '--json', join(work, 'out.json'), '--fail-on', 'never', '--no-color'];
  // Image scanning is measured on its own below; here, the static scan.
  const scan = best(Array.from({ length: RUNS }, () => measure([cli, 'scan', tree, ...outputs, '--scanners', 'none'])));

  const empty = join(work, 'empty');
  mkdirSync(empty);
  const startup = best(Array.from({ length: Math.max(RUNS, 5) }, () => measure([cli, 'scan', empty, '--scanners', 'none'])));

  const ratio = scan.seconds / parse.seconds;
  console.log('');
  console.log(`parse only (yaml 1.1 + values)   ${parse.seconds.toFixed(2)} s   ${mib(parse.rss)} peak`);
  console.log(`full scan (all rules + reports)  ${scan.seconds.toFixed(2)} s   ${mib(scan.rss)} peak   ${Math.round(generated.documents / scan.seconds)} documents/s`);
  console.log(`scan / parse ratio               ${ratio.toFixed(2)}   (target ≤ 1.5: ${check(ratio <= 1.5)})`);
  console.log(`peak RSS of the scan             ${mib(scan.rss)}   (target ≤ 600 MB: ${check(scan.rss <= 600)})`);
  console.log(`CLI on an empty directory        ${startup.seconds.toFixed(3)} s   (target < 0.3 s: ${check(startup.seconds < 0.3)})`);
  const arm = benchArm();
  console.log(`ARM template, ${arm.lines} lines              ${arm.own.toFixed(2)} s beyond start-up   (target well under 1 s: ${check(arm.own < 0.5)})`);
  const scan2 = benchScanPhase();
  console.log(`image scan phase, ${scan2.images} images        ${scan2.wall.toFixed(2)} s, ideal ${scan2.ideal.toFixed(2)} s (${scan2.images} × ${scan2.seconds} s ÷ ${scan2.concurrency})   +${(scan2.over * 100).toFixed(1)}% (target ≤ 10%: ${check(scan2.over <= 0.1)})`);
  console.log(`(best of ${RUNS} runs each; node ${process.version}, ${process.arch}, ${(await import('node:os')).cpus().length} CPUs)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
