// count and for_each → the instances of a resource or module call, and the elements a dynamic
// block's for_each gives; at most MAX_INSTANCES of them.

import type { Body } from '../../documents/terraform/hcl-ast.js';
import { evaluate } from '../../documents/terraform/hcl-evaluate.js';
import { attributeOf } from '../../documents/terraform/hcl-query.js';
import type { Scope } from '../../documents/terraform/hcl-scope.js';
import { ResourceReference, UnknownValue, afterApply, getMember, isList, isObjectValue, type Evaluated, type Value } from '../../documents/terraform/hcl-values.js';
import { EMPTY_EXPRESSION } from './terraform-hcl.js';

const MAX_INSTANCES = 1000;

export type InstanceKey = string | number | undefined;

export interface Instance {
  readonly key: InstanceKey;
  /** `''`, `[0]`, `["a"]`, or `[*]` when count or for_each is unknown. */
  readonly suffix: string;
  readonly scope: Scope;
}

/** The instances `count` or `for_each` makes: none, some, or one `[*]` standing for an unknown number. */
export function instancesOf(body: Body, scope: Scope): Instance[] {
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

export function expansionReason(body: Body, scope: Scope): string {
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

export function iterationPairs(result: Evaluated): [Value, Value][] | string {
  if (result.kind === 'unknown') return result.reason;
  const value = result.value;
  if (value === null) return [];
  if (value instanceof ResourceReference) return afterApply(value).reason;
  if (isList(value)) return value.slice(0, MAX_INSTANCES).map((item, i) => [i, item]);
  if (isObjectValue(value)) return Object.keys(value).sort().slice(0, MAX_INSTANCES).map((k) => [k, getMember(value, k) ?? null]);
  return 'it is not a collection';
}
