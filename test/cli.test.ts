// The built CLI as a user runs it: a real process, real files, real exit codes.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectValidSarif } from './helpers/sarif-schema.js';
import { tmpTree } from './helpers/tmp-tree.js';
import { BUNDLE_NODE } from './helpers/bundle-node.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'cli.js');

function cli(args: string[], cwd: string, input?: string) {
  const result = spawnSync(BUNDLE_NODE, [CLI, ...args], { cwd, encoding: 'utf8', input: input ?? '', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const PUBLIC_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: store-front
spec:
  type: LoadBalancer
  ports:
    - port: 80
`;
const INTERNAL_SERVICE = PUBLIC_SERVICE.replace('  name: store-front\n', '  name: store-front\n  annotations:\n    service.beta.kubernetes.io/azure-load-balancer-internal: "true"\n');

describe('aks-gate CLI', () => {
  it('fails the gate (exit 1) on an error finding and writes a valid SARIF with a repo-relative location', () => {
    const cwd = tmpTree({ 'deploy/svc.yaml': PUBLIC_SERVICE });
    const run = cli(['scan', '--sarif', 'out/aks-gate.sarif', '--summary', 'out/summary.md', '--json', 'out/report.json'], cwd);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/deploy\/svc\.yaml:6:3/);
    const sarif = JSON.parse(readFileSync(join(cwd, 'out/aks-gate.sarif'), 'utf8')) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    expectValidSarif(sarif);
    const result = sarif.runs[0]?.results.find((r) => r.ruleId === 'service-public-load-balancer');
    expect(result?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('deploy/svc.yaml');
    expect(result?.locations[0]?.physicalLocation.region.startLine).toBe(6);
    const json = JSON.parse(readFileSync(join(cwd, 'out/report.json'), 'utf8')) as { inputs: { path: string; status: string }[]; items: { id: string; status: string }[] };
    expect(json.inputs).toEqual([expect.objectContaining({ path: 'deploy/svc.yaml', status: 'scanned' })]);
    expect(json.items.find((i) => i.id === 'SEC-1')?.status).toBe('violated');
    expect(readFileSync(join(cwd, 'out/summary.md'), 'utf8')).toMatch(/SEC-1/);
  });

  it('passes (exit 0) when nothing reaches --fail-on, and with --fail-on never', () => {
    const cwd = tmpTree({ 'svc.yaml': INTERNAL_SERVICE, 'public.yaml': PUBLIC_SERVICE });
    expect(cli(['scan', 'svc.yaml'], cwd).code).toBe(0);
    expect(cli(['scan', '--fail-on', 'never'], cwd).code).toBe(0);
  });

  it('exits 2 with one clear line for usage and configuration errors', () => {
    const cwd = tmpTree({ 'svc.yaml': INTERNAL_SERVICE });
    for (const args of [['scan', '--no-such-flag'], ['scan', '--fail-on', 'sometimes'], ['scan', 'missing-dir'], ['frobnicate'], ['scan', '--kubernetes-version', 'latest']]) {
      const run = cli(args, cwd);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.split('\n')[0]).toMatch(/^aks-gate: \S/);
      expect(run.stderr, 'no stack trace').not.toMatch(/\n\s+at /);
    }
  });

  it('rejects a config file that names an unknown rule, and applies a valid one', () => {
    const cwd = tmpTree({ 'svc.yaml': PUBLIC_SERVICE, 'bad.yaml': 'rules:\n  no-such-rule: off\n', 'ok.yaml': 'rules:\n  service-public-load-balancer: warning\n' });
    const bad = cli(['scan', 'svc.yaml', '--config', 'bad.yaml'], cwd);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown rule "no-such-rule"/);
    expect(cli(['scan', 'svc.yaml', '--config', 'ok.yaml'], cwd).code).toBe(0);
    expect(cli(['scan', 'svc.yaml', '--config', 'ok.yaml', '--fail-on', 'warning'], cwd).code).toBe(1);
  });

  it('never echoes pipeline commands found in scanned files', () => {
    const evil = `apiVersion: v1
kind: Service
metadata:
  name: "##vso[task.setvariable variable=x]evil"
  namespace: "::set-output name=x::y"
  annotations:
    note: "::set-env name=X::y"
spec:
  type: LoadBalancer
  ports:
    - port: 80
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: "::error file=a::owned"
data:
  script: "##vso[task.setvariable variable=y]evil"
`;
    const cwd = tmpTree({ 'evil.yaml': evil, 'broken.yaml': 'kind: [##vso[task.complete result=Succeeded]\n' });
    const run = cli(['scan', '--summary', 'summary.md'], cwd);
    const everything = run.stdout + run.stderr + readFileSync(join(cwd, 'summary.md'), 'utf8');
    expect(run.code).toBe(1);
    expect(everything).toMatch(/setvariable/); // the culprit is still named...
    expect(everything).not.toMatch(/##vso\[/); // ...but cannot act as a command
    expect(everything).not.toMatch(/^\s*::/m);
    expect(everything).not.toMatch(/::(set-output|set-env|error)/);
  });

  it('scans rendered Helm output from stdin and points into the chart', () => {
    const cwd = tmpTree({
      'charts/shop/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 0.1.0\n',
      'charts/shop/templates/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  type: {{ .Values.service.type }}\n  ports:\n    - port: 80\n',
    });
    const rendered = `---\n# Source: shop/templates/service.yaml\n${PUBLIC_SERVICE}`;
    const run = cli(['scan', '-', '--json', 'r.json'], cwd, rendered);
    expect(run.code).toBe(1);
    const json = JSON.parse(readFileSync(join(cwd, 'r.json'), 'utf8')) as { findings: { ruleId: string; file: string; line: number }[] };
    expect(json.findings).toContainEqual(expect.objectContaining({ ruleId: 'service-public-load-balancer', file: 'charts/shop/templates/service.yaml', line: 6 }));
  });

  it('says plainly that nothing was scanned in an empty directory', () => {
    const cwd = tmpTree({});
    const run = cli(['scan'], cwd);
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).toMatch(/no files|nothing/i);
  });

  it('lists its rules', () => {
    const run = cli(['rules'], tmpTree({}));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^service-public-load-balancer\s+SEC-1\s+error/m);
  });
});

describe('the Node.js that runs the bundles', () => {
  it('is the one the run asks for (AKS_GATE_TEST_NODE, e.g. Node 24 in CI), and the bundle runs on it', () => {
    const version = spawnSync(BUNDLE_NODE, ['--version'], { encoding: 'utf8' }).stdout.trim();
    expect(version).toMatch(/^v(2[0-9]|[3-9][0-9])\./);
    if (process.env.AKS_GATE_TEST_NODE) expect(version).not.toBe(process.version);
    const run = spawnSync(BUNDLE_NODE, [CLI, '--version'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
