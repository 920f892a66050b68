// Runs the built adapters the way the two CI runners do: a fresh Node process with the environment a
// GitHub Actions runner or an Azure Pipelines agent gives a step, and parsers for what they read back
// (workflow commands, ##vso commands, $GITHUB_OUTPUT).

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { tmpTree } from '../helpers/tmp-tree.js';
import { BUNDLE_NODE } from '../helpers/bundle-node.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const ACTION_BUNDLE = join(ROOT, 'dist', 'action.js');
export const TASK_BUNDLE = join(ROOT, 'dist', 'task.js');

export interface ActionManifest {
  readonly inputs: Record<string, { readonly description: string; readonly default?: string; readonly required?: boolean }>;
  readonly outputs: Record<string, { readonly description: string }>;
  readonly runs: { readonly using: string; readonly main: string };
}

export interface TaskManifest {
  readonly id: string;
  readonly name: string;
  readonly friendlyName: string;
  readonly version: { readonly Major: number; readonly Minor: number; readonly Patch: number };
  readonly groups: readonly { readonly name: string; readonly displayName: string; readonly isExpanded?: boolean; readonly visibleRule?: string }[];
  readonly inputs: readonly {
    readonly name: string;
    readonly type: string;
    readonly label: string;
    readonly defaultValue: string;
    readonly required: boolean;
    readonly helpMarkDown: string;
    readonly groupName?: string;
    readonly visibleRule?: string;
    readonly options?: Record<string, string>;
  }[];
  readonly OutputVariables: readonly { readonly name: string; readonly description: string }[];
  readonly execution: Record<string, { readonly target: string }>;
  readonly messages?: Record<string, string>;
}

export function actionManifest(): ActionManifest {
  return parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionManifest;
}

export function taskManifest(): TaskManifest {
  return JSON.parse(readFileSync(join(ROOT, 'task.json'), 'utf8')) as TaskManifest;
}

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** stderr less Node's own deprecation warnings (a newer Node may warn about a dependency). */
export function withoutNodeWarnings(stderr: string): string {
  return stderr.replace(/^\(node:\d+\) .*\n(?:\(Use `node --trace-.*\n)?/gm, '');
}

/** The environment a step runs in on both runners, without this test process's own variables. */
function baseEnv(): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', CI: 'true' };
}

// ---------------------------------------------------------------------------------------------------
// GitHub Actions

export interface GitHubStep extends Run {
  readonly outputs: Record<string, string>;
  readonly summary: string;
}

/**
 * Runs dist/action.js as the runner runs a `uses:` step: every input of action.yml as INPUT_<NAME>
 * (name upper-cased, spaces to underscores, hyphens kept), its default unless `with` sets it; the
 * working directory is $GITHUB_WORKSPACE; outputs and the summary go to files the runner created.
 */
export function runAction(workspace: string, withInputs: Record<string, string> = {}, bundle = ACTION_BUNDLE): GitHubStep {
  const runnerTemp = tmpTree({ '_runner_file_commands/.keep': '' });
  const outputFile = join(runnerTemp, '_runner_file_commands', 'set_output');
  const summaryFile = join(runnerTemp, '_runner_file_commands', 'step_summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(actionManifest().inputs)) {
    inputs[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = withInputs[name] ?? input.default ?? '';
  }
  for (const name of Object.keys(withInputs)) {
    if (!(name in actionManifest().inputs)) throw new Error(`action.yml has no input "${name}"`);
  }
  const env = {
    ...baseEnv(),
    ...inputs,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_ENV: join(runnerTemp, '_runner_file_commands', 'set_env'),
    GITHUB_PATH: join(runnerTemp, '_runner_file_commands', 'add_path'),
    GITHUB_STATE: join(runnerTemp, '_runner_file_commands', 'save_state'),
    GITHUB_ACTION: '__aks-gate_aks-gate',
    GITHUB_ACTION_PATH: ROOT,
    GITHUB_REPOSITORY: 'contoso/shop',
    GITHUB_SHA: '0000000000000000000000000000000000000000',
    GITHUB_REF: 'refs/pull/1/merge',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_RUN_ID: '1',
    GITHUB_JOB: 'aks-gate',
    RUNNER_OS: 'Linux',
    RUNNER_TEMP: runnerTemp,
  };
  const result = spawnSync(BUNDLE_NODE, [bundle], { cwd: workspace, env, encoding: 'utf8' });
  return {
    code: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
  };
}

/** `name<<DELIMITER\nvalue\nDELIMITER` blocks, as @actions/core writes $GITHUB_OUTPUT. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const block = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(block)) outputs[match[1] ?? ''] = match[3] ?? '';
  return outputs;
}

export interface WorkflowCommand {
  readonly command: string;
  readonly properties: Record<string, string>;
  readonly message: string;
}

/**
 * Every workflow command the runner would act on: `::name key=value,…::message` at the start of a
 * line (leading blanks allowed), skipping what lies between `::stop-commands::TOKEN` and `::TOKEN::`.
 */
export function workflowCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  let stopToken: string | undefined;
  for (const raw of stdout.split(/\r?\n/)) {
    const line = raw.trimStart();
    if (stopToken !== undefined) {
      if (line === `::${stopToken}::`) stopToken = undefined;
      continue;
    }
    const match = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!match) continue;
    const [, command = '', props = '', message = ''] = match;
    if (command === 'stop-commands') {
      stopToken = message;
      continue;
    }
    const properties: Record<string, string> = {};
    for (const pair of props.split(',').filter(Boolean)) {
      const eq = pair.indexOf('=');
      properties[pair.slice(0, eq)] = unescapeGitHub(pair.slice(eq + 1));
    }
    commands.push({ command, properties, message: unescapeGitHub(message) });
  }
  return commands;
}

function unescapeGitHub(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

// ---------------------------------------------------------------------------------------------------
// Azure Pipelines

export interface AzureStep extends Run {
  readonly commands: readonly VsoCommand[];
  /** Agent.TempDirectory of the run. */
  readonly tempDir: string;
}

export interface AzureRunOptions {
  readonly bundle?: string;
  /** Agent temp directory; a fresh one beside the sources by default. */
  readonly tempDir?: string;
}

/**
 * Runs dist/task.js as the agent runs a Node handler: every input of task.json as INPUT_<NAME>
 * (upper-cased), its default unless `inputs` sets it; filePath inputs rooted at the sources
 * directory as the agent does (an empty one becomes the sources directory itself); variables as
 * environment (Build.SourcesDirectory → BUILD_SOURCESDIRECTORY, …).
 */
export function runTask(sources: string, inputs: Record<string, string> = {}, options: AzureRunOptions = {}): AzureStep {
  const temp = options.tempDir ?? tmpTree({});
  const manifest = taskManifest();
  for (const name of Object.keys(inputs)) {
    if (!manifest.inputs.some((i) => i.name === name)) throw new Error(`task.json has no input "${name}"`);
  }
  const env: Record<string, string> = {
    ...baseEnv(),
    TF_BUILD: 'True',
    AGENT_TEMPDIRECTORY: temp,
    AGENT_WORKFOLDER: temp,
    AGENT_VERSION: '4.260.0',
    BUILD_SOURCESDIRECTORY: sources,
    BUILD_BUILDID: '1',
    SYSTEM_DEFAULTWORKINGDIRECTORY: sources,
    SYSTEM_CULTURE: 'en-US',
    SYSTEM_HOSTTYPE: 'build',
    SYSTEM_TEAMPROJECT: 'shop',
    SYSTEM_TEAMFOUNDATIONCOLLECTIONURI: 'https://dev.azure.com/contoso/',
  };
  for (const input of manifest.inputs) {
    let value = (inputs[input.name] ?? input.defaultValue).trim();
    if (input.type === 'filePath') value = value === '' ? sources : isAbsolute(value) ? value : join(sources, value);
    env[`INPUT_${input.name.replace(/[.\s]/g, '_').toUpperCase()}`] = value;
  }
  const result = spawnSync(BUNDLE_NODE, [options.bundle ?? TASK_BUNDLE], { cwd: sources, env, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, commands: vsoCommands(result.stdout), tempDir: temp };
}

export interface VsoCommand {
  readonly command: string;
  readonly properties: Record<string, string>;
  readonly message: string;
}

/** Every `##vso[area.action key=value;…]message` the agent would act on: it looks for the prefix anywhere in a line. */
export function vsoCommands(stdout: string): VsoCommand[] {
  const commands: VsoCommand[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const at = line.indexOf('##vso[');
    if (at < 0) continue;
    const rest = line.slice(at + '##vso['.length);
    const close = rest.indexOf(']');
    if (close < 0) continue;
    const [command = '', ...props] = rest.slice(0, close).trim().split(' ');
    const properties: Record<string, string> = {};
    for (const pair of props.join(' ').split(';').filter((p) => p.trim() !== '')) {
      const eq = pair.indexOf('=');
      properties[pair.slice(0, eq).trim()] = unescapeVso(pair.slice(eq + 1));
    }
    commands.push({ command, properties, message: unescapeVso(rest.slice(close + 1)) });
  }
  return commands;
}

function unescapeVso(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%5D/g, ']').replace(/%3B/g, ';').replace(/%AZP25/g, '%');
}
