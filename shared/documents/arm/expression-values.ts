// The value model of the ARM expression evaluator: JSON values in which any part may be Unknown, the limits
// that keep a hostile template bounded, and the helpers every function needs (property lookup as ARM does it,
// deep equality, finding the first Unknown inside a value). No evaluation happens here.

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Where a value cannot be known before deployment: sits in place of the value, with a short human reason. */
export class Unknown {
  readonly reason: string;
  constructor(reason: string) {
    this.reason = reason.length > 200 ? `${reason.slice(0, 199)}…` : reason;
  }
}

/** A JSON value in which any part may be Unknown: the known parts of a property bag stay readable. */
export type PartialValue = null | boolean | number | string | Unknown | readonly PartialValue[] | PartialObject;
export interface PartialObject {
  readonly [key: string]: PartialValue;
}

export const LIMITS = {
  /** Nesting of calls, property accesses and indexes in one expression. */
  maxDepth: 64,
  /** Nesting of arrays and objects inside a value. */
  maxValueDepth: 128,
  /** Evaluation steps per top-level call: one per expression node, plus one per element copied or compared. */
  maxSteps: 100_000,
  /** Characters in any string built by an expression. */
  maxStringLength: 1_000_000,
  /** ARM rejects longer expressions ("template-expressions": 24,576 characters). */
  maxExpressionLength: 24_576,
  /**
   * Everything nested in everything: expressions in values in variables referring to variables. The depths
   * above are per expression and per value; this bounds what they add up to on the stack.
   */
  maxFrames: 512,
} as const;

/** Stands for the subscription or resource group in pseudo resource ids (see pseudoResourceId in expression-functions.ts). */
export const PSEUDO_SEGMENT = '{unknown}';

/** Quotes a name or piece of template text for a reason, capped so that reasons never carry whole templates. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

/** Counts evaluation steps for one top-level call; limitHits lets callers avoid caching a truncated result. */
export class Budget {
  private steps = 0;
  private frames = 0;
  limitHits = 0;

  /** Enters one level of evaluation; an Unknown instead when that would nest too deep. Pair with leave(). */
  enter(): Unknown | undefined {
    if (this.frames >= LIMITS.maxFrames) return this.limit(`evaluation nested deeper than ${LIMITS.maxFrames} levels`);
    this.frames++;
    return undefined;
  }

  leave(): void {
    this.frames--;
  }

  charge(n = 1): Unknown | undefined {
    this.steps += n;
    return this.steps > LIMITS.maxSteps ? this.limit(`evaluation takes more than ${LIMITS.maxSteps} steps`) : undefined;
  }

  limit(reason: string): Unknown {
    this.limitHits++;
    return new Unknown(reason);
  }
}

export function isList(value: PartialValue): value is readonly PartialValue[] {
  return Array.isArray(value);
}

export function isRecord(value: PartialValue): value is PartialObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Unknown);
}

export function typeName(value: PartialValue): string {
  if (value === null) return 'null';
  if (value instanceof Unknown) return 'unknown';
  if (isList(value)) return 'array';
  if (typeof value === 'number') return 'integer';
  return typeof value;
}

/** ARM matches property names exactly first, then ignoring case. Own properties only: never `constructor`. */
export function getProperty(object: PartialObject, key: string): PartialValue | undefined {
  if (Object.hasOwn(object, key)) return object[key];
  const lower = key.toLowerCase();
  const match = Object.keys(object).find((k) => k.toLowerCase() === lower);
  return match === undefined ? undefined : object[match];
}

/** Defines rather than assigns, so that a key named `__proto__` stays data. */
export function setProperty(object: Record<string, PartialValue>, key: string, value: PartialValue): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

const PLAIN_KEY = /^[A-Za-z_$][\w$]*$/;

/** The first Unknown inside a value and where it sits (`a.b[0]`), or undefined when the value is complete. */
export function findUnknown(value: PartialValue, path = '', depth = 0): { path: string; unknown: Unknown } | undefined {
  if (value instanceof Unknown) return { path, unknown: value };
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth >= LIMITS.maxValueDepth) return { path, unknown: new Unknown(`value nested deeper than ${LIMITS.maxValueDepth} levels`) };
  if (isList(value)) {
    for (const [i, item] of value.entries()) {
      const found = findUnknown(item, `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const found = findUnknown(item, PLAIN_KEY.test(key) ? `${path}${path ? '.' : ''}${key}` : `${path}[${quote(key)}]`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

export function isComplete(value: PartialValue): value is JsonValue {
  return findUnknown(value) === undefined;
}

/** Converts parsed JSON (a parameter value, json()'s result) to a PartialValue, bounded in depth. */
export function fromJson(raw: unknown, depth = 0): PartialValue {
  if (raw === null || typeof raw === 'string' || typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : new Unknown('number is not finite');
  if (raw instanceof Unknown) return raw;
  if (typeof raw !== 'object') return new Unknown(`${typeof raw} is not a JSON value`);
  if (depth >= LIMITS.maxValueDepth) return new Unknown(`value nested deeper than ${LIMITS.maxValueDepth} levels`);
  if (Array.isArray(raw)) return raw.map((item: unknown) => fromJson(item, depth + 1));
  const result: Record<string, PartialValue> = {};
  for (const [key, item] of Object.entries(raw)) setProperty(result, key, fromJson(item, depth + 1));
  return result;
}

/** Deep equality as ARM's equals: exact string comparison, same keys, same order of array elements. */
export function deepEqual(a: PartialValue, b: PartialValue, budget: Budget, depth = 0): boolean | Unknown {
  const spent = budget.charge(1);
  if (spent) return spent;
  if (a instanceof Unknown) return a;
  if (b instanceof Unknown) return b;
  if (depth >= LIMITS.maxValueDepth) return new Unknown(`value nested deeper than ${LIMITS.maxValueDepth} levels`);
  if (typeof a === 'string' && typeof b === 'string' && a !== b && (a.includes(PSEUDO_SEGMENT) || b.includes(PSEUDO_SEGMENT))) {
    return new Unknown('compares a resource id whose subscription or resource group is unknown');
  }
  if (isList(a) || isList(b)) {
    if (!isList(a) || !isList(b) || a.length !== b.length) return false;
    return everyEqual(a.map((item, i) => [item, b[i] ?? null]), budget, depth);
  }
  if (isRecord(a) || isRecord(b)) {
    if (!isRecord(a) || !isRecord(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length || !keys.every((k) => Object.hasOwn(b, k))) return false;
    return everyEqual(keys.map((k) => [a[k] ?? null, b[k] ?? null]), budget, depth);
  }
  return a === b;
}

function everyEqual(pairs: readonly (readonly [PartialValue, PartialValue])[], budget: Budget, depth: number): boolean | Unknown {
  let pending: Unknown | undefined;
  for (const [x, y] of pairs) {
    const same = deepEqual(x, y, budget, depth + 1);
    if (same === false) return false;
    if (same instanceof Unknown) pending ??= same;
  }
  return pending ?? true;
}
