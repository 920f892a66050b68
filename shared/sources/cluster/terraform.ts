// Terraform `.tf` configurations → Terraform resources for the azurerm mapping. The `.tf` files given
// from one directory are one module: scanning a directory gives all of them, a file named alone is read
// alone (the rule fixtures rely on that). Variables get their values as Terraform gives them (default,
// terraform.tfvars, *.auto.tfvars, --var-file), locals, count/for_each and dynamic blocks are expanded
// where their values are known, local modules are followed with their arguments and remote ones are
// listed as not read (the AVM AKS registry module too, but the arguments passed to it are read as the
// cluster: avm.ts). What cannot be known statically is unknown with the reason, never guessed.
// An unknown count or for_each gives one instance addressed `x.y[*]` (every `x.y[k]` reference names
// it), so a rule still sees the resource and a reader sees its number of instances is not known.

import { readdir } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type { AksCluster, Field, Infrastructure, Resolved, SourceLocation, Unresolved } from '../../documents/cluster/model.js';
import { regionAt, type Region } from '../../documents/locator.js';
import type { Block as HclNode, Body, Diagnostic, Expression, Range } from '../../documents/terraform/hcl-ast.js';
import { evaluate } from '../../documents/terraform/hcl-evaluate.js';
import { referenceMarker } from '../../documents/terraform/hcl-evaluate-reference.js';
import { parseHcl } from '../../documents/terraform/hcl-parser.js';
import { attributeOf, blocksOf, staticTraversal } from '../../documents/terraform/hcl-query.js';
import type { Scope, Traversal, TraversalStep } from '../../documents/terraform/hcl-scope.js';
import { ResourceReference, UnknownValue, afterApply, clip, getMember, isList, isObjectValue, known, objectOf, unknown, type Evaluated, type Value } from '../../documents/terraform/hcl-values.js';
import type { InputRecord } from '../../report.js';
import { readText } from '../read.js';
import { displayPath } from '../walk.js';
import { AVM_ARGUMENTS_READ, isAvmAksModule, mapAvmCluster, terraformArguments } from './avm.js';
import { mapAzurerm } from './azurerm.js';
import type { Block, TerraformResource } from './block.js';
import type { DefinitionProblem } from './read.js';

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

/** What the azurerm mapping reads; other resources are only targets of references. */
const MAPPED_TYPES: ReadonlySet<string> = new Set([
  'azurerm_application_gateway',
  'azurerm_cdn_frontdoor_profile',
  'azurerm_firewall',
  'azurerm_frontdoor',
  'azurerm_kubernetes_cluster',
  'azurerm_kubernetes_cluster_node_pool',
  'azurerm_monitor_activity_log_alert',
  'azurerm_monitor_alert_prometheus_rule_group',
  'azurerm_monitor_diagnostic_setting',
  'azurerm_monitor_metric_alert',
  'azurerm_monitor_scheduled_query_rules_alert',
  'azurerm_monitor_scheduled_query_rules_alert_v2',
  'azurerm_route',
  'azurerm_route_table',
  'azurerm_traffic_manager_profile',
  'azurerm_web_application_firewall_policy',
]);
const MODULE_META_ARGUMENTS: ReadonlySet<string> = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);
const ROOT_HINT = 'give it a default or a tfvars file';
const DEFAULT_MAX_FILE_SIZE = 50 * 1024 * 1024;
const MAX_MODULE_DEPTH = 32;
const MAX_MODULE_INSTANCES = 500;
const MAX_INSTANCES = 1000;
const MAX_PROBLEMS_PER_FILE = 5;
const MAX_FOLLOW_DEPTH = 32;
const VARIABLE_FILE = /\.tfvars(\.json)?$/i;
const AUTO_VARIABLE_FILE = /^(terraform\.tfvars(\.json)?|.+\.auto\.tfvars(\.json)?)$/i;

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

const EMPTY_BODY: Body = { items: [], range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } };

interface TfFile {
  readonly absolute: string;
  readonly display: string;
  readonly body: Body;
}

interface FileState {
  objects: number;
  readonly notes: Set<string>;
  failed?: { readonly status: 'skipped' | 'failed'; readonly reason: string };
  syntaxErrorLine?: number;
}

type Lazy = () => Evaluated;

type VariableFile = { readonly ok: true; readonly values: ReadonlyMap<string, Evaluated> } | { readonly ok: false; readonly status: 'skipped' | 'failed'; readonly reason: string };

/** One run: the files read, the problems, the resources found and what could not be followed. */
class TerraformReader {
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

  notFollowed(entry: Unresolved): void {
    const same = (u: Unresolved): boolean => u.what === entry.what && u.at.file === entry.at.file && u.at.region.startLine === entry.at.region.startLine;
    if (!this.unresolved.some(same)) this.unresolved.push(entry);
  }

  fileRecords(unresolved: readonly Unresolved[]): InputRecord[] {
    return [...this.files].map(([absolute, state]) => {
      const path = this.display(absolute);
      if (state.failed) return { path, status: state.failed.status, reason: state.failed.reason, documents: 0, objects: 0 };
      const notFollowed = unresolved.filter((u) => u.at.file === path).length;
      const notes = [
        state.objects === 0 ? 'no AKS or related resources' : undefined,
        ...state.notes,
        state.syntaxErrorLine !== undefined ? `invalid HCL (line ${state.syntaxErrorLine}); the other blocks were read` : undefined,
        notFollowed > 0 ? `${notFollowed} module(s) or reference(s) not followed` : undefined,
      ].filter((n): n is string => n !== undefined);
      const status = state.objects > 0 ? 'scanned' : state.syntaxErrorLine !== undefined ? 'failed' : 'skipped';
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
      state = { objects: 0, notes: new Set() };
      this.files.set(absolute, state);
    }
    return state;
  }
}

// --- Modules -------------------------------------------------------------------------------------

interface ModuleSetup {
  readonly dir: string;
  readonly files: readonly TfFile[];
  /** `''` for a root module, `module.aks.` (`module.aks["x"].`) inside one. */
  readonly prefix: string;
  readonly inputs: ReadonlyMap<string, Lazy>;
  /** How a variable without a value could get one, said in its reason. */
  readonly hint: string;
  /** Directories of the modules whose calls led here. */
  readonly chain: readonly string[];
  /** The root directory, as displayed. */
  readonly origin: string;
}

type InstanceKey = string | number | undefined;

interface Instance {
  readonly key: InstanceKey;
  /** `''`, `[0]`, `["a"]`, or `[*]` when count or for_each is unknown. */
  readonly suffix: string;
  readonly scope: Scope;
}

interface ResourceEntry {
  readonly node: HclNode;
  readonly unknownExpansion: boolean;
  readonly scopes: ReadonlyMap<InstanceKey, Scope>;
}

interface CallEntry {
  readonly read: boolean;
  readonly unknownExpansion: boolean;
  readonly instances: Map<InstanceKey, ModuleInstance>;
}

const NOT_READ: CallEntry = { read: false, unknownExpansion: false, instances: new Map() };

async function readModule(reader: TerraformReader, setup: ModuleSetup): Promise<ModuleInstance> {
  const module = new ModuleInstance(reader, setup);
  for (const file of setup.files) for (const node of blocksOf(file.body, 'module')) await module.call(node, file);
  for (const file of setup.files) for (const node of blocksOf(file.body, 'resource')) module.resource(node, file);
  return module;
}

/** One instance of a module: its variables, locals and outputs, and the resources and calls in it. */
class ModuleInstance {
  readonly scope: Scope;
  private readonly resources = new Map<string, ResourceEntry>();
  private readonly calls = new Map<string, CallEntry>();
  private readonly outputs = new Map<string, Expression>();
  /** Attributes of resources and outputs already followed (each is evaluated once). */
  private readonly followed = new Map<string, Evaluated | 'active'>();

  constructor(
    private readonly reader: TerraformReader,
    private readonly setup: ModuleSetup,
  ) {
    const variables = new Map<string, Lazy>();
    const locals = new Map<string, Expression>();
    for (const file of setup.files) {
      for (const item of file.body.items) {
        if (item.kind !== 'block') continue;
        const label = item.labels.length === 1 ? item.labels[0]?.value : undefined;
        if (item.type === 'variable' && label !== undefined) {
          const fallback = attributeOf(item.body, 'default');
          variables.set(label, setup.inputs.get(label) ?? (fallback ? () => evaluate(fallback.value) : () => unknown(`var.${clip(label)} has no value (${setup.hint})`)));
        } else if (item.type === 'locals') {
          for (const local of item.body.items) if (local.kind === 'attribute') locals.set(local.name, local.value);
        } else if (item.type === 'output' && label !== undefined) {
          const value = attributeOf(item.body, 'value');
          if (value) this.outputs.set(label, value.value);
        }
      }
    }
    this.scope = { variables: lazyRecord(variables, 'var'), locals: Object.fromEntries(locals), resolveReference: (t) => this.resolve(t) };
  }

  async call(node: HclNode, file: TfFile): Promise<void> {
    const name = node.labels.length === 1 ? node.labels[0]?.value : undefined;
    if (name === undefined) return;
    const address = `${this.setup.prefix}module.${name}`;
    const at: SourceLocation = { file: file.display, region: headerRegion(node) };
    const notRead = (what: string, reason: string): void => {
      this.calls.set(name, NOT_READ);
      this.reader.notFollowed({ what, reason, at });
    };
    const source = literalString(attributeOf(node.body, 'source')?.value);
    if (source === undefined) return notRead(address, 'its source is not a literal string');
    if (!isLocalSource(source)) {
      const version = literalString(attributeOf(node.body, 'version')?.value);
      const what = `remote module ${source}${version !== undefined ? ` ${version}` : ''}`;
      if (!isAvmAksModule('terraform', source)) return notRead(what, 'it is not read (only local modules are followed; a terraform show -json plan shows what it creates)');
      // The AVM AKS module: not read either, but the arguments passed to each instance are the cluster.
      notRead(what, AVM_ARGUMENTS_READ);
      const context: BlockContext = { prefix: this.setup.prefix, iterators: [] };
      for (const instance of instancesOf(node.body, this.scope)) {
        const settleExpression = (expr: Expression): { value: Resolved<unknown>; via?: string | undefined } => {
          const { value, reference } = settle(evaluate(expr, instance.scope));
          return { value, via: reference !== undefined ? `reference to ${reference}` : describeReferences(expr, context) };
        };
        const call = { language: 'terraform' as const, address: `${address}${instance.suffix}`, source, version, at, arguments: terraformArguments(node.body, file.display, settleExpression) };
        const read = mapAvmCluster(call);
        this.reader.clusters.push(read.cluster);
        for (const entry of read.unresolved) this.reader.notFollowed(entry);
        this.reader.countResource(file.absolute);
      }
      return;
    }
    const dir = resolve(this.setup.dir, source);
    if (dir === this.setup.dir || this.setup.chain.includes(dir)) return notRead(address, `its source ${source} calls a module that leads back to it`);
    if (this.setup.chain.length >= MAX_MODULE_DEPTH) return notRead(address, `modules are nested deeper than ${MAX_MODULE_DEPTH}`);
    const listing = await tfFilesIn(dir);
    if (typeof listing === 'string' || listing.length === 0) return notRead(address, `its directory ${this.reader.display(dir)} ${typeof listing === 'string' ? listing : 'has no .tf files'}`);
    this.reader.reached.add(dir);
    const files = (await Promise.all(listing.map((f) => this.reader.tfFile(f)))).filter((f): f is TfFile => f !== undefined);
    const instances = instancesOf(node.body, this.scope);
    const entry: CallEntry = { read: true, unknownExpansion: instances.some((i) => i.suffix === '[*]'), instances: new Map() };
    this.calls.set(name, entry);
    const described = `${address} of ${this.setup.origin}`;
    for (const f of listing) this.reader.note(f, instances.length === 0 ? `${described} has no instances (count or for_each is empty)` : `read as ${described}`);
    for (const instance of instances) {
      this.reader.moduleInstances += 1;
      if (this.reader.moduleInstances > MAX_MODULE_INSTANCES) return this.reader.notFollowed({ what: address, reason: `more than ${MAX_MODULE_INSTANCES} module instances`, at });
      const inputs = new Map<string, Lazy>();
      for (const item of node.body.items) {
        if (item.kind === 'attribute' && !MODULE_META_ARGUMENTS.has(item.name)) inputs.set(item.name, () => evaluate(item.value, instance.scope));
      }
      const hint = `${address} does not pass it and it has no default`;
      const child = await readModule(this.reader, { dir, files, prefix: `${address}${instance.suffix}.`, inputs, hint, chain: [...this.setup.chain, this.setup.dir], origin: this.setup.origin });
      entry.instances.set(instance.key, child);
    }
  }

  resource(node: HclNode, file: TfFile): void {
    const [type, name] = node.labels.map((l) => l.value);
    if (type === undefined || name === undefined || node.labels.length !== 2) return;
    const instances = instancesOf(node.body, this.scope);
    const unknownExpansion = instances.some((i) => i.suffix === '[*]');
    this.resources.set(`${type}.${name}`, { node, unknownExpansion, scopes: new Map(instances.map((i) => [i.key, i.scope])) });
    if (!MAPPED_TYPES.has(type)) return;
    const context: BlockContext = { prefix: this.setup.prefix, iterators: [] };
    for (const instance of instances) {
      const address = `${this.setup.prefix}${type}.${name}${instance.suffix}`;
      const body = new HclBlock(node, file.display, instance.scope, context);
      if (unknownExpansion) this.reader.notFollowed({ what: `the instances of ${address}`, reason: expansionReason(node.body, this.scope), at: body.at });
      this.reader.resources.push({ type, address, format: 'terraform', body });
      this.reader.countResource(file.absolute);
    }
  }

  /**
   * References from this module: to a resource (its address, module-qualified; a configured argument
   * such as `location` is read from the resource's own block), to a data source, or to a module output.
   */
  private resolve(t: Traversal): Evaluated {
    if (t.root === 'module') return this.moduleOutput(t);
    const marker = referenceMarker(t);
    if (marker.kind === 'unknown' || !(marker.value instanceof ResourceReference)) return marker;
    const ref = marker.value;
    const entry = t.root === 'data' ? undefined : this.resources.get(ref.$ref);
    const qualified = entry?.unknownExpansion
      ? new ResourceReference(`${this.setup.prefix}${ref.$ref}[*]`, undefined, ref.attribute, ref.path)
      : new ResourceReference(this.setup.prefix + ref.$ref, ref.instance, ref.attribute, ref.path);
    const [first, ...rest] = t.steps.slice(t.steps.length - ref.path.length);
    if (entry && first?.kind === 'attr' && first.name !== 'id' && first.name !== 'name') {
      const scope = entry.scopes.get(entry.unknownExpansion ? undefined : ref.instance);
      const argument = scope && attributeOf(entry.node.body, first.name);
      if (scope && argument) return walk(this.once(`${addressOf(qualified)}.${first.name}`, () => evaluate(argument.value, scope)), rest);
    }
    return known(qualified);
  }

  private moduleOutput(t: Traversal): Evaluated {
    const [nameStep, ...after] = t.steps;
    if (nameStep?.kind !== 'attr') return unknown('"module" must be followed by a module name');
    const call = this.calls.get(nameStep.name);
    const label = `${this.setup.prefix}module.${clip(nameStep.name)}`;
    if (!call) return unknown(`${label} is not declared`);
    if (!call.read) return unknown(`${label} is a module that is not read`);
    const [keyStep, ...rest] = after;
    const key = keyStep?.kind === 'index' ? keyStep.key : undefined;
    const [outputStep, ...steps] = keyStep?.kind === 'index' ? rest : after;
    const child = call.instances.get(call.unknownExpansion ? undefined : key);
    if (!child) return unknown(`${label} has no instance ${key === undefined ? 'without an index' : `[${JSON.stringify(key)}]`}`);
    if (outputStep?.kind !== 'attr') return unknown(`${label} as a whole is not evaluated`);
    return walk(child.output(outputStep.name), steps);
  }

  private output(name: string): Evaluated {
    const expr = this.outputs.get(name);
    if (!expr) return unknown(`${this.setup.prefix || 'the module'} has no output "${clip(name)}"`);
    return this.once(`output.${name}`, () => evaluate(expr, this.scope));
  }

  private once(key: string, evaluateIt: Lazy): Evaluated {
    const done = this.followed.get(key);
    if (done === 'active') return unknown(`${clip(key)} refers to itself`);
    if (done !== undefined) return done;
    this.followed.set(key, 'active');
    const result = this.reader.follow(evaluateIt);
    this.followed.set(key, result);
    return result;
  }
}

/** The instances `count` or `for_each` makes: none, some, or one `[*]` standing for an unknown number. */
function instancesOf(body: Body, scope: Scope): Instance[] {
  const count = attributeOf(body, 'count');
  const forEach = attributeOf(body, 'for_each');
  if (!count && !forEach) return [{ key: undefined, suffix: '', scope }];
  if (count) {
    const n = wholeNumber(evaluate(count.value, scope));
    if (n === undefined) return [{ key: undefined, suffix: '[*]', scope }];
    return Array.from({ length: n }, (_, index) => ({ key: index, suffix: `[${index}]`, scope: { ...scope, count: { index } } }));
  }
  const pairs = forEachPairs(evaluate(forEach?.value ?? EMPTY_EXPRESSION, scope));
  if (typeof pairs === 'string') {
    const each = new UnknownValue(`each is unknown: ${pairs}`);
    return [{ key: undefined, suffix: '[*]', scope: { ...scope, each: { key: each, value: each } } }];
  }
  return pairs.map(([key, value]) => ({ key, suffix: `[${JSON.stringify(key)}]`, scope: { ...scope, each: { key, value } } }));
}

const EMPTY_EXPRESSION: Expression = { kind: 'literal', value: null, range: EMPTY_BODY.range };

function expansionReason(body: Body, scope: Scope): string {
  const count = attributeOf(body, 'count');
  if (count) {
    const result = evaluate(count.value, scope);
    return result.kind === 'unknown' ? `count is unknown: ${result.reason}` : `count is not a whole number up to ${MAX_INSTANCES}`;
  }
  const forEach = attributeOf(body, 'for_each');
  const pairs = forEach ? forEachPairs(evaluate(forEach.value, scope)) : [];
  return typeof pairs === 'string' ? `for_each is unknown: ${pairs}` : 'count or for_each is unknown';
}

function wholeNumber(result: Evaluated): number | undefined {
  if (result.kind === 'unknown') return undefined;
  const n = typeof result.value === 'number' ? result.value : typeof result.value === 'string' && /^\d+$/.test(result.value) ? Number(result.value) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= MAX_INSTANCES ? n : undefined;
}

/** `for_each` of a resource or module: a map (keys in order) or a set of strings; otherwise why not. */
function forEachPairs(result: Evaluated): [string, Value][] | string {
  if (result.kind === 'unknown') return result.reason;
  const value = result.value;
  if (value instanceof ResourceReference) return afterApply(value).reason;
  if (isObjectValue(value)) return Object.keys(value).sort().slice(0, MAX_INSTANCES).map((k) => [k, getMember(value, k) ?? null]);
  if (!isList(value)) return 'it is not a map or a set of strings';
  const keys = new Set<string>();
  for (const item of value) {
    if (item instanceof UnknownValue) return item.reason;
    if (typeof item !== 'string') return 'it is not a map or a set of strings';
    keys.add(item);
  }
  return [...keys].sort().slice(0, MAX_INSTANCES).map((k) => [k, k]);
}

// --- Blocks ---------------------------------------------------------------------------------------

interface BlockContext {
  /** The module prefix, for describing references. */
  readonly prefix: string;
  /** Iterator names of the dynamic blocks around this one (`route` in `route.value`). */
  readonly iterators: readonly string[];
}

/** A `.tf` block as the azurerm mapping reads it: the twin of the plan's PlanBlock. */
class HclBlock implements Block {
  readonly at: SourceLocation;

  constructor(
    private readonly node: HclNode,
    private readonly file: string,
    private readonly scope: Scope,
    private readonly context: BlockContext,
  ) {
    this.at = { file, region: headerRegion(node) };
  }

  attribute(name: string): Field<unknown> | undefined {
    const attribute = attributeOf(this.node.body, name);
    if (!attribute) return undefined;
    const result = evaluate(attribute.value, this.scope);
    // As in a plan, null means the argument is left unset.
    if (result.kind === 'known' && result.value === null) return undefined;
    const at: SourceLocation = { file: this.file, region: regionOf(attribute.nameRange) };
    const { value, reference } = settle(result);
    const via = reference !== undefined ? `reference to ${reference}` : describeReferences(attribute.value, this.context);
    return via === undefined ? { at, value } : { at, value, via };
  }

  blocks(type: string): readonly Block[] {
    const out: Block[] = [];
    for (const item of this.node.body.items) {
      if (item.kind !== 'block') continue;
      if (item.type === type) out.push(new HclBlock(item, this.file, this.scope, this.context));
      else if (item.type === 'dynamic' && item.labels.length === 1 && item.labels[0]?.value === type) out.push(...this.dynamic(item, type));
    }
    return out;
  }

  /** `dynamic "type" { for_each, iterator, content { … } }` → one content block per element. */
  private dynamic(node: HclNode, type: string): HclBlock[] {
    const content = blocksOf(node.body, 'content')[0];
    const forEach = attributeOf(node.body, 'for_each');
    if (!content || !forEach) return [];
    const named = staticTraversal(attributeOf(node.body, 'iterator')?.value ?? EMPTY_EXPRESSION);
    const iterator = named && named.steps.length === 0 ? named.root : type;
    const context: BlockContext = { ...this.context, iterators: [...this.context.iterators, iterator] };
    const collection = evaluate(forEach.value, this.scope);
    const pairs = iterationPairs(collection);
    if (typeof pairs === 'string') {
      // Unknown for_each: the content once, unknown wherever it reads the iterator.
      const unknownElement = new UnknownValue(`the for_each of dynamic "${clip(type)}" is unknown (${pairs})`);
      return [new HclBlock(content, this.file, bindIterator(this.scope, iterator, unknownElement), context)];
    }
    return pairs.map(([key, value]) => new HclBlock(content, this.file, bindIterator(this.scope, iterator, objectOf([['key', key], ['value', value]])), context));
  }
}

function iterationPairs(result: Evaluated): [Value, Value][] | string {
  if (result.kind === 'unknown') return result.reason;
  const value = result.value;
  if (value === null) return [];
  if (value instanceof ResourceReference) return afterApply(value).reason;
  if (isList(value)) return value.slice(0, MAX_INSTANCES).map((item, i) => [i, item]);
  if (isObjectValue(value)) return Object.keys(value).sort().slice(0, MAX_INSTANCES).map((k) => [k, getMember(value, k) ?? null]);
  return 'it is not a collection';
}

function bindIterator(scope: Scope, name: string, element: Value): Scope {
  const parent = scope.resolveReference ?? referenceMarker;
  return { ...scope, resolveReference: (t) => (t.root === name ? walk(known(element), t.steps) : parent(t)) };
}

/** An evaluated value as the model holds it: references read for their id become the address. */
function settle(result: Evaluated): { value: Resolved<unknown>; reference?: string } {
  if (result.kind === 'unknown') return { value: { known: false, reason: result.reason } };
  if (result.value instanceof ResourceReference && readsAddress(result.value)) {
    const address = addressOf(result.value);
    return { value: { known: true, value: address }, reference: address };
  }
  const plain = plainValue(result.value);
  return { value: plain instanceof UnknownValue ? { known: false, reason: plain.reason } : { known: true, value: plain } };
}

function plainValue(value: Value): unknown {
  if (value instanceof UnknownValue) return value;
  if (value instanceof ResourceReference) return readsAddress(value) ? addressOf(value) : afterApply(value);
  const entries = isList(value) ? value.map((v, i) => [i, v] as const) : isObjectValue(value) ? Object.entries(value) : undefined;
  if (entries === undefined) return value;
  const out: [string | number, unknown][] = [];
  for (const [k, v] of entries) {
    const plain = plainValue(v);
    // A collection with an unknown member is unknown as a whole in the model.
    if (plain instanceof UnknownValue) return plain;
    out.push([k, plain]);
  }
  return isList(value) ? out.map(([, v]) => v) : Object.fromEntries(out);
}

/** `x.y`, `x.y.id`, `x.y.name`: what the model matches references by. */
function readsAddress(ref: ResourceReference): boolean {
  return ref.path.length === 0 || (ref.path.length === 1 && (ref.path[0] === 'id' || ref.path[0] === 'name'));
}

function addressOf(ref: ResourceReference): string {
  return `${ref.$ref}${ref.instance === undefined ? '' : `[${JSON.stringify(ref.instance)}]`}`;
}

/** Follows attribute and index steps into a value; on a resource reference they extend the reference. */
function walk(start: Evaluated, steps: readonly TraversalStep[]): Evaluated {
  let current = start;
  for (const step of steps) {
    if (current.kind === 'unknown') return current;
    const value = current.value;
    if (value instanceof UnknownValue) return unknown(value.reason);
    const key = step.kind === 'attr' ? step.name : step.key;
    if (value instanceof ResourceReference) {
      const asInstance = step.kind === 'index' && value.instance === undefined && value.path.length === 0;
      current = known(asInstance ? new ResourceReference(value.$ref, key, undefined, []) : new ResourceReference(value.$ref, value.instance, value.attribute ?? (step.kind === 'attr' ? step.name : undefined), [...value.path, key]));
      continue;
    }
    const next = isList(value) ? (typeof key === 'number' ? value[key] : undefined) : isObjectValue(value) ? getMember(value, String(key)) : undefined;
    if (next === undefined) return unknown(step.kind === 'attr' ? `"${clip(step.name)}" cannot be read from the value` : 'an index is not in the value');
    current = known(next);
  }
  return current.kind === 'known' && current.value instanceof UnknownValue ? unknown(current.value.reason) : current;
}

/** How a value that is not written literally was obtained: the references in its expression. */
function describeReferences(expr: Expression, context: BlockContext): string | undefined {
  const found = new Set<string>();
  collectReferences(expr, context, new Set(), found);
  const list = [...found];
  if (list.length === 0) return undefined;
  return list.length > 3 ? `${list.slice(0, 3).join(', ')}, …` : list.join(', ');
}

function collectReferences(expr: Expression, context: BlockContext, bound: ReadonlySet<string>, out: Set<string>): void {
  const visit = (e: Expression, names: ReadonlySet<string> = bound): void => collectReferences(e, context, names, out);
  switch (expr.kind) {
    case 'variable':
    case 'getAttr':
    case 'index': {
      const names: string[] = [];
      let node: Expression = expr;
      while (node.kind === 'getAttr' || node.kind === 'index') {
        if (node.kind === 'getAttr') names.unshift(node.name);
        else visit(node.key);
        node = node.object;
      }
      if (node.kind !== 'variable') visit(node);
      else if (!bound.has(node.name)) out.add(describeRoot(node.name, names, context));
      return;
    }
    case 'template':
      for (const part of expr.parts) if (part.kind !== 'literal' && part.expr) visit(part.expr, new Set([...bound, ...(part.kind === 'directive' ? part.variables : [])]));
      return;
    case 'splat':
      return visit(expr.source);
    case 'call':
      return expr.args.forEach((a) => visit(a));
    case 'conditional':
      return [expr.condition, expr.trueResult, expr.falseResult].forEach((e) => visit(e));
    case 'unary':
      return visit(expr.operand);
    case 'binary':
      visit(expr.left);
      return visit(expr.right);
    case 'tuple':
      return expr.items.forEach((e) => visit(e));
    case 'object':
      return expr.items.forEach((item) => [item.key, item.value].forEach((e) => visit(e)));
    case 'for': {
      visit(expr.collection);
      const inner = new Set([...bound, expr.valueVar, ...(expr.keyVar !== undefined ? [expr.keyVar] : [])]);
      for (const e of [expr.keyExpr, expr.valueExpr, expr.condition]) if (e) visit(e, inner);
      return;
    }
    case 'parens':
      return visit(expr.expr);
    case 'literal':
    case 'splatItem':
    case 'invalid':
      return;
  }
}

function describeRoot(root: string, names: readonly string[], context: BlockContext): string {
  const [a, b] = names;
  if (a === undefined) return root;
  if (['var', 'local', 'each', 'count', 'path', 'terraform', 'self'].includes(root) || context.iterators.includes(root)) return `${root}.${a}`;
  if (root === 'module') return `${context.prefix}module.${a}${b !== undefined ? `.${b}` : ''}`;
  if (root === 'data') return `reference to ${context.prefix}data.${a}${b !== undefined ? `.${b}` : ''}`;
  return `reference to ${context.prefix}${root}.${a}`;
}

// --- Small helpers --------------------------------------------------------------------------------

/** Variables evaluated on first use (a module argument may read another module's output), each once. */
function lazyRecord(values: ReadonlyMap<string, Lazy>, kind: string): Record<string, Evaluated> {
  const record: Record<string, Evaluated> = {};
  for (const [name, get] of values) {
    let cached: Evaluated | undefined;
    let active = false;
    Object.defineProperty(record, name, {
      enumerable: true,
      get: (): Evaluated => {
        if (cached) return cached;
        if (active) return unknown(`${kind}.${clip(name)} refers to itself`);
        active = true;
        try {
          cached = get();
        } finally {
          active = false;
        }
        return cached;
      },
    });
  }
  return record;
}

function literalString(expr: Expression | undefined): string | undefined {
  const result = expr && evaluate(expr);
  return result?.kind === 'known' && typeof result.value === 'string' ? result.value : undefined;
}

function isLocalSource(source: string): boolean {
  return /^\.\.?([\\/]|$)/.test(source);
}

/** The `.tf` files of a directory, sorted; a string says why there are none to read. */
async function tfFilesIn(dir: string): Promise<string[] | string> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => (e.isFile() || e.isSymbolicLink()) && /\.tf$/i.test(e.name))
      .map((e) => join(dir, e.name))
      .sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return code === 'ENOENT' ? 'does not exist' : code === 'ENOTDIR' ? 'is not a directory' : `cannot be read (${code})`;
  }
}

/** terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) in lexical order, as Terraform loads them. */
async function autoVariableFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const fixed = ['terraform.tfvars', 'terraform.tfvars.json'].filter((n) => names.includes(n));
  const auto = names.filter((n) => /\.auto\.tfvars(\.json)?$/.test(n)).sort();
  return [...fixed, ...auto].map((n) => join(dir, n));
}

function parseJsonObject(text: string): Record<string, unknown> | string {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : 'a .tfvars.json file must hold one JSON object';
  } catch {
    return 'invalid JSON';
  }
}

function jsonValue(value: unknown): Value {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return (value as unknown[]).map(jsonValue);
  if (typeof value === 'object' && value !== null) return objectOf(Object.entries(value).map(([k, v]) => [k, jsonValue(v)] as const));
  return null;
}

function regionOf(range: Range): Region {
  return { startLine: range.start.line, startColumn: range.start.column, endLine: range.end.line, endColumn: range.end.column };
}

/** `resource "azurerm_kubernetes_cluster" "main" {`: from the type to the opening brace. */
function headerRegion(node: HclNode): Region {
  return regionOf({ start: node.typeRange.start, end: node.openBraceRange.end });
}
