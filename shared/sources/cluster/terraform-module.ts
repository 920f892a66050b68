// A module and its instances: variables (from the caller, a default or unknown), locals and outputs,
// the resources in it, and the calls it makes: a local module is read once per instance with the
// arguments passed to it, a remote one is listed as not read.

import { resolve } from 'node:path';
import type { Resolved, SourceLocation } from '../../documents/cluster/model.js';
import type { Block as HclNode, Expression } from '../../documents/terraform/hcl-ast.js';
import { evaluate } from '../../documents/terraform/hcl-evaluate.js';
import { referenceMarker } from '../../documents/terraform/hcl-evaluate-reference.js';
import { attributeOf, blocksOf } from '../../documents/terraform/hcl-query.js';
import type { Scope, Traversal } from '../../documents/terraform/hcl-scope.js';
import { ResourceReference, clip, known, unknown, type Evaluated } from '../../documents/terraform/hcl-values.js';
import { AVM_ARGUMENTS_READ, isAvmAksModule, mapAvmCluster, terraformArguments } from './avm.js';
import { HclBlock, addressOf, settle, walk } from './terraform-block.js';
import { expansionReason, instancesOf, type InstanceKey } from './terraform-expand.js';
import { tfFilesIn } from './terraform-files.js';
import { headerRegion, literalString } from './terraform-hcl.js';
import type { Lazy, TerraformReader, TfFile } from './terraform-reader.js';
import { describeReferences, type BlockContext } from './terraform-references.js';

/** What the azurerm mapping reads; other resources are only targets of references. */
const MAPPED_TYPES: ReadonlySet<string> = new Set([
  'azurerm_application_gateway',
  'azurerm_application_load_balancer',
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
  'azurerm_subnet_route_table_association',
  'azurerm_traffic_manager_profile',
  'azurerm_web_application_firewall_policy',
]);
const MODULE_META_ARGUMENTS: ReadonlySet<string> = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);
const MAX_MODULE_DEPTH = 32;
export const MAX_MODULE_INSTANCES = 500;

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

export async function readModule(reader: TerraformReader, setup: ModuleSetup): Promise<ModuleInstance> {
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
    this.reader.countCall(file.absolute, address);
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

export function isLocalSource(source: string): boolean {
  return /^\.\.?([\\/]|$)/.test(source);
}
