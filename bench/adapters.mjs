// node bench/adapters.mjs: how long the GitHub Action and the Azure DevOps task take on an empty
// workspace (start-up, input reading, an empty scan, every report and command), as a runner starts
// them: a fresh `node dist/…js` with the runner's environment. Target: under 0.5 s of the step's own
// time. Also prints the bundle sizes the README quotes (target: under 3 MB each).
// Run `npm run build` first: this measures the shipped bundles.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const work = mkdtempSync(join(tmpdir(), 'aks-gate-bench-adapters-'));

function actionEnv(workspace) {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: workspace };
  for (const [name, input] of Object.entries(parseYaml(readFileSync(join(root, 'action.yml'), 'utf8')).inputs)) {
    env[`INPUT_${name.toUpperCase()}`] = input.default ?? '';
  }
  env.GITHUB_OUTPUT = join(work, 'output');
  env.GITHUB_STEP_SUMMARY = join(work, 'summary');
  return env;
}

function taskEnv(sources) {
  const temp = join(work, 'agent-temp');
  mkdirSync(temp, { recursive: true });
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, TF_BUILD: 'True', AGENT_TEMPDIRECTORY: temp, BUILD_SOURCESDIRECTORY: sources, SYSTEM_DEFAULTWORKINGDIRECTORY: sources, SYSTEM_CULTURE: 'en-US' };
  for (const input of JSON.parse(readFileSync(join(root, 'task.json'), 'utf8')).inputs) {
    env[`INPUT_${input.name.toUpperCase()}`] = input.type === 'filePath' && !input.defaultValue ? sources : input.defaultValue;
  }
  return env;
}

function measure(args, env, cwd) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    writeFileSync(join(work, 'output'), '');
    writeFileSync(join(work, 'summary'), '');
    const started = process.hrtime.bigint();
    const child = spawnSync(process.execPath, args, { cwd, env, encoding: 'utf8' });
    times.push(Number(process.hrtime.bigint() - started) / 1e9);
    if (child.status !== 0) throw new Error(`${args.join(' ')} exited ${child.status}: ${(child.stdout + child.stderr).slice(-2000)}`);
  }
  times.sort((a, b) => a - b);
  return { best: times[0], median: times[Math.floor(times.length / 2)] };
}

try {
  const empty = join(work, 'workspace');
  mkdirSync(empty);
  const baseline = measure(['-e', ''], { PATH: process.env.PATH }, empty);
  const rows = [
    ['dist/action.js', measure([join(root, 'dist/action.js')], actionEnv(empty), empty)],
    ['dist/task.js', measure([join(root, 'dist/task.js')], taskEnv(empty), empty)],
  ];
  console.log(`empty workspace, ${RUNS} runs each, wall time of a fresh node process (node alone: ${(baseline.median * 1000).toFixed(0)} ms)`);
  for (const [bundle, t] of rows) {
    console.log(`${bundle.padEnd(16)} median ${(t.median * 1000).toFixed(0)} ms, best ${(t.best * 1000).toFixed(0)} ms   ${t.median < 0.5 ? 'ok' : 'MISSED'} (< 500 ms)`);
  }
  console.log('');
  for (const bundle of ['dist/action.js', 'dist/task.js', 'dist/cli.js']) {
    const size = statSync(join(root, bundle)).size;
    console.log(`${bundle.padEnd(16)} ${(size / 1e6).toFixed(2)} MB   ${size < 3e6 ? 'ok' : 'MISSED'} (< 3 MB)`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
