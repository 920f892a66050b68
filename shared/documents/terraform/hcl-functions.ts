// The Terraform functions configurations use to compute the values aks-gate checks. Each one follows
// Terraform's documented behaviour for known values; anything it cannot decide statically (an unknown
// argument, a resource attribute, a regular expression) makes the result unknown rather than guessed.
// `try` and `can` evaluate their arguments lazily and live in hcl-evaluate.ts.

import { formatString } from './hcl-format.js';
import {
  EvalError,
  ResourceReference,
  UnknownValue,
  afterApply,
  asBool,
  asNumber,
  asString,
  findUnknown,
  getMember,
  isList,
  isObjectValue,
  isUnsettled,
  objectOf,
  typeName,
  valueEquals,
  type Outcome,
  type Value,
} from './hcl-values.js';

export interface FunctionDef {
  readonly minArgs: number;
  /** Infinity for variadic functions. */
  readonly maxArgs: number;
  /**
   * Deep: any unknown or resource reference anywhere in the arguments makes the result unknown.
   * Shallow: the function copes with unknown members of collections itself (`length` of a list with
   * an unknown element is known).
   */
  readonly checks: 'deep' | 'shallow';
  readonly run: (args: readonly Value[]) => Outcome;
}

const MAX_STRING = 1_000_000;

function def(minArgs: number, maxArgs: number, checks: FunctionDef['checks'], run: FunctionDef['run']): FunctionDef {
  return { minArgs, maxArgs, checks, run };
}

function str(value: Value | undefined, what: string): string | UnknownValue | EvalError {
  return asString(value ?? null, what);
}

/** A collection argument that must be usable as a whole: unknown or after-apply values stop here. */
function settled(value: Value): Value | UnknownValue {
  if (value instanceof UnknownValue) return value;
  if (value instanceof ResourceReference) return afterApply(value);
  return value;
}

function list(value: Value | undefined, what: string): readonly Value[] | UnknownValue | EvalError {
  const v = settled(value ?? null);
  if (v instanceof UnknownValue) return v;
  return isList(v) ? v : new EvalError(`${what} must be a list, not ${typeName(v)}`);
}

function limited(text: string): string | EvalError {
  return text.length > MAX_STRING ? new EvalError('the string is too long to evaluate') : text;
}

const lower = def(1, 1, 'deep', ([s]) => mapString(str(s, 'lower() argument'), (t) => t.toLowerCase()));
const upper = def(1, 1, 'deep', ([s]) => mapString(str(s, 'upper() argument'), (t) => t.toUpperCase()));

function mapString(s: string | UnknownValue | EvalError, f: (t: string) => string): Outcome {
  return typeof s === 'string' ? f(s) : s;
}

const concat = def(1, Infinity, 'shallow', (args) => {
  const out: Value[] = [];
  for (const arg of args) {
    const items = list(arg, 'each concat() argument');
    if (isUnsettled(items)) return items;
    out.push(...items);
  }
  return out;
});

const merge = def(0, Infinity, 'shallow', (args) => {
  const entries: [string, Value][] = [];
  for (const arg of args) {
    const v = settled(arg);
    if (v instanceof UnknownValue) return v;
    if (v === null) continue;
    if (!isObjectValue(v)) return new EvalError(`each merge() argument must be a map or object, not ${typeName(v)}`);
    entries.push(...Object.entries(v));
  }
  return objectOf(entries);
});

const lookup = def(2, 3, 'shallow', ([map, key, fallback]) => {
  const m = settled(map ?? null);
  if (m instanceof UnknownValue) return m;
  const k = str(key, 'the lookup() key');
  if (isUnsettled(k)) return k;
  if (!isObjectValue(m)) return new EvalError(`lookup() needs a map, not ${typeName(m)}`);
  return getMember(m, k) ?? fallback ?? new EvalError('lookup() found no such key and has no default');
});

const coalesce = def(1, Infinity, 'shallow', (args) => {
  for (const arg of args) {
    if (arg instanceof UnknownValue) return arg;
    if (arg !== null && arg !== '') return arg;
  }
  return new EvalError('coalesce() got only null or empty arguments');
});

const length = def(1, 1, 'shallow', ([value]) => {
  const v = settled(value ?? null);
  if (v instanceof UnknownValue) return v;
  if (typeof v === 'string') return Array.from(v).length;
  if (isList(v)) return v.length;
  if (isObjectValue(v)) return Object.keys(v).length;
  return new EvalError(`length() needs a string, list or map, not ${typeName(v)}`);
});

const tostring = def(1, 1, 'shallow', ([value]) => (value === null || value === undefined ? null : asString(value, 'tostring() argument')));
const tobool = def(1, 1, 'shallow', ([value]) => (value === null || value === undefined ? null : asBool(value, 'tobool() argument')));
const tonumber = def(1, 1, 'shallow', ([value]) => (value === null || value === undefined ? null : asNumber(value, 'tonumber() argument')));

const contains = def(2, 2, 'shallow', ([collection, needle]) => {
  const items = list(collection, 'the first contains() argument');
  if (isUnsettled(items)) return items;
  let pending: UnknownValue | undefined;
  for (const item of items) {
    const same = valueEquals(item, needle ?? null);
    if (same === true) return true;
    if (same instanceof UnknownValue) pending ??= same;
  }
  return pending ?? false;
});

const format = def(1, Infinity, 'deep', ([spec, ...args]) => {
  const s = str(spec, 'the format() string');
  return isUnsettled(s) ? s : formatString(s, args);
});

const join = def(2, Infinity, 'deep', ([separator, ...lists]) => {
  const sep = str(separator, 'the join() separator');
  if (isUnsettled(sep)) return sep;
  const parts: string[] = [];
  for (const arg of lists) {
    const items = list(arg, 'each list given to join()');
    if (isUnsettled(items)) return items;
    for (const item of items) {
      const s = str(item, 'each joined element');
      if (isUnsettled(s)) return s;
      parts.push(s);
    }
  }
  return limited(parts.join(sep));
});

const split = def(2, 2, 'deep', ([separator, text]) => {
  const sep = str(separator, 'the split() separator');
  const s = str(text, 'the split() string');
  if (isUnsettled(sep)) return sep;
  if (isUnsettled(s)) return s;
  return sep === '' ? Array.from(s) : s.split(sep);
});

const replace = def(3, 3, 'deep', ([text, search, replacement]) => {
  const s = str(text, 'the replace() string');
  const sub = str(search, 'the replace() substring');
  const rep = str(replacement, 'the replacement');
  if (isUnsettled(s)) return s;
  if (isUnsettled(sub)) return sub;
  if (isUnsettled(rep)) return rep;
  // Terraform uses RE2 (linear time); a JavaScript RegExp could be made to backtrack forever.
  if (sub.length > 1 && sub.startsWith('/') && sub.endsWith('/')) return new UnknownValue('replace() with a regular expression is not evaluated');
  return limited(sub === '' ? s : s.split(sub).join(rep));
});

const toset = def(1, 1, 'deep', ([value]) => {
  const items = list(value, 'toset() argument');
  if (isUnsettled(items)) return items;
  const unique: Value[] = [];
  for (const item of items) if (!unique.some((u) => valueEquals(u, item) === true)) unique.push(item);
  // Terraform orders a set of strings lexicographically.
  return unique.every((u) => typeof u === 'string') ? [...unique].sort() : unique;
});

const tolist = def(1, 1, 'shallow', ([value]) => list(value, 'tolist() argument'));

const tomap = def(1, 1, 'shallow', ([value]) => {
  const v = settled(value ?? null);
  if (v instanceof UnknownValue || isObjectValue(v)) return v;
  return new EvalError(`tomap() needs an object, not ${typeName(v)}`);
});

const element = def(2, 2, 'shallow', ([collection, index]) => {
  const items = list(collection, 'the element() list');
  const i = asNumber(index ?? null, 'the element() index');
  if (isUnsettled(items)) return items;
  if (isUnsettled(i)) return i;
  if (items.length === 0) return new EvalError('element() cannot pick from an empty list');
  if (!Number.isInteger(i) || i < 0) return new EvalError('the element() index must be a whole number, not negative');
  return items[i % items.length] ?? null;
});

const flatten = def(1, 1, 'deep', ([value]) => {
  const items = list(value, 'flatten() argument');
  if (isUnsettled(items)) return items;
  const out: Value[] = [];
  // Values are finite trees built by the evaluator, bounded by its depth limit.
  const walk = (xs: readonly Value[]): void => xs.forEach((x) => (isList(x) ? walk(x) : out.push(x)));
  walk(items);
  return out;
});

export const FUNCTIONS: ReadonlyMap<string, FunctionDef> = new Map([
  ['coalesce', coalesce],
  ['concat', concat],
  ['contains', contains],
  ['element', element],
  ['flatten', flatten],
  ['format', format],
  ['join', join],
  ['length', length],
  ['lookup', lookup],
  ['lower', lower],
  ['merge', merge],
  ['replace', replace],
  ['split', split],
  ['tobool', tobool],
  ['tolist', tolist],
  ['tomap', tomap],
  ['tonumber', tonumber],
  ['toset', toset],
  ['tostring', tostring],
  ['upper', upper],
]);

/** For `deep` functions: the first thing in the arguments that keeps the result from being known. */
export function blockingArgument(args: readonly Value[]): UnknownValue | undefined {
  for (const arg of args) {
    const ref = findReference(arg);
    if (ref) return afterApply(ref);
    const missing = findUnknown(arg);
    if (missing) return missing;
  }
  return undefined;
}

function findReference(value: Value): ResourceReference | undefined {
  if (value instanceof ResourceReference) return value;
  const members = isList(value) ? value : isObjectValue(value) ? Object.values(value) : [];
  for (const member of members) {
    const found = findReference(member);
    if (found) return found;
  }
  return undefined;
}
