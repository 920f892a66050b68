// Bicep: compiled to ARM JSON by the Bicep CLI the user has (never downloaded), then read like any
// template. Findings are mapped back to the .bicep source: to the `resource` declaration (by symbolic
// name, or by type in order) and, where the property is written literally inside it, to its line.
// A file that is not compiled — no CLI, or any compile failure, including a registry module the CLI
// cannot restore offline — is read from its source for one thing only: calls of the AVM AKS registry
// module, whose arguments become the cluster (avm.ts). Nothing else of such a file is read, and a file
// without such a call stays "not evaluated" with the compiler's reason.

import { access, readFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';
import { EMPTY_INFRASTRUCTURE, type AksCluster, type Infrastructure, type SourceLocation, type Unresolved } from '../../documents/cluster/model.js';
import type { Path } from '../../documents/locator.js';
import { safeLine, truncate } from '../../output/sanitize.js';
import { displayPath } from '../walk.js';
import type { Locate } from './arm.js';
import { AVM_ARGUMENTS_READ, isAvmAksModule, mapAvmCluster } from './avm.js';
import { readBicepSource } from './bicep-source.js';

export interface BicepOptions {
  readonly cwd?: string;
  /** An explicit Bicep CLI; otherwise `bicep` on PATH, then the one the Azure CLI installed (~/.azure/bin). */
  readonly bicepPath?: string;
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
}

export type BicepCompile =
  | { readonly ok: true; readonly template: unknown; readonly locate: Locate; readonly compiler: string }
  | { readonly ok: false; readonly reason: string };

export const BICEP_NOT_FOUND = 'not evaluated: Bicep CLI not found (install it, or commit the compiled JSON)';
const DEFAULT_TIMEOUT_MS = 120_000;

export async function compileBicep(file: string, options: BicepOptions = {}): Promise<BicepCompile> {
  const compiler = await findCompiler(options);
  if (compiler === undefined) return { ok: false, reason: BICEP_NOT_FOUND };
  // An argument array, never a shell; the file path cannot be taken for an option.
  const result = await execa(compiler, ['build', '--stdout', file], {
    reject: false,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    env: options.env ?? process.env,
    extendEnv: false,
    stdin: 'ignore',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.timedOut) return { ok: false, reason: `Bicep compilation timed out after ${Math.round((options.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s` };
  if (result.exitCode !== 0) return { ok: false, reason: `Bicep compilation failed: ${lastLine(result.stderr)}` };
  let template: unknown;
  try {
    template = JSON.parse(result.stdout);
  } catch {
    return { ok: false, reason: 'the Bicep CLI did not print a JSON template' };
  }
  const source = await readFile(file, 'utf8');
  const display = displayPath(options.cwd ?? process.cwd(), file);
  return { ok: true, template, locate: sourceLocator(template, source, display), compiler: compiler.endsWith('bicep') ? 'the Bicep CLI' : compiler };
}

async function findCompiler(options: BicepOptions): Promise<string | undefined> {
  const env = options.env ?? process.env;
  const candidates = [
    ...(options.bicepPath ? [options.bicepPath] : []),
    ...(env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'bicep')),
    // What `az bicep install` puts there: used directly, so az never gets the chance to download anything.
    join(env.HOME ?? homedir(), '.azure', 'bin', 'bicep'),
  ];
  for (const candidate of candidates) {
    if (await access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
  }
  return undefined;
}

function lastLine(stderr: string): string {
  const lines = stderr.split(/\r?\n/).filter((l) => l.trim() !== '');
  return truncate(safeLine(lines[lines.length - 1] ?? 'no error output'), 300);
}

interface Declaration {
  readonly symbol: string;
  readonly type: string;
  /** 0-based line of the declaration and of its closing brace. */
  readonly start: number;
  readonly end: number;
}

/** Locates paths of the compiled template in the .bicep source. Such locations are approximate by nature. */
export function sourceLocator(template: unknown, source: string, file: string): Locate {
  const lines = source.split(/\r?\n/);
  const declarations = findDeclarations(lines);
  const resources = (template as { resources?: unknown }).resources;
  return (path: Path): SourceLocation => {
    const declaration = declarationFor(path, resources, declarations);
    if (declaration === undefined) return { file, region: lineRegion(lines, 0), approximate: true };
    const key = [...path.slice(2)].reverse().find((s): s is string => typeof s === 'string' && s !== 'properties' && s !== 'type');
    const pattern = key === undefined ? undefined : new RegExp(`^\\s*'?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'?\\s*:`);
    for (let i = declaration.start; pattern && i <= declaration.end; i++) {
      if (pattern.test(lines[i] ?? '')) return { file, region: lineRegion(lines, i), approximate: true };
    }
    return { file, region: lineRegion(lines, declaration.start), approximate: true };
  };
}

function declarationFor(path: Path, resources: unknown, declarations: readonly Declaration[]): Declaration | undefined {
  if (path[0] !== 'resources') return undefined;
  const key = path[1];
  if (typeof key === 'string') return declarations.find((d) => d.symbol === key);
  if (typeof key !== 'number' || !Array.isArray(resources)) return undefined;
  const resource = resources[key] as { type?: unknown } | undefined;
  const type = typeof resource?.type === 'string' ? resource.type.toLowerCase() : undefined;
  if (type === undefined) return undefined;
  // The n-th resource of a type in the template is the n-th declaration of that type in the source.
  const nth = (resources as { type?: unknown }[]).slice(0, key).filter((r) => typeof r.type === 'string' && r.type.toLowerCase() === type).length;
  return declarations.filter((d) => d.type.toLowerCase() === type)[nth];
}

/** `resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {` and `module pools './pools.bicep' = {`. */
const DECLARATION = /^\s*(?:resource\s+([A-Za-z_]\w*)\s+'([^'@]+)@[^']*'|module\s+([A-Za-z_]\w*)\s+'([^']*)')/;

function findDeclarations(lines: readonly string[]): Declaration[] {
  const found: Declaration[] = [];
  lines.forEach((line, start) => {
    const match = DECLARATION.exec(line);
    const symbol = match?.[1] ?? match?.[3];
    if (!match || symbol === undefined) return;
    // A module compiles to a nested deployment.
    const type = match[2] ?? 'Microsoft.Resources/deployments';
    found.push({ symbol, type, start, end: closingLine(lines, start) });
  });
  return found;
}

/** The line where the braces opened on `start` close again (strings and comments are skipped roughly). */
function closingLine(lines: readonly string[], start: number): number {
  let depth = 0;
  let opened = false;
  for (let i = start; i < lines.length; i++) {
    const code = (lines[i] ?? '').replace(/'(?:[^'\\]|\\.)*'/g, "''").replace(/\/\/.*$/, '');
    for (const c of code) {
      if (c === '{' || c === '[') {
        depth += 1;
        opened = true;
      } else if (c === '}' || c === ']') {
        depth -= 1;
      }
    }
    if (opened && depth <= 0) return i;
  }
  return lines.length - 1;
}

function lineRegion(lines: readonly string[], index: number): SourceLocation['region'] {
  const text = lines[index] ?? '';
  const column = text.length - text.trimStart().length + 1;
  return { startLine: index + 1, startColumn: column, endLine: index + 1, endColumn: Math.max(column + 1, text.length + 1) };
}

/** Registry (`br:`, `br/alias:`) and template spec (`ts:`, `ts/alias:`) module sources. */
const REMOTE_MODULE = /^(?:br|ts)[:/]/i;

/**
 * What an uncompiled .bicep file says through its AVM AKS module calls: a cluster per call (unless its
 * condition is known false), the call itself and every other module listed as not read. Undefined when
 * the file has no such call, so the caller reports the file as not evaluated, as before.
 */
export function readBicepRegistryModules(text: string, file: string): Infrastructure | undefined {
  const modules = readBicepSource(text, file).modules;
  if (!modules.some((m) => isAvmAksModule('bicep', m.source))) return undefined;
  const clusters: AksCluster[] = [];
  const unresolved: Unresolved[] = [];
  for (const module of modules) {
    const registry = REMOTE_MODULE.test(module.source);
    const what = registry ? `registry module ${module.source}` : `module ${module.symbol} (${module.source})`;
    if (!isAvmAksModule('bicep', module.source)) {
      unresolved.push({ what, reason: 'it is not read (the file is not compiled)', at: module.at });
      continue;
    }
    if (module.params === undefined) {
      unresolved.push({ what, reason: 'it is not read, and its params are not written as an object literal', at: module.paramsAt ?? module.at });
      continue;
    }
    unresolved.push({ what, reason: AVM_ARGUMENTS_READ, at: module.at });
    const condition = module.condition?.value;
    if (condition?.known === true && (condition.value === false || condition.value === 'false')) continue;
    const read = mapAvmCluster({ language: 'bicep', address: module.symbol, source: module.source, at: module.at, arguments: module.params });
    // A loop is read once: what its item variable gives is unknown, and so is the number of clusters.
    if (module.loop) unresolved.push({ what: `the instances of ${module.symbol}`, reason: 'it is declared in a for loop: read once', at: module.at });
    clusters.push(read.cluster);
    unresolved.push(...read.unresolved);
  }
  return { ...EMPTY_INFRASTRUCTURE, clusters, unresolved };
}
