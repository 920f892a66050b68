// `terraform show -json PLANFILE` output → Terraform resources for the azurerm mapping. The plan is the
// exact input: variables, modules, count and for_each are already resolved by Terraform itself. A
// value Terraform only learns at apply time is unknown ("known after apply"), except references
// between resources, which the plan's `configuration` section still names.

import type { Field, SourceLocation } from '../../documents/cluster/model.js';
import { isRecord } from '../../documents/manifest.js';
import type { JsonPositions } from '../../documents/json-positions.js';
import type { Path } from '../../documents/locator.js';
import type { Block, TerraformResource } from './block.js';

export function isTerraformPlan(value: unknown): boolean {
  return isRecord(value) && typeof value.format_version === 'string' && ('planned_values' in value || 'resource_changes' in value);
}

interface PlanContext {
  readonly file: string;
  readonly positions: JsonPositions;
  /** address → after_unknown tree of its change. */
  readonly afterUnknown: ReadonlyMap<string, unknown>;
  /** address without index → the resource's `expressions` tree from `configuration` (what each argument was written as). */
  readonly expressions: ReadonlyMap<string, Record<string, unknown>>;
}

export function readTerraformPlan(plan: unknown, file: string, positions: JsonPositions): TerraformResource[] {
  if (!isRecord(plan)) return [];
  const context: PlanContext = { file, positions, afterUnknown: afterUnknownByAddress(plan), expressions: expressionsByAddress(plan) };
  const resources: TerraformResource[] = [];
  const root = isRecord(plan.planned_values) ? plan.planned_values.root_module : undefined;
  collect(root, ['planned_values', 'root_module'], context, resources, 0);
  return resources;
}

const MAX_MODULE_DEPTH = 32;

function collect(module: unknown, path: Path, context: PlanContext, out: TerraformResource[], depth: number): void {
  if (!isRecord(module) || depth > MAX_MODULE_DEPTH) return;
  const resources = Array.isArray(module.resources) ? (module.resources as unknown[]) : [];
  resources.forEach((resource, i) => {
    if (!isRecord(resource) || resource.mode === 'data' || typeof resource.type !== 'string' || typeof resource.address !== 'string') return;
    const values = isRecord(resource.values) ? resource.values : {};
    const address = resource.address;
    const body = new PlanBlock(values, [...path, 'resources', i, 'values'], context, address, context.afterUnknown.get(address), context.expressions.get(stripIndex(address)), [...path, 'resources', i]);
    out.push({ type: resource.type, address, format: 'terraform-plan', body });
  });
  const children = Array.isArray(module.child_modules) ? (module.child_modules as unknown[]) : [];
  children.forEach((child, i) => collect(child, [...path, 'child_modules', i], context, out, depth + 1));
}

class PlanBlock implements Block {
  readonly at: SourceLocation;

  constructor(
    private readonly values: Record<string, unknown>,
    private readonly path: Path,
    private readonly context: PlanContext,
    /** The resource's address, for references; the attribute path inside it for nested blocks. */
    private readonly address: string,
    private readonly unknown: unknown,
    /** This block's part of the configuration's `expressions` tree: how each argument was written. */
    private readonly expressions: unknown,
    headerPath: Path = path,
  ) {
    this.at = this.location(headerPath);
  }

  attribute(name: string): Field<unknown> | undefined {
    const at = this.location([...this.path, name]);
    const expression = isRecord(this.expressions) ? this.expressions[name] : undefined;
    const referenced = isRecord(expression) && Array.isArray(expression.references) ? expression.references.filter((r): r is string => typeof r === 'string') : [];
    const target = referenced.find((r) => !/\.(id|name)$/.test(r)) ?? referenced[0]?.replace(/\.(id|name)$/, '');
    const qualified = target === undefined ? undefined : modulePrefix(this.address) + target;
    if (qualified !== undefined && /_id$|_name$|^scopes$/.test(name)) {
      return { at, value: { known: true, value: name === 'scopes' ? [qualified] : qualified }, via: `reference to ${qualified}` };
    }
    // Written as a reference (a variable, a local, another resource) rather than a constant: not a literal, even
    // when the plan shows its value (it shows sensitive values in plain text too).
    const via = qualified === undefined ? undefined : `reference to ${qualified}`;
    if (isRecord(this.unknown) && this.unknown[name] === true) return { at, value: { known: false, reason: `${name} is known only after apply` }, ...(via ? { via } : {}) };
    const value = this.values[name];
    // The plan writes every argument; null means it was left unset.
    if (value === undefined || value === null) return undefined;
    return { at, value: { known: true, value }, ...(via ? { via } : {}) };
  }

  blocks(type: string): readonly Block[] {
    const list = this.values[type];
    if (!Array.isArray(list)) return [];
    const unknown = isRecord(this.unknown) && Array.isArray(this.unknown[type]) ? (this.unknown[type] as unknown[]) : [];
    const expressions = isRecord(this.expressions) && Array.isArray(this.expressions[type]) ? (this.expressions[type] as unknown[]) : [];
    return (list as unknown[]).flatMap((item, i) =>
      // A dynamic block's instances share one expression in the configuration.
      isRecord(item) ? [new PlanBlock(item, [...this.path, type, i], this.context, this.address, unknown[i], expressions[i] ?? expressions[0])] : [],
    );
  }

  private location(path: Path): SourceLocation {
    return { file: this.context.file, region: this.context.positions.locate(path).region };
  }
}

function afterUnknownByAddress(plan: Record<string, unknown>): Map<string, unknown> {
  const map = new Map<string, unknown>();
  const changes = Array.isArray(plan.resource_changes) ? (plan.resource_changes as unknown[]) : [];
  for (const change of changes) {
    if (isRecord(change) && typeof change.address === 'string' && isRecord(change.change)) map.set(change.address, change.change.after_unknown);
  }
  return map;
}

/** From `configuration`: each resource's `expressions` tree, by module-qualified address. */
function expressionsByAddress(plan: Record<string, unknown>): Map<string, Record<string, unknown>> {
  const map = new Map<string, Record<string, unknown>>();
  const visit = (module: unknown, prefix: string, depth: number): void => {
    if (!isRecord(module) || depth > MAX_MODULE_DEPTH) return;
    for (const resource of Array.isArray(module.resources) ? (module.resources as unknown[]) : []) {
      if (isRecord(resource) && typeof resource.address === 'string' && isRecord(resource.expressions)) map.set(prefix + resource.address, resource.expressions);
    }
    if (isRecord(module.module_calls)) {
      for (const [name, call] of Object.entries(module.module_calls)) {
        if (isRecord(call)) visit(call.module, `${prefix}module.${name}.`, depth + 1);
      }
    }
  };
  visit(isRecord(plan.configuration) ? plan.configuration.root_module : undefined, '', 0);
  return map;
}

/** `module.aks.azurerm_kubernetes_cluster.this[0]` → `module.aks.azurerm_kubernetes_cluster.this`. */
function stripIndex(address: string): string {
  return address.replace(/\[[^\]]*\]/g, '');
}

/** `module.aks["x"].azurerm_kubernetes_cluster.this` → `module.aks["x"].` (references in a module are relative to it). */
function modulePrefix(address: string): string {
  const match = /^((?:module\.[^.]+(?:\[[^\]]*\])?\.)*)/.exec(address);
  return match?.[1] ?? '';
}
