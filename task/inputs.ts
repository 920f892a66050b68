// The task's inputs: every input of the core's contract (shared/config.ts INPUTS) under its camelCase
// name, plus what only a pipeline step has, and how task.json presents each (type, group, visibility).
// Read once here into the core's typed config. test/adapters/contract.test.ts holds task.json,
// action.yml and this file to the same list.

import { INPUTS, parseConfig, type Config, type InputName } from '../shared/config.js';
import { ConfigurationError } from '../shared/errors.js';
import { FAIL_ON } from '../shared/levels.js';

/** Inputs a pipeline step has and the CLI does not; action/inputs.ts declares the same. */
export const PIPELINE_INPUTS = {
  summary: {
    description: "Publish the Markdown summary (the checklist scorecard first) on the run's summary page: true or false.",
    default: 'true',
  },
} as const;

export type PipelineInputName = keyof typeof PIPELINE_INPUTS;
export type TaskInput = InputName | PipelineInputName;

/** Where a pipeline's default differs from the CLI's: a pipeline step always writes SARIF, for the Scans tab. */
export const PIPELINE_DEFAULTS: Readonly<Partial<Record<InputName, string>>> = { 'sarif-file': 'aks-gate.sarif' };

export const GROUPS = {
  reports: { displayName: 'Reports', isExpanded: true },
  rules: { displayName: 'Rules', isExpanded: false },
  cluster: { displayName: 'Cluster definitions (ARM, Bicep, Terraform)', isExpanded: false },
  images: { displayName: 'Image scanning (Trivy, Grype)', isExpanded: false },
} as const;

export type GroupName = keyof typeof GROUPS;

export interface Presentation {
  readonly label: string;
  /** filePath inputs are rooted at the sources directory by the agent, and an empty one *is* the sources directory. */
  readonly type: 'string' | 'multiLine' | 'filePath' | 'pickList' | 'boolean';
  readonly group?: GroupName;
  /** task.json's `visibleRule`: "otherInput = value" (or !=), joined with && or ||, never both. */
  readonly visibleRule?: string;
  readonly options?: Readonly<Record<string, string>>;
}

/** One entry per input: a new input in INPUTS does not compile until it says how the task shows it. */
export const PRESENTATION: Readonly<Record<TaskInput, Presentation>> = {
  path: { label: 'Paths to scan', type: 'multiLine' },
  exclude: { label: 'Exclude', type: 'multiLine' },
  'fail-on': { label: 'Fail on', type: 'pickList', options: Object.fromEntries(FAIL_ON.map((level) => [level, level])) },
  'sarif-file': { label: 'SARIF file', type: 'filePath', group: 'reports' },
  summary: { label: 'Publish the summary', type: 'boolean', group: 'reports' },
  'summary-file': { label: 'Summary file', type: 'filePath', group: 'reports' },
  'json-file': { label: 'JSON report file', type: 'filePath', group: 'reports' },
  config: { label: 'Configuration file', type: 'filePath', group: 'rules' },
  'kubernetes-version': { label: 'Kubernetes version', type: 'string', group: 'rules' },
  'allowed-registries': { label: 'Allowed registries', type: 'multiLine', group: 'rules' },
  'max-file-size': { label: 'Maximum file size', type: 'string', group: 'rules' },
  parameters: { label: 'ARM parameters files', type: 'multiLine', group: 'cluster' },
  'var-file': { label: 'Terraform variable files', type: 'multiLine', group: 'cluster' },
  scanners: { label: 'Scanners', type: 'pickList', group: 'images', options: { auto: 'auto (whichever is installed)', trivy: 'trivy', grype: 'grype', 'trivy,grype': 'trivy and grype', none: 'none' } },
  image: { label: 'More images', type: 'multiLine', group: 'images', visibleRule: 'scanners != none' },
  'image-file': { label: 'File of images', type: 'filePath', group: 'images', visibleRule: 'scanners != none' },
  'vulnerability-threshold': { label: 'Vulnerability threshold', type: 'pickList', group: 'images', visibleRule: 'scanners != none', options: { critical: 'critical', high: 'high', medium: 'medium', low: 'low' } },
  'ignore-unfixed': { label: 'Ignore unfixed vulnerabilities', type: 'boolean', group: 'images', visibleRule: 'scanners != none' },
  'trivy-path': { label: 'Trivy executable', type: 'string', group: 'images', visibleRule: 'scanners != none' },
  'grype-path': { label: 'Grype executable', type: 'string', group: 'images', visibleRule: 'scanners != none' },
  'trivy-server': { label: 'Trivy server URL', type: 'string', group: 'images', visibleRule: 'scanners != none' },
  'trivy-cache-dir': { label: 'Trivy cache directory', type: 'string', group: 'images', visibleRule: 'scanners != none' },
  'grype-cache-dir': { label: 'Grype database directory', type: 'string', group: 'images', visibleRule: 'scanners != none' },
  'scan-cache-dir': { label: 'Scan result cache directory', type: 'string', group: 'images', visibleRule: 'scanners != none' },
  'scan-timeout': { label: 'Scan timeout (seconds)', type: 'string', group: 'images', visibleRule: 'scanners != none' },
  'scan-concurrency': { label: 'Scan concurrency', type: 'string', group: 'images', visibleRule: 'scanners != none' },
  offline: { label: 'Offline', type: 'boolean', group: 'images', visibleRule: 'scanners != none' },
};

/** Azure DevOps names inputs in camelCase: fail-on → failOn. */
export function taskInputName(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** What the task reads inputs with: azure-pipelines-task-lib's functions of the same names. */
export interface TaskInputSource {
  getInput(name: string): string | undefined;
  getPathInput(name: string): string | undefined;
  filePathSupplied(name: string): boolean;
}

export interface TaskInputs {
  readonly config: Config;
  /** Upload the summary to the run (##vso[task.uploadsummary]). */
  readonly summary: boolean;
}

export function readTaskInputs(source: TaskInputSource): TaskInputs {
  const read = (name: TaskInput): string => {
    const taskName = taskInputName(name);
    if (PRESENTATION[name].type !== 'filePath') return source.getInput(taskName) ?? '';
    // The agent turns an empty filePath input into the sources directory: that is "not given", not a path.
    const value = source.getPathInput(taskName) ?? '';
    return value !== '' && source.filePathSupplied(taskName) ? value : '';
  };
  try {
    const config = parseConfig((name) => read(name) || PIPELINE_DEFAULTS[name]);
    const summary = read('summary') || PIPELINE_INPUTS.summary.default;
    if (!/^(true|false)$/i.test(summary)) throw new ConfigurationError(`summary must be true or false (got "${summary}")`);
    return { config, summary: /^true$/i.test(summary) };
  } catch (error) {
    if (error instanceof ConfigurationError) throw new ConfigurationError(withTaskNames(error.message));
    throw error;
  }
}

/** The core names inputs in kebab-case; a task user wrote `failOn`, so the message must say `failOn`. */
export function withTaskNames(message: string): string {
  let text = message;
  for (const name of Object.keys(INPUTS)) {
    if (!name.includes('-')) continue;
    text = text.replace(new RegExp(`(?<![\\w-])${name}(?![\\w-])`, 'g'), taskInputName(name));
  }
  return text;
}
