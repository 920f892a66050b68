// dist/action.js as a GitHub runner runs it: a fresh process with INPUT_*, GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY and GITHUB_WORKSPACE, on a workspace holding the shop examples. Asserts on the
// files it writes and the workflow commands it prints, never on its sources.

import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANNOTATIONS_PER_STEP } from '../../action/annotations.js';
import { expectValidSarif } from '../helpers/sarif-schema.js';
import { tmpTree } from '../helpers/tmp-tree.js';
import { EVIL_FILES, expectNoInjectedCommand } from './evil.js';
import { ROOT, runAction, withoutNodeWarnings, workflowCommands } from './runners.js';

function workspace(files: Record<string, string> = {}): string {
  const dir = tmpTree(files);
  cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
  return dir;
}

interface JsonReport {
  readonly findings: readonly { readonly level: string; readonly file: string; readonly line: number; readonly column: number; readonly ruleId: string }[];
  readonly items: readonly { readonly status: string }[];
}

describe('GitHub Action bundle', () => {
  it('on the non-compliant example: SARIF, outputs, scorecard summary, annotations within limits, failed step', () => {
    const ws = workspace();
    const step = runAction(ws, { path: 'examples/noncompliant', config: 'examples/aks-gate.yaml', 'json-file': 'out/report.json' });
    expect(withoutNodeWarnings(step.stderr)).toBe('');
    expect(step.code).toBe(1);

    const sarif = JSON.parse(readFileSync(join(ws, 'aks-gate.sarif'), 'utf8')) as { runs: { results: unknown[] }[] };
    expectValidSarif(sarif);
    const report = JSON.parse(readFileSync(join(ws, 'out/report.json'), 'utf8')) as JsonReport;
    expect(sarif.runs[0]?.results).toHaveLength(report.findings.length);
    const count = (level: string): string => String(report.findings.filter((f) => f.level === level).length);
    expect(step.outputs).toEqual({
      'sarif-file': 'aks-gate.sarif',
      passed: 'false',
      errors: count('error'),
      warnings: count('warning'),
      'items-violated': String(report.items.filter((i) => i.status === 'violated').length),
      'items-not-evaluated': String(report.items.filter((i) => i.status === 'not-evaluated').length),
    });

    // The scorecard comes right after the verdict; the findings after it.
    expect(step.summary).toMatch(/^## ❌ aks-gate: gate failed\n\n[^\n]+\n\n### Checklist\n/);
    expect(step.summary.indexOf('### Checklist')).toBeLessThan(step.summary.indexOf('### Findings'));

    const commands = workflowCommands(step.stdout);
    const annotations = commands.filter((c) => ['error', 'warning', 'notice'].includes(c.command));
    for (const kind of ['error', 'warning', 'notice'] as const) {
      expect(annotations.filter((a) => a.command === kind).length, kind).toBeLessThanOrEqual(ANNOTATIONS_PER_STEP[kind]);
    }
    const failure = annotations.at(-1);
    expect(failure).toMatchObject({ command: 'error', properties: {} });
    expect(failure?.message).toMatch(/^aks-gate: Gate failed: \d+ findings at or above "error"/);
    // Every other error annotation is a finding, with its file, line and column, most severe first.
    const located = annotations.slice(0, -1);
    expect(located.map((a) => a.command)).toEqual([...located.map((a) => a.command)].sort((a, b) => rank(b) - rank(a)));
    expect(located.filter((a) => a.command === 'error')).toHaveLength(Math.min(Number(count('error')), ANNOTATIONS_PER_STEP.error - 1));
    for (const a of located) {
      const finding = report.findings.find((f) => f.file === a.properties.file && String(f.line) === a.properties.line && String(f.column) === a.properties.col);
      expect(finding, JSON.stringify(a)).toBeDefined();
      expect(a.properties.title).toMatch(/^[a-z0-9-]+ \((SEC|HA|IAM)-\d+\)$/);
    }
    const more = report.findings.length - located.length;
    expect(step.summary).toContain(`; ${more} more findings are in the SARIF file aks-gate.sarif.`);
    // The console report is in the log, with commands stopped around it.
    expect(step.stdout).toMatch(/::stop-commands::(\S+)\n[\s\S]*Gate failed[\s\S]*\n::\1::\n/);
  });

  it('passes on the compliant example, and reports without failing with fail-on: never', () => {
    const ws = workspace();
    const good = runAction(ws, { path: 'examples/compliant', config: 'examples/aks-gate.yaml' });
    expect(good.code).toBe(0);
    expect(good.outputs).toMatchObject({ passed: 'true', errors: '0', warnings: '0' });
    expect(workflowCommands(good.stdout).filter((c) => c.command === 'error')).toEqual([]);
    expect(good.summary).toMatch(/^## ✅ aks-gate: gate passed/);

    const never = runAction(ws, { path: 'examples/noncompliant', 'fail-on': 'never', summary: 'false' });
    expect(never.code).toBe(0);
    expect(never.outputs.passed).toBe('true');
    expect(Number(never.outputs.errors)).toBeGreaterThan(0);
    expect(workflowCommands(never.stdout).filter((c) => c.command === 'error').length).toBeGreaterThan(0);
    expect(never.summary, 'summary: false').toBe('');
  });

  it('fails the step with one line naming a wrong input', () => {
    const ws = workspace();
    for (const [input, value, message] of [
      ['fail-on', 'sometimes', 'aks-gate: fail-on must be one of error, warning, note, never (got "sometimes")'],
      ['summary', 'maybe', 'aks-gate: summary must be true or false (got "maybe")'],
      ['kubernetes-version', 'latest', 'aks-gate: kubernetes-version must look like 1.30 (got "latest")'],
    ] as const) {
      const step = runAction(ws, { [input]: value });
      expect(step.code, input).toBe(1);
      expect(workflowCommands(step.stdout), input).toEqual([{ command: 'error', properties: {}, message }]);
      expect(step.stdout + step.stderr, 'no stack trace').not.toMatch(/\n\s+at /);
      expect(existsSync(join(ws, 'aks-gate.sarif'))).toBe(false);
    }
  });

  it('never lets a scanned file issue a workflow command', () => {
    const ws = tmpTree(EVIL_FILES);
    const step = runAction(ws, { 'fail-on': 'never' });
    expect(step.code).toBe(0);
    expect(step.stdout).toMatch(/setvariable/); // the culprit is named...
    expectNoInjectedCommand(step.stdout + step.stderr); // ...but cannot act
    expect(workflowCommands(step.stdout).map((c) => c.command).filter((c) => !['error', 'warning', 'notice', 'debug'].includes(c))).toEqual([]);
  });

  it('says in the summary that an empty workspace had nothing to scan, and passes', () => {
    const step = runAction(tmpTree({}));
    expect(step.code).toBe(0);
    expect(step.outputs.passed).toBe('true');
    expect(step.summary).toMatch(/No files to scan were found/);
  });
});

function rank(kind: string): number {
  return kind === 'error' ? 3 : kind === 'warning' ? 2 : 1;
}
