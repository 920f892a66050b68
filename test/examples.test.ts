// The shop examples, through the whole core with the example configuration: examples/compliant must
// pass every workload item of the checklist with no error and no warning, examples/noncompliant must
// violate every one of them, and every `# BREAKS <ID>` comment must be backed by a finding of that
// item in that file (a break aks-gate stops seeing is a regression).

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChecklistId } from '../shared/checklist.js';
import { parseConfig, type InputName } from '../shared/config.js';
import type { Finding, ItemStatus } from '../shared/engine.js';
import { silentLogger } from '../shared/platform.js';
import type { ScanReport } from '../shared/report.js';
import { INPUT_PROBLEM } from '../shared/rules/input-problem.js';
import { runScan } from '../shared/run.js';

const ROOT = resolve(import.meta.dirname, '..');
const CONFIG = 'examples/aks-gate.yaml';

/** The items manifests can decide. */
const WORKLOAD_ITEMS = ['SEC-1', 'SEC-2', 'SEC-3', 'SEC-4', 'SEC-5', 'SEC-6', 'SEC-7', 'HA-4', 'IAM-2'] as const;
/**
 * Not evaluated from manifests however good they are: multi-region routing, zones and SLA (HA-1),
 * monitoring (HA-2), the cluster autoscaler (HA-3), Entra ID with Azure RBAC (IAM-1), managed identity
 * (IAM-3) and audit logging (IAM-4) live in the cluster's definition or the running cluster.
 */
const CLUSTER_ONLY_ITEMS = ['HA-1', 'HA-2', 'HA-3', 'IAM-1', 'IAM-3', 'IAM-4'] as const;

const BREAKS = /#\s*BREAKS\s+((?:SEC|HA|IAM)-\d+)\b/g;

async function scan(path: string): Promise<ScanReport> {
  const inputs: Partial<Record<InputName, string>> = { path, config: CONFIG, 'fail-on': 'error' };
  // Image scanning is off here: these tests pin the workload items, whatever scanners this machine has.
  return runScan(parseConfig((name) => (name === 'scanners' ? 'none' : inputs[name])), { cwd: ROOT, logger: silentLogger });
}

function statusOf(report: ScanReport, id: ChecklistId): ItemStatus | undefined {
  return report.items.find((i) => i.id === id)?.status;
}

function show(findings: readonly Finding[]): string {
  return findings.map((f) => `\n  ${f.level} ${f.ruleId} ${f.file}:${f.region.startLine} ${f.message}`).join('');
}

function expectCleanInputs(report: ScanReport, dir: string): void {
  const files = readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.yaml')).sort();
  expect(report.inputs.map((i) => [i.path, i.status, i.reason])).toEqual(files.map((f) => [`${dir}/${f}`, 'scanned', undefined]));
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

  it('has no error and no warning, so the gate passes at fail-on error', () => {
    const errors = report.findings.filter((f) => f.level === 'error');
    const warnings = report.findings.filter((f) => f.level === 'warning');
    expect(errors, `${errors.length} errors, ${warnings.length} warnings:${show([...errors, ...warnings])}`).toEqual([]);
    expect(warnings, `${warnings.length} warnings:${show(warnings)}`).toEqual([]);
    expect(report.gate).toMatchObject({ failOn: 'error', passed: true, blocking: 0 });
  });

  it('satisfies every workload item and leaves the cluster-only items not evaluated', () => {
    const actual = report.items.map((i) => [i.id, i.status]);
    const expected = [...WORKLOAD_ITEMS.map((id) => [id, 'satisfied']), ...CLUSTER_ONLY_ITEMS.map((id) => [id, 'not-evaluated'])];
    expect(actual.sort(), show(report.findings)).toEqual(expected.sort());
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

  const marked = breakComments('examples/noncompliant');

  it('marks a deliberate break for every workload item', () => {
    expect([...new Set(marked.map(([, id]) => id))].sort()).toEqual([...WORKLOAD_ITEMS].sort());
  });

  it.each(marked)('%s: the %s break is reported', (file, id) => {
    const found = report.findings.filter((f) => f.file === file && f.checklist === id);
    expect(found.length, `no ${id} finding in ${file}; its findings:${show(report.findings.filter((f) => f.file === file))}`).toBeGreaterThan(0);
  });
});

/** Every distinct (file, item) pair named by a `# BREAKS <ID>` comment under the directory. */
function breakComments(dir: string): [string, string][] {
  const pairs = new Set<string>();
  for (const name of readdirSync(join(ROOT, dir)).sort()) {
    if (!name.endsWith('.yaml')) continue;
    const text = readFileSync(join(ROOT, dir, name), 'utf8');
    for (const match of text.matchAll(BREAKS)) pairs.add(`${dir}/${name}\u0000${match[1] ?? ''}`);
  }
  return [...pairs].map((pair) => pair.split('\u0000') as [string, string]);
}
