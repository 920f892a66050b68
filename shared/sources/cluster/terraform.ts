// Terraform `.tf` configurations → Terraform resources for the azurerm mapping. The `.tf` files given
// from one directory are one module: scanning a directory gives all of them, a file named alone is read
// alone (the rule fixtures rely on that). Variables get their values as Terraform gives them (default,
// terraform.tfvars, *.auto.tfvars, --var-file), locals, count/for_each and dynamic blocks are expanded
// where their values are known, local modules are followed with their arguments and remote ones are
// listed as not read (the AVM AKS registry module too, but the arguments passed to it are read as the
// cluster: avm.ts). What cannot be known statically is unknown with the reason, never guessed.
// An unknown count or for_each gives one instance addressed `x.y[*]` (every `x.y[k]` reference names
// it), so a rule still sees the resource and a reader sees its number of instances is not known.
//
// The parts: terraform-reader.ts (one run: files, tfvars, records), terraform-module.ts (modules,
// their variables, locals, outputs and calls), terraform-expand.ts (count/for_each),
// terraform-block.ts (the Block over HCL), terraform-references.ts (a field's `via`),
// terraform-files.ts and terraform-hcl.ts (small shared helpers).

import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Infrastructure } from '../../documents/cluster/model.js';
import { attributeOf, blocksOf } from '../../documents/terraform/hcl-query.js';
import type { InputRecord } from '../../report.js';
import { mapAzurerm } from './azurerm.js';
import type { DefinitionProblem } from './read.js';
import { tfFilesIn, VARIABLE_FILE } from './terraform-files.js';
import { EMPTY_BODY, literalString } from './terraform-hcl.js';
import { isLocalSource, MAX_MODULE_INSTANCES } from './terraform-module.js';
import { TerraformReader } from './terraform-reader.js';

export interface TerraformOptions {
  readonly cwd?: string;
  /** `--var-file` files, applied after terraform.tfvars and *.auto.tfvars, as Terraform does. */
  readonly varFiles?: readonly string[];
  /** Larger `.tf` and `.tfvars` files are not read. */
  readonly maxFileSize?: number;
}

export interface TerraformRead {
  readonly infrastructure: Infrastructure;
  readonly problems: DefinitionProblem[];
  readonly inputs: InputRecord[];
}

const DEFAULT_MAX_FILE_SIZE = 50 * 1024 * 1024;

export async function readTerraformDirectory(paths: readonly string[], options: TerraformOptions & { readonly cwd: string }): Promise<TerraformRead> {
  const reader = new TerraformReader(options.cwd, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
  const groups = new Map<string, string[]>();
  const givenVariableFiles: string[] = [];
  for (const path of paths) {
    const absolute = isAbsolute(path) ? path : join(options.cwd, path);
    if (VARIABLE_FILE.test(absolute)) givenVariableFiles.push(absolute);
    const files = /\.tf$/i.test(absolute) ? [absolute] : VARIABLE_FILE.test(absolute) ? [] : await tfFilesIn(absolute);
    const dir = /\.tf$/i.test(absolute) ? dirname(absolute) : absolute;
    if (Array.isArray(files) && files.length > 0) groups.set(dir, [...new Set([...(groups.get(dir) ?? []), ...files])].sort());
  }

  // A directory another scanned directory calls as a local module (directly or through other modules)
  // is read through that call only, not a second time on its own with its defaults.
  const called = new Set<string>();
  for (const [dir, files] of groups) for (const target of await modulesReachedFrom(reader, dir, files)) if (groups.has(target)) called.add(target);
  const varFiles = (options.varFiles ?? []).map((f) => (isAbsolute(f) ? f : join(options.cwd, f)));
  const dirs = [...groups.keys()].sort();
  for (const dir of dirs.filter((d) => !called.has(d))) await reader.readRoot(dir, groups.get(dir) ?? [], varFiles);
  // Calls that never reached it (a cycle of scanned directories): read it on its own after all.
  for (const dir of dirs.filter((d) => called.has(d) && !reader.reached.has(d))) await reader.readRoot(dir, groups.get(dir) ?? [], varFiles);

  const mapped = mapAzurerm(reader.resources);
  const unresolved = [...reader.unresolved, ...mapped.unresolved];
  return {
    infrastructure: { ...mapped, clusters: [...mapped.clusters, ...reader.clusters], unresolved },
    problems: reader.problems,
    inputs: [...reader.fileRecords(unresolved), ...reader.variableRecords(givenVariableFiles, varFiles)],
  };
}

/** The local module directories a module calls, and the ones those call, without evaluating anything. */
async function modulesReachedFrom(reader: TerraformReader, dir: string, files: readonly string[]): Promise<Set<string>> {
  const reached = new Set<string>();
  const pending: [string, readonly string[]][] = [[dir, files]];
  for (let next = pending.shift(); next !== undefined && reached.size < MAX_MODULE_INSTANCES; next = pending.shift()) {
    const [from, paths] = next;
    for (const path of paths) {
      for (const node of blocksOf((await reader.tfFile(path))?.body ?? EMPTY_BODY, 'module')) {
        const source = literalString(attributeOf(node.body, 'source')?.value);
        const target = source !== undefined && isLocalSource(source) ? resolve(from, source) : undefined;
        if (target === undefined || target === dir || reached.has(target)) continue;
        reached.add(target);
        const listing = await tfFilesIn(target);
        if (Array.isArray(listing)) pending.push([target, listing]);
      }
    }
  }
  return reached;
}
