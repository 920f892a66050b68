// The Action's inputs: every input of the core's contract (shared/config.ts INPUTS) under its own
// kebab-case name, plus what only a pipeline step has. Read once here into the core's typed config.
// test/adapters/contract.test.ts holds action.yml, task.json and this file to the same list.

import { parseConfig, type Config, type InputName } from '../shared/config.js';
import { ConfigurationError } from '../shared/errors.js';

/**
 * Inputs a pipeline step has and the CLI does not (the CLI writes a summary only with --summary FILE).
 * task/inputs.ts declares the same, in camelCase.
 */
export const PIPELINE_INPUTS = {
  summary: {
    description: "Publish the Markdown summary (the checklist scorecard first) on the run's summary page: true or false.",
    default: 'true',
  },
} as const;

export type PipelineInputName = keyof typeof PIPELINE_INPUTS;

/** Where a pipeline's default differs from the CLI's: a pipeline step always writes SARIF, for code scanning. */
export const PIPELINE_DEFAULTS: Readonly<Partial<Record<InputName, string>>> = { 'sarif-file': 'aks-gate.sarif' };

export interface ActionInputs {
  readonly config: Config;
  /** Write the summary to the job summary ($GITHUB_STEP_SUMMARY). */
  readonly summary: boolean;
}

/** `get` reads one input by name as the runner passes it (core.getInput: INPUT_<NAME>, trimmed). */
export function readActionInputs(get: (name: string) => string): ActionInputs {
  const config = parseConfig((name) => get(name) || PIPELINE_DEFAULTS[name]);
  return { config, summary: parseBoolean('summary', get('summary') || PIPELINE_INPUTS.summary.default) };
}

/** YAML 1.2 core schema booleans, as actions/toolkit's getBooleanInput accepts them; one clear line otherwise. */
export function parseBoolean(name: string, text: string): boolean {
  if (/^true$/i.test(text)) return true;
  if (/^false$/i.test(text)) return false;
  throw new ConfigurationError(`${name} must be true or false (got "${text}")`);
}
