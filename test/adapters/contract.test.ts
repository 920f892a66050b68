// The shared input contract: the core's INPUTS, action.yml and task.json name the same inputs (each in
// its ecosystem's case), with the same defaults and meaning; the two adapters declare the same
// pipeline-only inputs and outputs. Whoever adds an input to INPUTS finds out here what else to change.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as actionInputs from '../../action/inputs.js';
import { OUTPUTS } from '../../action/outputs.js';
import { INPUTS, type InputName } from '../../shared/config.js';
import { FAIL_ON } from '../../shared/levels.js';
import * as taskInputs from '../../task/inputs.js';
import { OUTPUT_VARIABLES } from '../../task/outputs.js';
import { actionManifest, ROOT, taskManifest } from './runners.js';

const CORE = Object.keys(INPUTS) as InputName[];
const camel = taskInputs.taskInputName;
const coreDefault = (name: string): string =>
  actionInputs.PIPELINE_DEFAULTS[name as InputName] ?? (INPUTS as Record<string, { default: string }>)[name]?.default ?? (actionInputs.PIPELINE_INPUTS as Record<string, { default: string }>)[name]?.default ?? '<none>';
const coreDescription = (name: string): string =>
  (INPUTS as Record<string, { description: string }>)[name]?.description ?? (actionInputs.PIPELINE_INPUTS as Record<string, { description: string }>)[name]?.description ?? '<none>';

describe('input contract', () => {
  it('keeps the fixed names: path, fail-on, sarif-file (GitHub) and path, failOn, sarifFile (Azure DevOps)', () => {
    const action = Object.keys(actionManifest().inputs);
    const task = taskManifest().inputs.map((i) => i.name);
    expect(action).toEqual(expect.arrayContaining(['path', 'fail-on', 'sarif-file']));
    expect(task).toEqual(expect.arrayContaining(['path', 'failOn', 'sarifFile']));
    expect(actionManifest().inputs.path?.default).toBe('.');
  });

  it('declares the same pipeline-only inputs and pipeline defaults in both adapters', () => {
    expect(taskInputs.PIPELINE_INPUTS).toEqual(actionInputs.PIPELINE_INPUTS);
    expect(taskInputs.PIPELINE_DEFAULTS).toEqual(actionInputs.PIPELINE_DEFAULTS);
    for (const name of Object.keys(actionInputs.PIPELINE_INPUTS)) expect(CORE, `${name} is the core's now: drop it from PIPELINE_INPUTS`).not.toContain(name);
  });

  it('action.yml has exactly the core inputs and the pipeline ones, kebab-case, with their defaults and descriptions', () => {
    const { inputs } = actionManifest();
    const expected = [...CORE, ...Object.keys(actionInputs.PIPELINE_INPUTS)];
    expect(Object.keys(inputs).sort(), 'action.yml inputs vs INPUTS + PIPELINE_INPUTS').toEqual([...expected].sort());
    for (const name of expected) {
      const input = inputs[name];
      expect(name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(input?.default ?? '', `action.yml default of ${name}`).toBe(coreDefault(name));
      expect(input?.description, `action.yml description of ${name}`).toMatch(new RegExp(`^${escapeRegExp(coreDescription(name))}`));
      expect(input?.required ?? false, name).toBe(false);
    }
  });

  it('task.json has exactly the same inputs, camelCase, with their defaults, help and presentation', () => {
    const { inputs } = taskManifest();
    const presented = Object.keys(taskInputs.PRESENTATION) as taskInputs.TaskInput[];
    expect(inputs.map((i) => i.name).sort(), 'task.json inputs vs INPUTS + PIPELINE_INPUTS').toEqual([...CORE, ...Object.keys(taskInputs.PIPELINE_INPUTS)].map(camel).sort());
    expect(new Set(presented.map(camel)).size).toBe(presented.length);
    for (const name of presented) {
      const presentation = taskInputs.PRESENTATION[name];
      const input = inputs.find((i) => i.name === camel(name));
      expect(input?.name, name).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
      expect(input?.defaultValue, `task.json defaultValue of ${camel(name)}`).toBe(coreDefault(name));
      expect(input?.helpMarkDown, `task.json help of ${camel(name)}`).toMatch(new RegExp(`^${escapeRegExp(coreDescription(name))}`));
      expect(input?.required, name).toBe(false);
      expect({ type: input?.type, label: input?.label, group: input?.groupName, visibleRule: input?.visibleRule, options: input?.options }, camel(name)).toEqual({
        type: presentation.type,
        label: presentation.label,
        group: presentation.group,
        visibleRule: presentation.visibleRule,
        options: presentation.options,
      });
    }
    expect(Object.keys(inputs.find((i) => i.name === 'failOn')?.options ?? {})).toEqual([...FAIL_ON]);
  });

  it('groups every input under a declared group, declares no unused group, and writes visibleRules the service accepts', () => {
    const { groups, inputs } = taskManifest();
    expect(groups.map((g) => ({ name: g.name, displayName: g.displayName, isExpanded: g.isExpanded }))).toEqual(
      Object.entries(taskInputs.GROUPS).map(([name, g]) => ({ name, displayName: g.displayName, isExpanded: g.isExpanded })),
    );
    const used = new Set(inputs.map((i) => i.groupName).filter((g) => g !== undefined));
    expect([...used].sort()).toEqual(groups.map((g) => g.name).sort());
    const names = new Set(inputs.map((i) => i.name));
    for (const rule of [...inputs.map((i) => i.visibleRule), ...groups.map((g) => g.visibleRule)].filter((r) => r !== undefined)) {
      // "a = b", "a != b", joined with && or || but never both (the service rejects a mix and parentheses).
      expect(rule.includes('&&') && rule.includes('||'), rule).toBe(false);
      for (const clause of rule.split(/&&|\|\|/)) {
        const match = /^\s*([A-Za-z][A-Za-z0-9]*)\s*(=|!=)\s*[A-Za-z0-9]+\s*$/.exec(clause);
        expect(match, `visibleRule clause "${clause}"`).not.toBeNull();
        expect(names.has(match?.[1] ?? ''), `visibleRule names input ${match?.[1]}`).toBe(true);
      }
    }
  });

  it('sets the same outputs: action.yml outputs and task.json output variables', () => {
    expect(Object.keys(actionManifest().outputs)).toEqual([...OUTPUTS]);
    expect(taskManifest().OutputVariables.map((o) => o.name)).toEqual([...OUTPUT_VARIABLES]);
    expect([...OUTPUT_VARIABLES]).toEqual(OUTPUTS.map(camel));
  });

  it('runs the bundles: node24 for the Action, Node20_1 and Node24 for the task, targets that exist', () => {
    expect(actionManifest().runs).toEqual({ using: 'node24', main: 'dist/action.js' });
    const { execution } = taskManifest();
    expect(Object.keys(execution).sort()).toEqual(['Node20_1', 'Node24']);
    for (const handler of Object.values(execution)) expect(handler.target).toBe('dist/task.js');
    for (const file of ['dist/action.js', 'dist/task.js', 'dist/cli.js']) expect(existsSync(join(ROOT, file)), `${file} (npm run build)`).toBe(true);
  });

  it('passes the checks tfx and the service make of task.json and vss-extension.json', () => {
    const task = taskManifest();
    expect(task.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(task.name).toMatch(/^[A-Za-z0-9-]+$/);
    expect(task.friendlyName.length).toBeLessThanOrEqual(40);
    expect(task.version.Major).toBe(1);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const extension = JSON.parse(readFileSync(join(ROOT, 'vss-extension.json'), 'utf8')) as { version: string; contributions: { type: string; properties: { name: string } }[] };
    expect(extension.version, 'vss-extension.json version follows package.json').toBe(pkg.version);
    expect(extension.contributions.filter((c) => c.type === 'ms.vss-distributed-task.task')).toHaveLength(1);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
