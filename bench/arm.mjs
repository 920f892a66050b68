// A 45,000-line compiled ARM template, as teams commit them: the real AVM managed-cluster module
// (3.5k lines) nested as inline deployments until the file passes 45,000 lines. The target:
// it scans in well under a second.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const AVM = join(root, '..', 'shared', 'fixtures', 'aks-iac', 'arm', 'avm-managed-cluster__main.json');

export function bigTemplate(minLines = 45_000) {
  const module = JSON.parse(readFileSync(AVM, 'utf8'));
  const resources = [];
  let text = '';
  for (let i = 0; text.split('\n').length < minLines; i++) {
    resources.push({
      type: 'Microsoft.Resources/deployments',
      apiVersion: '2022-09-01',
      name: `aks-${i}`,
      properties: {
        mode: 'Incremental',
        expressionEvaluationOptions: { scope: 'inner' },
        parameters: { name: { value: `aks-${i}` }, location: { value: 'westeurope' } },
        template: module,
      },
    });
    text = JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources }, null, 2);
  }
  return text;
}

export function benchArm() {
  const work = mkdtempSync(join(tmpdir(), 'aks-gate-bench-arm-'));
  try {
    const text = bigTemplate();
    writeFileSync(join(work, 'main.json'), text);
    const run = (args) => {
      const started = process.hrtime.bigint();
      const child = spawnSync(process.execPath, [join(root, 'dist/cli.js'), ...args], { cwd: work, encoding: 'utf8' });
      if (child.status !== 0 && child.status !== 1) throw new Error(child.stderr.slice(-1500));
      return { seconds: Number(process.hrtime.bigint() - started) / 1e9, stdout: child.stdout };
    };
    const best = (args) => [0, 1, 2].map(() => run(args)).reduce((a, b) => (b.seconds < a.seconds ? b : a));
    spawnSync('mkdir', [join(work, 'empty')]);
    const startup = best(['scan', 'empty', '--scanners', 'none']);
    const scan = best(['scan', 'main.json', '--scanners', 'none', '--json', 'out.json']);
    const clusters = JSON.parse(readFileSync(join(work, 'out.json'), 'utf8')).inputs.find((i) => i.path === 'main.json')?.objects ?? 0;
    return { lines: text.split('\n').length, bytes: text.length, total: scan.seconds, own: scan.seconds - startup.seconds, objects: clusters };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = benchArm();
  console.log(`ARM template of ${r.lines} lines (${(r.bytes / 1048576).toFixed(1)} MiB, ${r.objects} resources read): ${r.own.toFixed(2)} s beyond start-up (${r.total.toFixed(2)} s in all; target: well under 1 s)`);
}
