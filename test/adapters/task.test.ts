// dist/task.js as an Azure Pipelines agent runs it: a fresh process with INPUT_* (filePath inputs
// rooted as the agent roots them), AGENT_TEMPDIRECTORY, BUILD_SOURCESDIRECTORY and SYSTEM_*, on a
// sources directory holding the shop examples. Asserts on the ##vso commands and the files.

import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISSUES_PER_STEP } from '../../task/issues.js';
import { expectValidSarif } from '../helpers/sarif-schema.js';
import { tmpTree } from '../helpers/tmp-tree.js';
import { EVIL_FILES, expectNoInjectedCommand } from './evil.js';
import { ROOT, runTask, TASK_BUNDLE, withoutNodeWarnings, type AzureStep, type VsoCommand } from './runners.js';

function sources(): string {
  const dir = tmpTree({});
  cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
  return dir;
}

const named = (step: AzureStep, command: string): VsoCommand[] => step.commands.filter((c) => c.command === command);
const result = (step: AzureStep): string | undefined => named(step, 'task.complete').at(-1)?.properties.result;
function outputs(step: AzureStep): Record<string, string> {
  const values: Record<string, string> = {};
  for (const c of named(step, 'task.setvariable')) if (c.properties.isOutput === 'true') values[c.properties.variable ?? ''] = c.message;
  return values;
}

interface JsonReport {
  readonly findings: readonly { readonly level: string; readonly file: string; readonly line: number; readonly column: number; readonly ruleId: string }[];
}

describe('Azure DevOps task bundle', () => {
  it('on the non-compliant example: build issues with source paths, SARIF artifact, summary, output variables, Failed', () => {
    const dir = sources();
    const step = runTask(dir, { path: 'examples/noncompliant', config: 'examples/aks-gate.yaml', jsonFile: 'out/report.json' });
    expect(withoutNodeWarnings(step.stderr)).toBe('');
    expect(result(step)).toBe('Failed');
    const report = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8')) as JsonReport;

    const issues = named(step, 'task.logissue');
    const internal = named(step, 'task.issue');
    expect(internal.map((c) => [c.properties.type, c.message])).toEqual([['error', expect.stringMatching(/^aks-gate: Gate failed: /) as string]]);
    for (const type of ['error', 'warning'] as const) {
      const all = [...issues, ...internal].filter((c) => c.properties.type === type);
      expect(all.length, type).toBeLessThanOrEqual(ISSUES_PER_STEP[type]);
    }
    expect(issues.filter((i) => i.properties.type === 'error')).toHaveLength(ISSUES_PER_STEP.error - 1);
    expect(issues.map((i) => i.properties.type)).toEqual([...issues.map((i) => i.properties.type)].sort()); // errors first
    for (const issue of issues) {
      const { sourcepath, linenumber, columnnumber, code } = issue.properties;
      expect(sourcepath).toMatch(/^examples\/noncompliant\/(infra\/)?[a-z-]+\.(yaml|tf)$/);
      expect(report.findings.some((f) => f.file === sourcepath && String(f.line) === linenumber && String(f.column) === columnnumber && f.ruleId === code), JSON.stringify(issue)).toBe(true);
    }

    const [artifact] = named(step, 'artifact.upload');
    expect(artifact?.properties).toEqual({ containerfolder: 'CodeAnalysisLogs', artifactname: 'CodeAnalysisLogs' });
    expect(artifact?.message).toBe(join(dir, 'aks-gate.sarif'));
    expectValidSarif(JSON.parse(readFileSync(artifact?.message ?? '', 'utf8')));

    const [summary] = named(step, 'task.uploadsummary');
    expect(summary?.message).toBe(join(step.tempDir, 'aks-gate.md'));
    const markdown = readFileSync(summary?.message ?? '', 'utf8');
    expect(markdown).toMatch(/^## ❌ aks-gate: gate failed\n\n[^\n]+\n\n### Checklist\n/);
    expect(markdown).toContain(`; ${report.findings.length - issues.length} more findings are in the SARIF report, published as the CodeAnalysisLogs artifact`);

    const count = (level: string): string => String(report.findings.filter((f) => f.level === level).length);
    expect(outputs(step)).toMatchObject({ sarifFile: join(dir, 'aks-gate.sarif'), passed: 'false', errors: count('error'), warnings: count('warning') });
    expect(Object.keys(outputs(step))).toEqual(['sarifFile', 'passed', 'errors', 'warnings', 'itemsViolated', 'itemsNotEvaluated']);
  });

  it('treats empty filePath inputs (the agent passes the sources directory) as not given', () => {
    const dir = sources();
    const step = runTask(dir, { path: 'examples/compliant', sarifFile: '', config: '', jsonFile: '', summaryFile: '' });
    expect(step.stdout).not.toMatch(/EISDIR|config file not found/);
    expect(named(step, 'artifact.upload')[0]?.message).toBe(join(dir, 'aks-gate.sarif'));
    expect(existsSync(join(dir, 'aks-gate.sarif'))).toBe(true);
  });

  it('Succeeded on the compliant example, SucceededWithIssues when findings stay under fail-on', () => {
    const dir = sources();
    const good = runTask(dir, { path: 'examples/compliant', config: 'examples/aks-gate.yaml' });
    expect(result(good)).toBe('Succeeded');
    expect(named(good, 'task.logissue')).toEqual([]);
    expect(outputs(good)).toMatchObject({ passed: 'true', errors: '0', warnings: '0' });

    const never = runTask(dir, { path: 'examples/noncompliant', failOn: 'never', summary: 'false' });
    expect(result(never)).toBe('SucceededWithIssues');
    expect(named(never, 'task.uploadsummary')).toEqual([]);
    expect(outputs(never).passed).toBe('true');
  });

  it('fails with one line naming a wrong input by its task name', () => {
    const dir = sources();
    for (const [input, value, message] of [
      ['failOn', 'sometimes', 'aks-gate: failOn must be one of error, warning, note, never (got "sometimes")'],
      ['maxFileSize', 'huge', 'aks-gate: maxFileSize must be a size like 10MiB or 5000000 (got "huge")'],
      ['summary', 'maybe', 'aks-gate: summary must be true or false (got "maybe")'],
    ] as const) {
      const step = runTask(dir, { [input]: value });
      expect(result(step), input).toBe('Failed');
      expect(named(step, 'task.complete')[0]?.message).toBe(message);
      expect(named(step, 'task.issue').map((c) => c.message)).toEqual([message]);
      expect(step.stdout + step.stderr, 'no stack trace').not.toMatch(/\n\s+at /);
    }
  });

  it('never lets a scanned file issue a ##vso command', () => {
    const step = runTask(tmpTree(EVIL_FILES), { failOn: 'never' });
    expect(result(step)).toBe('SucceededWithIssues');
    expect(step.stdout).toMatch(/setvariable/); // the culprit is named...
    expectNoInjectedCommand(step.stdout + step.stderr); // ...but cannot act
    const expected = ['task.debug', 'task.logissue', 'artifact.upload', 'task.setvariable', 'task.uploadsummary', 'task.issue', 'task.complete'];
    expect(step.commands.filter((c) => !expected.includes(c.command))).toEqual([]);
    expect(named(step, 'task.setvariable').map((c) => c.properties.variable)).toEqual(['sarifFile', 'passed', 'errors', 'warnings', 'itemsViolated', 'itemsNotEvaluated']);
  });

  it("finds its messages and task-lib's from the bundle", () => {
    const ok = runTask(sources(), { path: 'examples/compliant' });
    expect(ok.stdout).toMatch(/^SARIF report \S+aks-gate\.sarif published as the CodeAnalysisLogs artifact/m);
    expect(ok.stdout).not.toMatch(/LIB_|SarifPublished|Resource file haven't been set|Can't find loc string/);

    // Without task.json beside it, task-lib says so in its own words (embedded in the bundle).
    const lone = tmpTree({});
    mkdirSync(join(lone, 'dist'));
    copyFileSync(TASK_BUNDLE, join(lone, 'dist', 'task.js'));
    const broken = runTask(sources(), {}, { bundle: join(lone, 'dist', 'task.js') });
    expect(result(broken)).toBe('Failed');
    expect(named(broken, 'task.complete')[0]?.message).toBe(`aks-gate: internal error, please report it: Not found resource file path: ${join(lone, 'task.json')}`);
  });
});
