// The `Block` the azurerm mapping reads, over a parsed `.tf` block with dynamic blocks expanded, and
// how evaluated values become the model's values.

import type { Field, Resolved, SourceLocation } from '../../documents/cluster/model.js';
import type { Block as HclNode } from '../../documents/terraform/hcl-ast.js';
import { evaluate } from '../../documents/terraform/hcl-evaluate.js';
import { referenceMarker } from '../../documents/terraform/hcl-evaluate-reference.js';
import { attributeOf, blocksOf, staticTraversal } from '../../documents/terraform/hcl-query.js';
import type { Scope, TraversalStep } from '../../documents/terraform/hcl-scope.js';
import { ResourceReference, UnknownValue, afterApply, clip, getMember, isList, isObjectValue, known, objectOf, unknown, type Evaluated, type Value } from '../../documents/terraform/hcl-values.js';
import type { Block } from './block.js';
import { iterationPairs } from './terraform-expand.js';
import { EMPTY_EXPRESSION, headerRegion, regionOf } from './terraform-hcl.js';
import { describeReferences, type BlockContext } from './terraform-references.js';

/** A `.tf` block as the azurerm mapping reads it: the twin of the plan's PlanBlock. */
export class HclBlock implements Block {
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

function bindIterator(scope: Scope, name: string, element: Value): Scope {
  const parent = scope.resolveReference ?? referenceMarker;
  return { ...scope, resolveReference: (t) => (t.root === name ? walk(known(element), t.steps) : parent(t)) };
}

/** An evaluated value as the model holds it: references read for their id become the address. */
export function settle(result: Evaluated): { value: Resolved<unknown>; reference?: string } {
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

export function addressOf(ref: ResourceReference): string {
  return `${ref.$ref}${ref.instance === undefined ? '' : `[${JSON.stringify(ref.instance)}]`}`;
}

/** Follows attribute and index steps into a value; on a resource reference they extend the reference. */
export function walk(start: Evaluated, steps: readonly TraversalStep[]): Evaluated {
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
