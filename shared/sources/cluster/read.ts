// Reads the AKS cluster's own definition from every format teams use — ARM JSON (with its parameters
// file), Bicep (compiled by the Bicep CLI when it is installed; otherwise only its AVM AKS registry
// module calls, read from the source), Terraform `.tf` directories and
// `terraform show -json` plans — into one Infrastructure, with a record for every input and a
// problem (a finding at its line) for every file that cannot be parsed.

import { basename, dirname, isAbsolute, join } from 'node:path';
import { EMPTY_INFRASTRUCTURE, type Infrastructure, type SourceLocation } from '../../documents/cluster/model.js';
import { regionAt, type Region } from '../../documents/locator.js';
import { isRecord } from '../../documents/manifest.js';
import { parseJsonWithPositions, type JsonPositions } from '../../documents/json-positions.js';
import type { InputRecord } from '../../report.js';
import { readText } from '../read.js';
import { displayPath } from '../walk.js';
import { readArmTemplate } from './arm.js';
import { mapAzurerm } from './azurerm.js';
import { compileBicep, readBicepRegistryModules, type BicepOptions } from './bicep.js';
import { isTerraformPlan, readTerraformPlan } from './terraform-plan.js';
import { readTerraformDirectory, type TerraformOptions } from './terraform.js';

export interface ClusterReadOptions {
  readonly cwd: string;
  /** ARM parameters files given explicitly (`--parameters`); otherwise `<template>.parameters.json` beside a template is used. */
  readonly parameterFiles?: readonly string[];
  readonly terraform?: TerraformOptions;
  readonly bicep?: BicepOptions;
  readonly maxFileSize?: number;
  /** Texts already read by the caller (absolute path → text), so no file is read twice. */
  readonly texts?: ReadonlyMap<string, string>;
}

export interface DefinitionProblem {
  readonly file: string;
  readonly message: string;
  readonly region: Region;
}

export interface ClusterRead {
  readonly infrastructure: Infrastructure;
  readonly problems: DefinitionProblem[];
  readonly inputs: InputRecord[];
}

const DEFAULT_MAX = 50 * 1024 * 1024;

export type DefinitionKind = 'arm-template' | 'arm-parameters' | 'terraform-plan' | 'other';

/** What a parsed JSON document is, as far as cluster definitions go. */
export function classifyJson(value: unknown): DefinitionKind {
  if (!isRecord(value)) return 'other';
  const schema = typeof value.$schema === 'string' ? value.$schema : '';
  if (/deploymentTemplate/i.test(schema)) return 'arm-template';
  if (/deploymentParameters/i.test(schema)) return 'arm-parameters';
  if (isTerraformPlan(value)) return 'terraform-plan';
  return 'other';
}

/** Cheap look at the start of a .json file: could it be a cluster definition rather than a Kubernetes manifest? */
export function looksLikeDefinition(text: string): boolean {
  const head = text.slice(0, 4096);
  return /deploymentTemplate|deploymentParameters|"format_version"/.test(head);
}

export async function readClusterDefinitions(files: readonly string[], options: ClusterReadOptions): Promise<ClusterRead> {
  const result = { infrastructure: EMPTY_INFRASTRUCTURE, problems: [] as DefinitionProblem[], inputs: [] as InputRecord[] };
  const parts: Infrastructure[] = [];
  const absolute = files.map((f) => (isAbsolute(f) ? f : join(options.cwd, f)));
  const display = (f: string): string => displayPath(options.cwd, f);
  const max = options.maxFileSize ?? DEFAULT_MAX;

  const json = absolute.filter((f) => f.toLowerCase().endsWith('.json'));
  const parsed = new Map<string, { value: unknown; positions: JsonPositions; kind: DefinitionKind }>();
  for (const file of json) {
    const given = options.texts?.get(file);
    const read = given !== undefined ? { ok: true as const, text: given } : await readText(file, max);
    if (!read.ok) {
      result.inputs.push({ path: display(file), status: read.status, reason: read.reason, documents: 0, objects: 0 });
      continue;
    }
    const json = parseJsonWithPositions(read.text);
    if (!json.ok) {
      result.problems.push({ file: display(file), message: 'invalid JSON', region: regionAt(json.line, json.column) });
      result.inputs.push({ path: display(file), status: 'failed', reason: `invalid JSON (line ${json.line})`, documents: 0, objects: 0 });
      continue;
    }
    parsed.set(file, { value: json.value, positions: json.positions, kind: classifyJson(json.value) });
  }

  const explicitParameters = (options.parameterFiles ?? []).map((f) => (isAbsolute(f) ? f : join(options.cwd, f)));
  const usedParameters = new Set<string>();
  for (const [file, doc] of parsed) {
    const locate = (positions: JsonPositions) => (path: readonly (string | number)[]): SourceLocation => ({ file: display(file), region: positions.locate(path).region });
    if (doc.kind === 'arm-template') {
      const parametersFile = [...explicitParameters, ...siblingParameterFiles(file)].find((p) => parsed.get(p)?.kind === 'arm-parameters' || explicitParameters.includes(p));
      const parameterValues = parametersFile ? parameterValuesOf(parsed.get(parametersFile)?.value) : undefined;
      if (parametersFile) usedParameters.add(parametersFile);
      const infra = readArmTemplate({ template: doc.value, format: 'arm', locate: locate(doc.positions), ...(parameterValues ? { parameterValues } : {}) });
      parts.push(infra);
      result.inputs.push(definitionRecord(display(file), infra, parametersFile ? `with parameters from ${display(parametersFile)}` : undefined));
    } else if (doc.kind === 'terraform-plan') {
      const infra = mapAzurerm(readTerraformPlan(doc.value, display(file), doc.positions));
      parts.push(infra);
      result.inputs.push(definitionRecord(display(file), infra));
    } else if (doc.kind === 'other') {
      result.inputs.push({ path: display(file), status: 'skipped', reason: 'not an ARM template or Terraform plan', documents: 0, objects: 0 });
    }
  }
  for (const [file, doc] of parsed) {
    if (doc.kind !== 'arm-parameters') continue;
    result.inputs.push(
      usedParameters.has(file)
        ? { path: display(file), status: 'scanned', reason: 'ARM parameters file, read with its template', documents: 1, objects: 0 }
        : { path: display(file), status: 'skipped', reason: 'ARM parameters file whose template is not in the inputs', documents: 1, objects: 0 },
    );
  }

  // Terraform: the .tf files given from one directory are one module; .tfvars files go with them.
  const terraformFiles = absolute.filter((f) => /\.(tf|tfvars)$/i.test(f)).sort();
  if (terraformFiles.length > 0) {
    const tf = await readTerraformDirectory(terraformFiles, { ...options.terraform, cwd: options.cwd, maxFileSize: max });
    parts.push(tf.infrastructure);
    result.problems.push(...tf.problems);
    result.inputs.push(...tf.inputs);
  }

  for (const file of absolute.filter((f) => f.toLowerCase().endsWith('.bicep'))) {
    const compiled = await compileBicep(file, { ...options.bicep, cwd: options.cwd });
    if (!compiled.ok) {
      // Not compiled: the arguments of AVM AKS registry module calls can still be read from the source.
      const given = options.texts?.get(file);
      const read = given !== undefined ? { ok: true as const, text: given } : await readText(file, max);
      const infra = read.ok ? readBicepRegistryModules(read.text, display(file)) : undefined;
      if (infra) {
        parts.push(infra);
        result.inputs.push(definitionRecord(display(file), infra, `${compiled.reason}; only the arguments of its AVM AKS registry module calls were read, from the source`));
      } else {
        result.inputs.push({ path: display(file), status: 'skipped', reason: compiled.reason, documents: 0, objects: 0 });
      }
      continue;
    }
    const infra = readArmTemplate({ template: compiled.template, format: 'bicep', locate: compiled.locate });
    parts.push(infra);
    result.inputs.push(definitionRecord(display(file), infra, `compiled with ${compiled.compiler}`));
  }

  return { ...result, infrastructure: mergeInfrastructure(parts) };
}

/** `main.parameters.json` beside `main.json`; `azuredeploy.parameters.json` beside `azuredeploy.json`. */
function siblingParameterFiles(template: string): string[] {
  const base = basename(template).replace(/\.json$/i, '');
  return [join(dirname(template), `${base}.parameters.json`)];
}

function parameterValuesOf(file: unknown): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const parameters = isRecord(file) && isRecord(file.parameters) ? file.parameters : {};
  for (const [name, p] of Object.entries(parameters)) {
    if (isRecord(p) && 'value' in p) values[name] = p.value;
  }
  return values;
}

function definitionRecord(path: string, infra: Infrastructure, note?: string): InputRecord {
  const objects = infra.clusters.length + infra.diagnosticSettings.length + infra.applicationGateways.length + infra.wafPolicies.length + infra.routeTables.length + infra.firewalls.length + infra.trafficRouters.length + infra.alertRules.length + infra.trafficControllers.length;
  const notes = [note, objects === 0 ? 'no AKS cluster or related resource in it' : undefined, infra.unresolved.length > 0 ? `${infra.unresolved.length} reference(s) could not be followed` : undefined].filter(Boolean);
  return { path, status: objects === 0 ? 'skipped' : 'scanned', documents: 1, objects, ...(notes.length > 0 ? { reason: notes.join('; ') } : {}) };
}

export function mergeInfrastructure(parts: readonly Infrastructure[]): Infrastructure {
  const keys = Object.keys(EMPTY_INFRASTRUCTURE) as (keyof Infrastructure)[];
  // Every field of the model is a list: each is the concatenation of the parts' lists, in order.
  return Object.fromEntries(keys.map((key) => [key, parts.flatMap((part): readonly unknown[] => part[key])])) as unknown as Infrastructure;
}

