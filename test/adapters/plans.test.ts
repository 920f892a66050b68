// What the adapters decide on their own, as pure functions: which findings become annotations or
// build issues within each runner's limits, and how inputs are read (booleans, empty filePath inputs,
// error messages that name the input as the user wrote it).

import { describe, expect, it } from 'vitest';
import { annotationNote, ANNOTATIONS_PER_STEP, planAnnotations } from '../../action/annotations.js';
import { readActionInputs } from '../../action/inputs.js';
import { ConfigurationError } from '../../shared/errors.js';
import type { Level } from '../../shared/levels.js';
import { STDIN_NAME } from '../../shared/sources/load.js';
import { readTaskInputs, withTaskNames, type TaskInputSource } from '../../task/inputs.js';
import { issueNote, ISSUES_PER_STEP, planIssues } from '../../task/issues.js';
import { makeFinding } from '../helpers/report-factory.js';

const times = (kind: string, n: number): string[] => Array.from({ length: n }, () => kind);

function findings(counts: Partial<Record<Level, number>>) {
  return (['note', 'warning', 'error'] as const).flatMap((level) =>
    Array.from({ length: counts[level] ?? 0 }, (_, i) => makeFinding({ level, line: i + 1, ruleId: `rule-${level}`, pointer: `/${i}` })),
  );
}

describe('GitHub annotations', () => {
  it('annotates the most severe first, at most 10 of each kind, and counts the rest', () => {
    const plan = planAnnotations(findings({ error: 15, warning: 12, note: 3 }), ANNOTATIONS_PER_STEP);
    expect(plan.annotations.map((a) => a.kind)).toEqual([...times('error', 10), ...times('warning', 10), ...times('notice', 3)]);
    expect(plan.left).toBe(5 + 2);
    expect(plan.annotations[0]?.properties).toEqual({ title: 'rule-error (SEC-1)', file: 'k8s/app.yaml', startLine: 1, startColumn: 1 });
    expect(annotationNote(plan, 'aks-gate.sarif')).toMatch(/the 23 most severe findings are annotated .*; 7 more findings are in the SARIF file aks-gate\.sarif\.$/);
  });

  it('leaves room for what the step itself says (its failure line, the core warnings)', () => {
    const plan = planAnnotations(findings({ error: 15 }), { ...ANNOTATIONS_PER_STEP, error: 9 });
    expect(plan.annotations).toHaveLength(9);
    expect(plan.left).toBe(6);
  });

  it('points nowhere for stdin and makes scanned text inert', () => {
    const [annotation] = planAnnotations([makeFinding({ file: STDIN_NAME, message: 'Service "::set-env name=X::y" is public.\n::error::x' })], ANNOTATIONS_PER_STEP).annotations;
    expect(annotation?.properties.file).toBeUndefined();
    expect(annotation?.message).not.toMatch(/::|\n/);
  });
});

describe('Azure DevOps build issues', () => {
  it('lists the most severe errors and warnings within the agent limit; notes are never issues', () => {
    const plan = planIssues(findings({ error: 3, warning: 14, note: 4 }), ISSUES_PER_STEP);
    expect(plan.issues.map((i) => i.type)).toEqual([...times('error', 3), ...times('warning', 10)]);
    expect(plan.left).toBe(4 + 4);
    expect(plan.issues[0]).toMatchObject({ code: 'rule-error', sourcePath: 'k8s/app.yaml', line: 1, column: 1 });
    expect(issueNote(plan)).toMatch(/8 more findings are in the SARIF report, published as the CodeAnalysisLogs artifact/);
  });

  it('makes scanned text inert', () => {
    const [issue] = planIssues([makeFinding({ message: 'x ##vso[task.setvariable variable=x]evil' })], ISSUES_PER_STEP).issues;
    expect(issue?.message).not.toContain('##vso[');
  });
});

describe('reading inputs', () => {
  it('Action: defaults the SARIF file, reads summary as a boolean, names a wrong input in one line', () => {
    const read = (inputs: Record<string, string>) => readActionInputs((name) => inputs[name] ?? '');
    expect(read({}).config.sarifFile).toBe('aks-gate.sarif');
    expect(read({ summary: 'False' }).summary).toBe(false);
    expect(() => read({ summary: 'maybe' })).toThrow(new ConfigurationError('summary must be true or false (got "maybe")'));
    expect(() => read({ 'fail-on': 'sometimes' })).toThrow(/^fail-on must be one of error, warning, note, never \(got "sometimes"\)$/);
  });

  it('task: an empty filePath input (the sources directory) is not given; messages use the task names', () => {
    const sources = '/agent/_work/1/s';
    const source = (inputs: Record<string, string>): TaskInputSource => ({
      getInput: (name) => inputs[name],
      getPathInput: (name) => inputs[name],
      filePathSupplied: (name) => (inputs[name] ?? '') !== sources,
    });
    const empty = readTaskInputs(source({ sarifFile: sources, config: sources, jsonFile: sources, summaryFile: sources }));
    expect(empty.config).toMatchObject({ sarifFile: 'aks-gate.sarif', configFile: undefined, jsonFile: undefined, summaryFile: undefined });
    expect(readTaskInputs(source({ config: `${sources}/aks-gate.yaml` })).config.configFile).toBe(`${sources}/aks-gate.yaml`);
    expect(() => readTaskInputs(source({ failOn: 'sometimes' }))).toThrow(/^failOn must be one of/);
    expect(() => readTaskInputs(source({ kubernetesVersion: 'latest' }))).toThrow(/^kubernetesVersion must look like/);
    expect(withTaskNames('max-file-size must be a size; config is fine; var-file too')).toBe('maxFileSize must be a size; config is fine; varFile too');
  });
});
