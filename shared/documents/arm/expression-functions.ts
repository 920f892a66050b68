// The template functions that only need their evaluated arguments (the ones that need laziness or the scope,
// like `if` or `parameters`, live in expressions.ts). Each follows the documented ARM behaviour
// (learn.microsoft.com, "template-functions-*"); where the documentation leaves a case open (first([]),
// string(null), format specifiers) the result is Unknown rather than a guess. Every function is pure and
// charges the shared Budget for the work it does.

import {
  type Budget,
  deepEqual,
  findUnknown,
  fromJson,
  getProperty,
  isComplete,
  isList,
  isRecord,
  LIMITS,
  PSEUDO_SEGMENT,
  quote,
  setProperty,
  typeName,
  Unknown,
  type JsonValue,
  type PartialValue,
} from './expression-values.js';

/** Internal: stops a function with a result; the dispatcher returns its Unknown. */
class Halt extends Error {
  constructor(readonly unknown: Unknown) {
    super(unknown.reason);
  }
}
/** Internal: a misuse of a function (wrong type, out of range); the dispatcher names the function. */
class Misuse extends Error {}

function fail(message: string): never {
  throw new Misuse(message);
}

function spend(budget: Budget, n: number): void {
  const spent = budget.charge(n);
  if (spent) throw new Halt(spent);
}

function need(value: PartialValue): JsonValue {
  if (isComplete(value)) return value;
  throw new Halt(findUnknown(value)?.unknown ?? new Unknown('value is not known'));
}

function checkLength(budget: Budget, length: number): void {
  if (length > LIMITS.maxStringLength) throw new Halt(budget.limit(`string longer than ${LIMITS.maxStringLength} characters`));
}

type Args = readonly PartialValue[];

function arg(args: Args, i: number): PartialValue {
  const value = args[i];
  if (value === undefined) return fail(`needs argument ${i + 1}`);
  if (value instanceof Unknown) throw new Halt(value);
  return value;
}

function expect<T extends PartialValue>(args: Args, i: number, what: string, test: (v: PartialValue) => v is T): T {
  const value = arg(args, i);
  return test(value) ? value : fail(`expects ${what} as argument ${i + 1}, got ${typeName(value)}`);
}

const isString = (v: PartialValue): v is string => typeof v === 'string';
const isInt = (v: PartialValue): v is number => typeof v === 'number' && Number.isInteger(v);
const isBool = (v: PartialValue): v is boolean => typeof v === 'boolean';
const str = (args: Args, i: number): string => expect(args, i, 'a string', isString);
const int = (args: Args, i: number): number => expect(args, i, 'an integer', isInt);
const bool = (args: Args, i: number): boolean => expect(args, i, 'a boolean', isBool);
const list = (args: Args, i: number): readonly PartialValue[] => expect(args, i, 'an array', isList);

/** How ARM writes a scalar into a string: .NET's `True`/`False` for booleans. */
function scalarText(value: PartialValue, what: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return fail(`cannot write ${typeName(value)} into ${what}`);
}

function equalOrHalt(a: PartialValue, b: PartialValue, budget: Budget): boolean {
  const same = deepEqual(a, b, budget);
  if (same instanceof Unknown) throw new Halt(same);
  return same;
}

function concat(args: Args, budget: Budget): PartialValue {
  if (args.every(isList)) {
    const result = args.flat(1);
    spend(budget, result.length);
    return result;
  }
  // Strings with integers (concat('vm', copyIndex())) is common and works in ARM; arrays mixed with strings do not.
  const parts = args.map((value, i) => (isString(value) || isInt(value) ? String(value) : fail(`expects strings or arrays, got ${typeName(value)} as argument ${i + 1}`)));
  checkLength(budget, parts.reduce((total, part) => total + part.length, 0));
  return parts.join('');
}

const FORMAT_TOKEN = /\{\{|\}\}|\{([^{}]*)\}|[{}]/g;

/** .NET composite formatting, limited to `{n}` items: alignment and format specifiers are not evaluated. */
function format(args: Args, budget: Budget): string {
  const pattern = str(args, 0);
  let out = '';
  let last = 0;
  for (const match of pattern.matchAll(FORMAT_TOKEN)) {
    out += pattern.slice(last, match.index);
    last = match.index + match[0].length;
    const [token, item] = match;
    if (token === '{{' || token === '}}') out += token[0];
    else if (item === undefined) fail(`has an unmatched "${token}" in its format string`);
    else if (!/^\s*\d+\s*$/.test(item)) fail(`uses the format item ${quote(token)}, which is not evaluated`);
    else if (Number(item) + 1 >= args.length) fail(`refers to argument ${Number(item)}, which is missing`);
    else out += scalarText(arg(args, Number(item) + 1), 'a format string');
    checkLength(budget, out.length);
  }
  out += pattern.slice(last);
  checkLength(budget, out.length);
  return out;
}

function stringOf(value: PartialValue, budget: Budget): string {
  if (!(typeof value === 'object' && value !== null)) return scalarText(value, 'a string');
  const json = need(value);
  spend(budget, jsonSize(json, budget));
  return JSON.stringify(json);
}

/** Approximate serialized size, checked before serializing: shared references can make a small value print huge. */
function jsonSize(value: JsonValue, budget: Budget): number {
  let size = 0;
  const stack: JsonValue[] = [value];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    spend(budget, 1);
    if (typeof item === 'string') size += item.length + 2;
    else if (Array.isArray(item)) for (const element of item) stack.push(element); // no spread: arrays may be huge
    else if (typeof item !== 'object' || item === null) size += 5;
    else {
      for (const [key, member] of Object.entries(item)) {
        size += key.length + 4;
        stack.push(member);
      }
    }
    checkLength(budget, size);
  }
  return Math.ceil(size / 1024);
}

function replace(args: Args, budget: Budget): string {
  const [text, from, to] = [str(args, 0), str(args, 1), str(args, 2)];
  if (from === '') fail('cannot replace an empty string');
  const pieces = text.split(from);
  checkLength(budget, text.length + (pieces.length - 1) * (to.length - from.length));
  return pieces.join(to);
}

function split(args: Args, budget: Budget): string[] {
  const text = str(args, 0);
  const delimiter = arg(args, 1);
  const delimiters = isString(delimiter) ? [delimiter] : isList(delimiter) && delimiter.every(isString) ? delimiter : fail('expects a string or an array of strings as delimiter');
  if (delimiters.length === 0 || delimiters.includes('')) fail('cannot split on an empty delimiter');
  // .NET tries the delimiters in order at each position, as a regex alternation does.
  const parts = text.split(delimiters.length === 1 ? (delimiters[0] ?? '') : new RegExp(delimiters.map((d) => d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')));
  spend(budget, parts.length);
  return parts;
}

function substring(args: Args): string {
  const text = str(args, 0);
  const start = args.length > 1 ? int(args, 1) : 0;
  const length = args.length > 2 ? int(args, 2) : text.length - start;
  if (start < 0 || start > text.length || length < 0 || start + length > text.length) fail('refers to a location outside the string');
  return text.slice(start, start + length);
}

function contains(args: Args, budget: Budget): boolean {
  const container = arg(args, 0);
  const item = arg(args, 1);
  if (isString(container)) return container.includes(scalarText(item, 'a search'));
  if (isRecord(container)) return getProperty(container, scalarText(item, 'a key')) !== undefined;
  if (!isList(container)) return fail(`expects an array, object or string, got ${typeName(container)}`);
  let pending: Unknown | undefined;
  for (const element of container) {
    const same = deepEqual(element, item, budget);
    if (same === true) return true;
    if (same instanceof Unknown) pending ??= same;
  }
  if (pending) throw new Halt(pending);
  return false;
}

function sizeOf(value: PartialValue, what: string): number {
  if (isString(value) || isList(value)) return value.length;
  if (isRecord(value)) return Object.keys(value).length;
  return fail(`expects ${what}, got ${typeName(value)}`);
}

function firstOrLast(args: Args, pick: 'first' | 'last'): PartialValue {
  const value = arg(args, 0);
  if (!isString(value) && !isList(value)) return fail(`expects an array or string, got ${typeName(value)}`);
  if (value.length === 0) return fail(`of an empty ${typeName(value)} is not evaluated`);
  const result = value[pick === 'first' ? 0 : value.length - 1];
  return result ?? null;
}

function takeOrSkip(args: Args, mode: 'take' | 'skip'): PartialValue {
  const value = arg(args, 0);
  const n = Math.max(0, int(args, 1));
  if (!isString(value) && !isList(value)) return fail(`expects an array or string, got ${typeName(value)}`);
  return mode === 'take' ? value.slice(0, n) : value.slice(n);
}

function json(args: Args, budget: Budget): PartialValue {
  const text = str(args, 0);
  // Counts brackets inside strings too: errs toward Unknown, never toward a deep recursion after parsing.
  let depth = 0;
  for (const c of text) {
    depth += c === '[' || c === '{' ? 1 : c === ']' || c === '}' ? -1 : 0;
    if (depth > LIMITS.maxValueDepth) throw new Halt(budget.limit(`json() value nested deeper than ${LIMITS.maxValueDepth} levels`));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return fail('got text that is not valid JSON');
  }
  return fromJson(parsed);
}

function toInt(args: Args): number {
  const value = arg(args, 0);
  if (isInt(value)) return value;
  if (isString(value) && /^\s*[+-]?\d+\s*$/.test(value) && Number.isSafeInteger(Number(value))) return Number(value);
  return fail(`cannot convert ${isString(value) ? quote(value) : typeName(value)} to an integer`);
}

function toBool(args: Args): boolean {
  const value = arg(args, 0);
  if (isBool(value)) return value;
  if (isInt(value)) return value !== 0;
  if (isString(value) && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return fail(`cannot convert ${typeName(value)} to a boolean`);
}

function compare(args: Args, test: (order: number) => boolean): boolean {
  const [a, b] = [arg(args, 0), arg(args, 1)];
  if (isInt(a) && isInt(b)) return test(a - b);
  if (isString(a) && isString(b)) return test(a < b ? -1 : a > b ? 1 : 0);
  return fail(`compares ${typeName(a)} with ${typeName(b)}`);
}

function arithmetic(args: Args, op: (a: number, b: number) => number): number {
  const [a, b] = [int(args, 0), int(args, 1)];
  const result = op(a, b);
  return Number.isSafeInteger(result) ? result : fail('overflows');
}

function union(args: Args, budget: Budget): PartialValue {
  if (args.every(isList)) {
    const result: PartialValue[] = [];
    for (const item of args.flat(1)) {
      spend(budget, result.length + 1);
      if (!result.some((kept) => equalOrHalt(kept, item, budget))) result.push(item);
    }
    return result;
  }
  if (!args.every(isRecord)) return fail('expects only arrays or only objects');
  return args.reduce<PartialValue>((merged, next) => mergeObjects(merged, next, budget, 0), {});
}

/** union's deep merge: nested objects merge, anything else (arrays too) is replaced by the later value. */
function mergeObjects(into: PartialValue, from: PartialValue, budget: Budget, depth: number): PartialValue {
  if (from instanceof Unknown || !isRecord(from)) return from;
  if (into instanceof Unknown) return into; // it may be an object that the later one merges into
  if (!isRecord(into)) return from;
  if (depth >= LIMITS.maxValueDepth) return new Unknown(`value nested deeper than ${LIMITS.maxValueDepth} levels`);
  const result: Record<string, PartialValue> = { ...into };
  for (const [key, value] of Object.entries(from)) {
    spend(budget, 1);
    const existing = Object.hasOwn(result, key) ? result[key] : undefined;
    setProperty(result, key, existing === undefined ? value : mergeObjects(existing, value, budget, depth + 1));
  }
  return result;
}

function shallowMerge(args: Args, budget: Budget): PartialValue {
  const result: Record<string, PartialValue> = {};
  for (const item of list(args, 0)) {
    if (item instanceof Unknown) throw new Halt(item);
    if (!isRecord(item)) return fail(`expects an array of objects, got ${typeName(item)} in it`);
    spend(budget, Object.keys(item).length);
    for (const [key, value] of Object.entries(item)) setProperty(result, key, value);
  }
  return result;
}

/** tryGet(value, key, ...): null, not an error, when a key or index is missing along the way. */
function tryGet(args: Args): PartialValue {
  let current = arg(args, 0);
  for (let i = 1; i < args.length; i++) {
    const key = arg(args, i);
    if (current instanceof Unknown) throw new Halt(current);
    if (current === null) return null;
    if (isRecord(current) && isString(key)) current = getProperty(current, key) ?? null;
    else if (isList(current) && isInt(key)) current = current[key] ?? null;
    else return fail(`cannot look up ${typeName(key)} in ${typeName(current)}`);
  }
  return current;
}

function createObject(args: Args): PartialValue {
  if (args.length % 2 !== 0) fail('needs pairs of key and value');
  const result: Record<string, PartialValue> = {};
  for (let i = 0; i < args.length; i += 2) setProperty(result, str(args, i), args[i + 1] ?? null);
  return result;
}

/**
 * resourceId and friends return a pseudo id: the real layout of a resource id, with `{unknown}` in place of a
 * subscription or resource group that is only known at deployment. Type and names must be known, so two
 * resources of one template can be matched by type and name. `leading` is how many optional scope arguments
 * (subscription id, resource group name) may come before the resource type.
 */
function pseudoResourceId(args: Args, leading: number, prefix: (scope: readonly string[]) => string): string {
  const typeAt = args.findIndex((value, i) => i <= leading && isString(value) && value.includes('/'));
  if (typeAt < 0) {
    const pending = args.find((value) => value instanceof Unknown);
    if (pending instanceof Unknown) throw new Halt(pending);
    return fail('has no resource type');
  }
  const [namespace, ...types] = str(args, typeAt).replace(/\/+$/, '').split('/');
  const names = args.slice(typeAt + 1).map((_, i) => str(args, typeAt + 1 + i));
  if (names.length !== types.length) fail(`got ${names.length} names for a type with ${types.length} levels`);
  const scope = args.slice(0, typeAt).map((value, i) => (value instanceof Unknown ? PSEUDO_SEGMENT : str(args, i)));
  return `${prefix(scope)}/providers/${namespace ?? ''}${types.map((type, i) => `/${type}/${names[i] ?? ''}`).join('')}`;
}

/** Scope arguments that were left out are the deployment's own subscription or resource group. */
const padScope = (scope: readonly string[], count: number): string[] => [...Array<string>(count - scope.length).fill(PSEUDO_SEGMENT), ...scope];

function resourceGroupScope(scope: readonly string[]): string {
  const [subscription, group] = padScope(scope, 2);
  return `/subscriptions/${subscription}/resourceGroups/${group}`;
}

function subscriptionScope(scope: readonly string[]): string {
  return `/subscriptions/${padScope(scope, 1).join('')}`;
}

function copied(args: Args, budget: Budget): PartialValue[] {
  spend(budget, args.length);
  return [...args];
}

type Builtin = (args: Args, budget: Budget) => PartialValue;
interface BuiltinSpec {
  readonly min: number;
  readonly max: number;
  /** Receives Unknown arguments as they are (a container keeps them as leaves); others never see them. */
  readonly keepsUnknown?: boolean;
  readonly fn: Builtin;
}

const ANY = Number.POSITIVE_INFINITY;
const spec = (min: number, max: number, fn: Builtin, keepsUnknown = false): BuiltinSpec => ({ min, max, fn, keepsUnknown });

/** Keyed by lower-case name: ARM function names are case-insensitive. */
const BUILTINS: ReadonlyMap<string, BuiltinSpec> = new Map<string, BuiltinSpec>([
  ['concat', spec(1, ANY, concat)],
  ['format', spec(1, ANY, format)],
  ['string', spec(1, 1, (a, b) => stringOf(arg(a, 0), b))],
  ['tolower', spec(1, 1, (a) => str(a, 0).toLowerCase())],
  ['toupper', spec(1, 1, (a) => str(a, 0).toUpperCase())],
  ['trim', spec(1, 1, (a) => str(a, 0).trim())],
  ['replace', spec(3, 3, replace)],
  ['split', spec(2, 2, split)],
  ['substring', spec(1, 3, substring)],
  ['startswith', spec(2, 2, (a) => str(a, 0).toLowerCase().startsWith(str(a, 1).toLowerCase()))],
  ['endswith', spec(2, 2, (a) => str(a, 0).toLowerCase().endsWith(str(a, 1).toLowerCase()))],
  ['contains', spec(2, 2, contains)],
  ['empty', spec(1, 1, (a) => arg(a, 0) === null || sizeOf(arg(a, 0), 'an array, object or string') === 0)],
  ['length', spec(1, 1, (a) => sizeOf(arg(a, 0), 'an array, object or string'))],
  ['first', spec(1, 1, (a) => firstOrLast(a, 'first'))],
  ['last', spec(1, 1, (a) => firstOrLast(a, 'last'))],
  ['take', spec(2, 2, (a) => takeOrSkip(a, 'take'))],
  ['skip', spec(2, 2, (a) => takeOrSkip(a, 'skip'))],
  ['json', spec(1, 1, json)],
  ['int', spec(1, 1, toInt)],
  ['bool', spec(1, 1, toBool)],
  ['not', spec(1, 1, (a) => !bool(a, 0))],
  ['equals', spec(2, 2, (a, b) => equalOrHalt(arg(a, 0), arg(a, 1), b))],
  ['greater', spec(2, 2, (a) => compare(a, (o) => o > 0))],
  ['greaterorequals', spec(2, 2, (a) => compare(a, (o) => o >= 0))],
  ['less', spec(2, 2, (a) => compare(a, (o) => o < 0))],
  ['lessorequals', spec(2, 2, (a) => compare(a, (o) => o <= 0))],
  ['add', spec(2, 2, (a) => arithmetic(a, (x, y) => x + y))],
  ['sub', spec(2, 2, (a) => arithmetic(a, (x, y) => x - y))],
  ['mul', spec(2, 2, (a) => arithmetic(a, (x, y) => x * y))],
  // .NET integer division truncates toward zero; % keeps the dividend's sign in both languages.
  ['div', spec(2, 2, (a) => (int(a, 1) === 0 ? fail('divides by zero') : arithmetic(a, (x, y) => Math.trunc(x / y))))],
  ['mod', spec(2, 2, (a) => (int(a, 1) === 0 ? fail('divides by zero') : arithmetic(a, (x, y) => x % y)))],
  ['min', spec(1, ANY, (a) => minMaxArgs(a).reduce((x, y) => Math.min(x, y)))],
  ['max', spec(1, ANY, (a) => minMaxArgs(a).reduce((x, y) => Math.max(x, y)))],
  ['union', spec(1, ANY, union)],
  ['shallowmerge', spec(1, 1, shallowMerge)],
  ['tryget', spec(2, ANY, tryGet)],
  ['createarray', spec(0, ANY, (a, b) => copied(a, b), true)],
  ['createobject', spec(0, ANY, (a, b) => createObject(copied(a, b)), true)],
  ['null', spec(0, 0, () => null)],
  ['true', spec(0, 0, () => true)],
  ['false', spec(0, 0, () => false)],
  ['resourceid', spec(2, ANY, (a) => pseudoResourceId(a, 2, resourceGroupScope), true)],
  ['subscriptionresourceid', spec(2, ANY, (a) => pseudoResourceId(a, 1, subscriptionScope), true)],
  ['tenantresourceid', spec(2, ANY, (a) => pseudoResourceId(a, 0, () => ''), true)],
  ['extensionresourceid', spec(3, ANY, (a) => `${str(a, 0)}${pseudoResourceId(a.slice(1), 0, () => '')}`)],
]);

function minMaxArgs(args: Args): number[] {
  const values = args.length === 1 && isList(arg(args, 0)) ? list(args, 0) : args;
  if (values.length === 0) fail('needs at least one integer');
  return values.map((_, i) => int(values, i));
}

export function isBuiltin(name: string): boolean {
  return BUILTINS.has(name.toLowerCase());
}

/** Calls a builtin with evaluated arguments. */
export function callBuiltin(name: string, args: Args, budget: Budget): PartialValue {
  const builtin = BUILTINS.get(name.toLowerCase());
  if (builtin === undefined) return new Unknown(`function ${quote(name)} is not evaluated`);
  if (args.length < builtin.min || args.length > builtin.max) {
    const range = builtin.min === builtin.max ? `${builtin.min}` : builtin.max === ANY ? `at least ${builtin.min}` : `${builtin.min} to ${builtin.max}`;
    return new Unknown(`function ${quote(name)} takes ${range} argument${range === '1' ? '' : 's'}, got ${args.length}`);
  }
  if (!builtin.keepsUnknown) {
    const pending = args.find((value) => value instanceof Unknown);
    if (pending instanceof Unknown) return pending;
  }
  try {
    return builtin.fn(args, budget);
  } catch (error) {
    if (error instanceof Halt) return error.unknown;
    if (error instanceof Misuse) return new Unknown(`function ${quote(name)} ${error.message}`);
    throw error;
  }
}
