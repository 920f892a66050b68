// One run of the `.tf` reader: the files parsed (each once), the variable files loaded, the problems
// and notes per file, the resources and clusters found, and the input records written from them.

import { basename, dirname } from 'node:path';
import type { AksCluster, Unresolved } from '../../documents/cluster/model.js';
import { regionAt } from '../../documents/locator.js';
import type { Body, Diagnostic } from '../../documents/terraform/hcl-ast.js';
import { evaluate } from '../../documents/terraform/hcl-evaluate.js';
import { parseHcl } from '../../documents/terraform/hcl-parser.js';
import { known, unknown, type Evaluated } from '../../documents/terraform/hcl-values.js';
import type { InputRecord } from '../../report.js';
import { readText } from '../read.js';
import { displayPath } from '../walk.js';
import type { TerraformResource } from './block.js';
import type { DefinitionProblem } from './read.js';
import { AUTO_VARIABLE_FILE, autoVariableFiles, jsonValue, parseJsonObject } from './terraform-files.js';
import { regionOf } from './terraform-hcl.js';
import { readModule } from './terraform-module.js';

const ROOT_HINT = 'give it a default or a tfvars file';
const MAX_PROBLEMS_PER_FILE = 5;
const MAX_FOLLOW_DEPTH = 32;

export interface TfFile {
  readonly absolute: string;
  readonly display: string;
  readonly body: Body;
}

interface FileState {
  objects: number;
  /** Local module calls in this file that were followed (`module.aks`). */
  readonly calls: Set<string>;
  readonly notes: Set<string>;
  failed?: { readonly status: 'skipped' | 'failed'; readonly reason: string };
  syntaxErrorLine?: number;
}

export type Lazy = () => Evaluated;

type VariableFile = { readonly ok: true; readonly values: ReadonlyMap<string, Evaluated> } | { readonly ok: false; readonly status: 'skipped' | 'failed'; readonly reason: string };

/** One run: the files read, the problems, the resources found and what could not be followed. */
export class TerraformReader {
  readonly problems: DefinitionProblem[] = [];
  readonly unresolved: Unresolved[] = [];
  readonly resources: TerraformResource[] = [];
  /** Clusters read from the arguments of AVM AKS registry module calls. */
  readonly clusters: AksCluster[] = [];
  /** Directories some module call led to (even one with no instances). */
  readonly reached = new Set<string>();
  moduleInstances = 0;
  private readonly files = new Map<string, FileState>();
  private readonly parsed = new Map<string, TfFile | undefined>();
  private readonly variables = new Map<string, VariableFile>();
  /** Variable file → the root directories it gave values to. */
  private readonly variableUse = new Map<string, Set<string>>();
  private following = 0;

  constructor(
    readonly cwd: string,
    private readonly maxFileSize: number,
  ) {}

  display(absolute: string): string {
    return displayPath(this.cwd, absolute);
  }

  async tfFile(absolute: string): Promise<TfFile | undefined> {
    if (this.parsed.has(absolute)) return this.parsed.get(absolute);
    const state = this.state(absolute);
    const read = await readText(absolute, this.maxFileSize);
    let file: TfFile | undefined;
    if (read.ok) {
      const hcl = parseHcl(read.text);
      file = { absolute, display: this.display(absolute), body: hcl.body };
      this.report(file.display, hcl.diagnostics);
      if (hcl.diagnostics[0]) state.syntaxErrorLine = hcl.diagnostics[0].range.start.line;
    } else {
      state.failed = { status: read.status, reason: read.reason };
    }
    this.parsed.set(absolute, file);
    return file;
  }

  async readRoot(dir: string, paths: readonly string[], varFiles: readonly string[]): Promise<void> {
    const inputs = new Map<string, Lazy>();
    for (const file of [...(await autoVariableFiles(dir)), ...varFiles]) {
      const values = await this.variableFile(file);
      if (!values) continue;
      const uses = this.variableUse.get(file) ?? new Set<string>();
      uses.add(this.display(dir));
      this.variableUse.set(file, uses);
      for (const [name, value] of values) inputs.set(name, () => value);
    }
    const files = (await Promise.all(paths.map((p) => this.tfFile(p)))).filter((f): f is TfFile => f !== undefined);
    await readModule(this, { dir, files, prefix: '', inputs, hint: ROOT_HINT, chain: [], origin: this.display(dir) });
  }

  /** Runs a nested evaluation (another resource's attribute, a module output) within a depth limit. */
  follow(evaluateIt: Lazy): Evaluated {
    if (this.following >= MAX_FOLLOW_DEPTH) return unknown('the references are nested too deeply to follow');
    this.following += 1;
    try {
      return evaluateIt();
    } finally {
      this.following -= 1;
    }
  }

  note(absolute: string, note: string): void {
    this.state(absolute).notes.add(note);
  }

  countResource(absolute: string): void {
    this.state(absolute).objects += 1;
  }

  /** A local module call in this file was followed: the file is read, through it. */
  countCall(absolute: string, address: string): void {
    this.state(absolute).calls.add(address);
  }

  notFollowed(entry: Unresolved): void {
    const same = (u: Unresolved): boolean => u.what === entry.what && u.at.file === entry.at.file && u.at.region.startLine === entry.at.region.startLine;
    if (!this.unresolved.some(same)) this.unresolved.push(entry);
  }

  fileRecords(unresolved: readonly Unresolved[]): InputRecord[] {
    return [...this.files].map(([absolute, state]) => {
      const path = this.display(absolute);
      if (state.failed) return { path, status: state.failed.status, reason: state.failed.reason, documents: 0, objects: 0 };
      const notFollowed = unresolved.filter((u) => u.at.file === path).length;
      const calls = [...state.calls];
      const notes = [
        state.objects === 0 && calls.length === 0 ? 'read with its module; no AKS or related resources in it' : undefined,
        calls.length > 0 ? `calls ${calls.join(', ')}` : undefined,
        ...state.notes,
        state.syntaxErrorLine !== undefined ? `invalid HCL (line ${state.syntaxErrorLine}); the other blocks were read` : undefined,
        notFollowed > 0 ? `${notFollowed} module(s) or reference(s) not followed` : undefined,
      ].filter((n): n is string => n !== undefined);
      // Every .tf file of a module is read (its variables, locals and outputs count even without resources).
      const status = state.syntaxErrorLine !== undefined && state.objects === 0 && calls.length === 0 ? 'failed' : 'scanned';
      return { path, status, documents: 1, objects: state.objects, ...(notes.length > 0 ? { reason: notes.join('; ') } : {}) };
    });
  }

  variableRecords(given: readonly string[], varFiles: readonly string[]): InputRecord[] {
    // An auto-loaded .tfvars.json the user did not name is a .json input, recorded where JSON is.
    const read = [...this.variables.keys()].filter((f) => !/\.json$/i.test(f) || varFiles.includes(f));
    const files = [...new Set([...given, ...read])];
    return files.map((absolute): InputRecord => {
      const path = this.display(absolute);
      const loaded = this.variables.get(absolute);
      if (loaded?.ok === false) return { path, status: loaded.status, reason: loaded.reason, documents: 0, objects: 0 };
      const uses = this.variableUse.get(absolute);
      if (uses) return { path, status: 'scanned', reason: `variables for ${[...uses].join(', ')}${varFiles.includes(absolute) ? ' (--var-file)' : ''}`, documents: 1, objects: 0 };
      const dir = dirname(absolute);
      const reason = !AUTO_VARIABLE_FILE.test(basename(absolute))
        ? 'not loaded automatically; pass it with --var-file'
        : this.reached.has(dir)
          ? `not loaded: ${this.display(dir)} is read as a module, which gets its variables from the caller`
          : `not loaded: no .tf file of ${this.display(dir)} is in the inputs`;
      return { path, status: 'skipped', reason, documents: 1, objects: 0 };
    });
  }

  private async variableFile(absolute: string): Promise<ReadonlyMap<string, Evaluated> | undefined> {
    const cached = this.variables.get(absolute);
    if (cached !== undefined) return cached.ok ? cached.values : undefined;
    const read = await readText(absolute, this.maxFileSize);
    if (!read.ok) {
      this.variables.set(absolute, read);
      return undefined;
    }
    const values = new Map<string, Evaluated>();
    if (/\.json$/i.test(absolute)) {
      const parsed = parseJsonObject(read.text);
      if (typeof parsed === 'string') this.problems.push({ file: this.display(absolute), message: parsed, region: regionAt(1, 1) });
      else for (const [name, value] of Object.entries(parsed)) values.set(name, known(jsonValue(value)));
    } else {
      const hcl = parseHcl(read.text);
      this.report(this.display(absolute), hcl.diagnostics);
      for (const item of hcl.body.items) if (item.kind === 'attribute') values.set(item.name, evaluate(item.value));
    }
    this.variables.set(absolute, { ok: true, values });
    return values;
  }

  private report(file: string, diagnostics: readonly Diagnostic[]): void {
    for (const d of diagnostics.slice(0, MAX_PROBLEMS_PER_FILE)) this.problems.push({ file, message: d.message, region: regionOf(d.range) });
  }

  private state(absolute: string): FileState {
    let state = this.files.get(absolute);
    if (!state) {
      state = { objects: 0, calls: new Set(), notes: new Set() };
      this.files.set(absolute, state);
    }
    return state;
  }
}
