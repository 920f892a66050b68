// Values the evaluator produces, and the conversions Terraform applies between them. As in Terraform, a
// known object or tuple may hold unknown members (`{ a = 1, b = var.unset }` still has a known `a`);
// references to resources are markers, not values, so callers can tell which resource a value names.

export type Value = string | number | boolean | null | readonly Value[] | ValueObject | ResourceReference | UnknownValue;

export interface ValueObject {
  readonly [key: string]: Value;
}

export type Evaluated = { readonly kind: 'known'; readonly value: Value } | { readonly kind: 'unknown'; readonly reason: string };

/** A value that is not known statically; `reason` says why in a few words and never holds a value. */
export class UnknownValue {
  constructor(readonly reason: string) {}
}

/** Something the configuration gets wrong (a missing attribute, a bad argument); `try()` catches it. */
export class EvalError {
  constructor(readonly reason: string) {}
}

/** An outcome of evaluating one expression: a value (maybe unknown) or an error. */
export type Outcome = Value | EvalError;

/**
 * What `azurerm_kubernetes_cluster.main.id` evaluates to: the address of the resource (or data source,
 * or module) and what was read from it.
 */
export class ResourceReference {
  constructor(
    /** `azurerm_kubernetes_cluster.main`, `data.azurerm_client_config.current`, `module.aks`. */
    readonly $ref: string,
    /** The key in `x.y[0]` / `x.y["a"]` when the resource has `count` or `for_each`. */
    readonly instance: string | number | undefined,
    /** The first attribute read: `id` in `azurerm_kubernetes_cluster.main.id`. */
    readonly attribute: string | undefined,
    /** Every attribute name and index after the address and instance: `['identity', 0, 'principal_id']`. */
    readonly path: readonly (string | number)[],
  ) {}

  toString(): string {
    const instance = this.instance === undefined ? '' : `[${JSON.stringify(this.instance)}]`;
    const rest = this.path.map((step) => (typeof step === 'number' ? `[${step}]` : `.${step}`)).join('');
    return `${this.$ref}${instance}${rest}`;
  }
}

export function known(value: Value): Evaluated {
  return { kind: 'known', value };
}

export function unknown(reason: string): Evaluated {
  return { kind: 'unknown', reason };
}

export function isObjectValue(value: unknown): value is ValueObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof ResourceReference) &&
    !(value instanceof UnknownValue) &&
    !(value instanceof EvalError)
  );
}

export function isList(value: Value): value is readonly Value[] {
  return Array.isArray(value);
}

/** True for an unknown value or an error: the outcome cannot be used as a value. */
export function isUnsettled(outcome: Outcome): outcome is UnknownValue | EvalError {
  return outcome instanceof UnknownValue || outcome instanceof EvalError;
}

/** The first unknown anywhere inside a value, or undefined when the whole value is known. */
export function findUnknown(value: Value): UnknownValue | undefined {
  if (value instanceof UnknownValue) return value;
  const members = isList(value) ? value : isObjectValue(value) ? Object.values(value) : [];
  for (const member of members) {
    const found = findUnknown(member);
    if (found) return found;
  }
  return undefined;
}

/** An object whose keys are data, never prototype setters (`{ "__proto__" = 1 }` is just a key). */
export function objectOf(entries: Iterable<readonly [string, Value]>): ValueObject {
  return Object.fromEntries(entries);
}

export function getMember(object: ValueObject, key: string): Value | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

export function typeName(value: Value): string {
  if (value === null) return 'null';
  if (isList(value)) return 'tuple';
  if (value instanceof ResourceReference) return 'resource reference';
  if (value instanceof UnknownValue) return 'unknown value';
  if (isObjectValue(value)) return 'object';
  return typeof value;
}

export function afterApply(ref: ResourceReference): UnknownValue {
  return new UnknownValue(`${clip(ref.toString())} is known only after apply`);
}

/** Names in reasons are the configuration's own identifiers, kept short. */
export function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Terraform's automatic conversion to string: numbers and bools convert, other types do not. */
export function asString(value: Value, what: string): string | UnknownValue | EvalError {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof UnknownValue) return value;
  if (value instanceof ResourceReference) return afterApply(value);
  return new EvalError(`${what} must be a string, not ${typeName(value)}`);
}

export function asNumber(value: Value, what: string): number | UnknownValue | EvalError {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(value.trim())) return Number(value);
  if (value instanceof UnknownValue) return value;
  if (value instanceof ResourceReference) return afterApply(value);
  return new EvalError(`${what} must be a number, not ${typeName(value)}`);
}

export function asBool(value: Value, what: string): boolean | UnknownValue | EvalError {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  if (value instanceof UnknownValue) return value;
  if (value instanceof ResourceReference) return afterApply(value);
  return new EvalError(`${what} must be a bool, not ${typeName(value)}`);
}

export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  return String(n);
}

/**
 * Terraform's `==`: same type and same value. Unknown when either side holds an unknown or a resource
 * reference (two reads of the same attribute of the same resource are equal, though).
 */
export function valueEquals(a: Value, b: Value): boolean | UnknownValue {
  if (a instanceof UnknownValue) return a;
  if (b instanceof UnknownValue) return b;
  if (a instanceof ResourceReference || b instanceof ResourceReference) {
    if (a instanceof ResourceReference && b instanceof ResourceReference && a.toString() === b.toString()) return true;
    return afterApply(a instanceof ResourceReference ? a : (b as ResourceReference));
  }
  if (isList(a) || isList(b)) {
    if (!isList(a) || !isList(b) || a.length !== b.length) return false;
    return allEqual(a.map((item, i) => [item, b[i] ?? null] as const));
  }
  if (isObjectValue(a) || isObjectValue(b)) {
    if (!isObjectValue(a) || !isObjectValue(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length || !keys.every((k) => Object.hasOwn(b, k))) return false;
    return allEqual(keys.map((k) => [getMember(a, k) ?? null, getMember(b, k) ?? null] as const));
  }
  return a === b;
}

function allEqual(pairs: readonly (readonly [Value, Value])[]): boolean | UnknownValue {
  let pending: UnknownValue | undefined;
  for (const [x, y] of pairs) {
    const same = valueEquals(x, y);
    if (same === false) return false;
    if (same instanceof UnknownValue) pending ??= same;
  }
  return pending ?? true;
}
