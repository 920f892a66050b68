// The shop examples, through the whole core with the example configuration: examples/compliant must
// pass every item of the checklist with no finding at all, examples/noncompliant must violate every
// one of them, and every `# BREAKS <ID>` comment must be backed by a finding of that item in that
// file (a break aks-gate stops seeing is a regression). Each example has its manifests at the top
// and the cluster's definition under infra/ (Terraform, azurerm v4).

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKLIST, type ChecklistId, type Evidence } from '../shared/checklist.js';
import { parseConfig, type InputName } from '../shared/config.js';
import type { Finding, ItemStatus } from '../shared/engine.js';
import { silentLogger } from '../shared/platform.js';
import type { ScanReport } from '../shared/report.js';
import { AKS_VERSIONS_AS_OF, setClockForTests } from '../shared/rules/data/aks-versions.js';
import { INPUT_PROBLEM } from '../shared/rules/input-problem.js';
import { runScan } from '../shared/run.js';

const ROOT = resolve(import.meta.dirname, '..');
const CONFIG = 'examples/aks-gate.yaml';

/** The items manifests can decide. */
const WORKLOAD_ITEMS = ['SEC-1', 'SEC-2', 'SEC-3', 'SEC-4', 'SEC-5', 'SEC-6', 'SEC-7', 'HA-4', 'IAM-2'] as const;
/** The items the cluster's definition can decide: every one with a `cluster:` bullet in CHECKLIST.md. */
const CLUSTER_ITEMS = ['SEC-1', 'SEC-2', 'SEC-3', 'SEC-5', 'SEC-6', 'SEC-7', 'HA-1', 'HA-2', 'HA-3', 'IAM-1', 'IAM-2', 'IAM-3', 'IAM-4'] as const;

/**
 * examples/compliant item by item: satisfied, with nothing missing but the evidence these tests do
 * not give: image scans (scanners are off here) and the live cluster (no probe yet).
 */
const COMPLIANT: readonly (readonly [ChecklistId, ItemStatus, readonly Evidence[]])[] = [
  ['SEC-1', 'satisfied', ['live']],
  ['SEC-2', 'satisfied', []],
  ['SEC-3', 'satisfied', []],
  ['SEC-4', 'satisfied', ['images']],
  ['SEC-5', 'satisfied', []],
  ['SEC-6', 'satisfied', ['images']],
  ['SEC-7', 'satisfied', []],
  ['HA-1', 'satisfied', []],
  ['HA-2', 'satisfied', ['live']],
  ['HA-3', 'satisfied', ['live']],
  ['HA-4', 'satisfied', ['live']],
  ['IAM-1', 'satisfied', []],
  ['IAM-2', 'satisfied', ['live']],
  ['IAM-3', 'satisfied', []],
  ['IAM-4', 'satisfied', ['live']],
];

const BREAKS = /#\s*BREAKS\s+((?:SEC|HA|IAM)-\d+)\b/g;
const MANIFEST = /\.ya?ml$/;
const TERRAFORM = /\.(tf|tfvars)$/;

// The Kubernetes version rule judges on the scan day. Pinned to the day its AKS calendar was checked,
// so the examples do not start failing on a date (the stale-calendar warning, the end of 1.36's
// support): a new calendar moves the day, and the compliant example's version must then still pass.
beforeAll(() => setClockForTests(() => new Date(`${AKS_VERSIONS_AS_OF}T12:00:00Z`)));
afterAll(() => setClockForTests(undefined));

async function scan(path: string): Promise<ScanReport> {
  const inputs: Partial<Record<InputName, string>> = { path, config: CONFIG, 'fail-on': 'error' };
  // Image scanning is off here: these tests pin the workload and cluster items, whatever scanners this machine has.
  return runScan(parseConfig((name) => (name === 'scanners' ? 'none' : inputs[name])), { cwd: ROOT, logger: silentLogger });
}

function statusOf(report: ScanReport, id: ChecklistId): ItemStatus | undefined {
  return report.items.find((i) => i.id === id)?.status;
}

function show(findings: readonly Finding[]): string {
  return findings.map((f) => `\n  ${f.level} ${f.ruleId} ${f.file}:${f.region.startLine} ${f.message}`).join('');
}

/** The input files under the directory (manifests and Terraform), as the report names them, sorted. */
function inputFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .map((f) => f.split('\\').join('/'))
    .filter((f) => MANIFEST.test(f) || TERRAFORM.test(f))
    .map((f) => `${dir}/${f}`)
    .sort();
}

function expectCleanInputs(report: ScanReport, dir: string): void {
  const files = inputFiles(dir);
  expect(report.inputs.map((i) => i.path).sort()).toEqual(files);
  const manifests = report.inputs.filter((i) => MANIFEST.test(i.path)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  expect(manifests.map((i) => [i.path, i.status, i.reason])).toEqual(files.filter((f) => MANIFEST.test(f)).map((f) => [f, 'scanned', undefined]));
  // Terraform: every file parses and every module and reference is followed; a file either holds resources
  // aks-gate reads or holds none (variables, outputs, the provider, the module calls) and says so.
  for (const input of report.inputs.filter((i) => TERRAFORM.test(i.path))) {
    const reason = input.reason ?? '';
    expect(reason, input.path).not.toMatch(/invalid HCL|not followed|not loaded/);
    if (input.status !== 'scanned') expect([input.status, reason.split(';')[0]], input.path).toEqual(['skipped', 'no AKS or related resources']);
  }
  expect(report.findings.filter((f) => f.ruleId === INPUT_PROBLEM.id)).toEqual([]);
}

describe('examples/compliant', () => {
  let report: ScanReport;
  beforeAll(async () => {
    report = await scan('examples/compliant');
  });

  it('reads every file without a problem', () => {
    expectCleanInputs(report, 'examples/compliant');
  });

  it('reads the Terraform variables and the cluster definitions of both regions', () => {
    const input = (path: string) => report.inputs.find((i) => i.path === `examples/compliant/infra/${path}`);
    expect(input('terraform.tfvars')).toMatchObject({ status: 'scanned', reason: 'variables for examples/compliant/infra' });
    const clusterFile = input('modules/aks/cluster.tf');
    expect(clusterFile?.status).toBe('scanned');
    expect(clusterFile?.reason).toMatch(/read as module\.aks_weu .*read as module\.aks_neu /);
  });

  it('has no error and no warning, so the gate passes at fail-on error', () => {
    const errors = report.findings.filter((f) => f.level === 'error');
    const warnings = report.findings.filter((f) => f.level === 'warning');
    expect(errors, `${errors.length} errors, ${warnings.length} warnings:${show([...errors, ...warnings])}`).toEqual([]);
    expect(warnings, `${warnings.length} warnings:${show(warnings)}`).toEqual([]);
    expect(report.gate).toMatchObject({ failOn: 'error', passed: true, blocking: 0 });
  });

  it('has no finding at all, not even a note', () => {
    expect(report.findings, show(report.findings)).toEqual([]);
  });

  it('satisfies every item, missing only image scans and the live cluster', () => {
    const actual = report.items.map((i) => [i.id, i.status, i.notEvaluated.map((n) => n.evidence).sort()]);
    expect(actual, show(report.findings)).toEqual(COMPLIANT.map(([id, status, missing]) => [id, status, [...missing].sort()]));
  });
});

describe('examples/noncompliant', () => {
  let report: ScanReport;
  beforeAll(async () => {
    report = await scan('examples/noncompliant');
  });

  it('reads every file without a problem', () => {
    expectCleanInputs(report, 'examples/noncompliant');
  });

  it('fails the gate', () => {
    expect(report.gate.passed).toBe(false);
    expect(report.gate.blocking).toBeGreaterThan(0);
  });

  it.each(WORKLOAD_ITEMS)('violates %s', (id) => {
    expect(statusOf(report, id)).toBe('violated');
  });

  it.each(CLUSTER_ITEMS)('violates %s in the cluster definition', (id) => {
    const found = report.findings.filter((f) => f.checklist === id && TERRAFORM.test(f.file));
    expect(found.length, `no ${id} finding in examples/noncompliant/infra:${show(report.findings.filter((f) => TERRAFORM.test(f.file)))}`).toBeGreaterThan(0);
    expect(statusOf(report, id)).toBe('violated');
  });

  const marked = breakComments('examples/noncompliant');

  it('marks a deliberate break for every workload item', () => {
    expect([...new Set(marked.filter(([file]) => MANIFEST.test(file)).map(([, id]) => id))].sort()).toEqual([...WORKLOAD_ITEMS].sort());
  });

  it('marks a deliberate break for every cluster item in the Terraform', () => {
    expect([...new Set(marked.filter(([file]) => TERRAFORM.test(file)).map(([, id]) => id))].sort()).toEqual([...CLUSTER_ITEMS].sort());
  });

  it.each(marked)('%s: the %s break is reported', (file, id) => {
    const found = report.findings.filter((f) => f.file === file && f.checklist === id);
    expect(found.length, `no ${id} finding in ${file}; its findings:${show(report.findings.filter((f) => f.file === file))}`).toBeGreaterThan(0);
  });
});

describe('the item lists above', () => {
  it('name as cluster items exactly the checklist items with cluster evidence', () => {
    const withClusterEvidence = CHECKLIST.filter((i) => (i.evidence as readonly Evidence[]).includes('cluster')).map((i) => i.id);
    expect(withClusterEvidence).toEqual([...CLUSTER_ITEMS]);
  });
});

/** Every distinct (file, item) pair named by a `# BREAKS <ID>` comment in a manifest or Terraform file under the directory. */
function breakComments(dir: string): [string, string][] {
  const pairs = new Set<string>();
  for (const file of inputFiles(dir)) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const match of text.matchAll(BREAKS)) pairs.add(`${file}\u0000${match[1] ?? ''}`);
  }
  return [...pairs].map((pair) => pair.split('\u0000') as [string, string]);
}
