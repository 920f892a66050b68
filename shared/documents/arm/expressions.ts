// Evaluates ARM template expressions statically, the way the ARM reader needs them: every value that can be
// known from the template and its parameters is computed; anything only known at deployment (reference(),
// resource group names, hashes, unsupplied parameters) becomes an Unknown with a short reason, never a guess
// and never an exception. Evaluation is bounded (LIMITS): depth, steps per top-level call, string sizes.
//
// This file holds the public API, the Scope (parameters, lazily evaluated variables) and the functions that
// need laziness or the scope: parameters, variables, if, and, or, coalesce, resourceGroup, copyIndex and the
// lambda functions map, filter and reduce. The rest are in expression-functions.ts.

import { callBuiltin, isBuiltin } from './expression-functions.js';
import { parseExpression, type ExpressionNode } from './expression-parser.js';
import {
  Budget,
  findUnknown,
  fromJson,
  getProperty,
  isComplete,
  isList,
  isRecord,
  LIMITS,
  quote,
  setProperty,
  typeName,
  Unknown,
  type JsonValue,
  type PartialValue,
} from './expression-values.js';

export { LIMITS, PSEUDO_SEGMENT, Unknown, type JsonValue, type PartialObject, type PartialValue } from './expression-values.js';

export type Evaluated = { readonly kind: 'known'; readonly value: JsonValue } | { readonly kind: 'unknown'; readonly reason: string };

export interface ScopeOptions {
  /** Parameter values as resolved by the caller (parameters file, defaultValue): JSON, or an Unknown where that failed. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** The template's `variables` section as written, including its `copy` loops; each is evaluated once, on first use. */
  readonly variables?: Readonly<Record<string, unknown>>;
  /** The location of the resource group deployed to; unknown by default, as it is chosen at deployment. */
  readonly resourceGroupLocation?: string;
}

type VariableSource = { readonly kind: 'value'; readonly raw: unknown } | { readonly kind: 'copy'; readonly name: string; readonly count: unknown; readonly input: unknown };

/** What expressions can see. Names are case-insensitive, as in ARM. Reuse one Scope per template: variables are cached. */
export class Scope {
  readonly resourceGroupLocation: PartialValue;
  readonly #parameters = new Map<string, PartialValue>();
  readonly #variables = new Map<string, VariableSource>();
  readonly #resolved = new Map<string, PartialValue>();
  readonly #resolving = new Set<string>();

  constructor(options: ScopeOptions = {}) {
    for (const [name, value] of Object.entries(options.parameters ?? {})) this.#parameters.set(name.toLowerCase(), fromJson(value));
    for (const [name, raw] of Object.entries(options.variables ?? {})) {
      if (name.toLowerCase() !== 'copy' || !Array.isArray(raw)) {
        this.#variables.set(name.toLowerCase(), { kind: 'value', raw });
        continue;
      }
      for (const loop of raw as unknown[]) {
        if (typeof loop !== 'object' || loop === null || !('name' in loop) || typeof loop.name !== 'string') continue;
        const source = { kind: 'copy', name: loop.name, count: 'count' in loop ? loop.count : undefined, input: 'input' in loop ? loop.input : undefined } as const;
        this.#variables.set(loop.name.toLowerCase(), source);
      }
    }
    this.resourceGroupLocation = options.resourceGroupLocation ?? new Unknown('resourceGroup().location is only known at deployment');
  }

  parameter(name: string): PartialValue {
    // `has`, not `??`: a parameter whose value is null has a value.
    const key = name.toLowerCase();
    return this.#parameters.has(key) ? (this.#parameters.get(key) ?? null) : new Unknown(`parameter ${quote(name)} has no value`);
  }

  /** Resolves a variable once, through `evaluate`, guarding against variables that refer to themselves. */
  variable(name: string, evaluate: (source: VariableSource) => { value: PartialValue; cacheable: boolean }): PartialValue {
    const key = name.toLowerCase();
    const cached = this.#resolved.get(key);
    if (cached !== undefined) return cached;
    const source = this.#variables.get(key);
    if (source === undefined) return new Unknown(`variable ${quote(name)} is not defined`);
    if (this.#resolving.has(key)) return new Unknown(`variable ${quote(name)} refers to itself`);
    this.#resolving.add(key);
    try {
      const { value, cacheable } = evaluate(source);
      if (cacheable) this.#resolved.set(key, value);
      return value;
    } finally {
      this.#resolving.delete(key);
    }
  }
}

/** True when ARM treats the string as an expression: it starts with `[` (not `[[`) and ends with `]`. */
export function isExpression(text: string): boolean {
  return text.startsWith('[') && text.endsWith(']') && !text.startsWith('[[');
}

/** Evaluates one template string: the literal itself (with a `[[` escape undone) or the expression's value. */
export function evaluateString(text: string, scope: Scope): Evaluated {
  return toEvaluated(evaluateText(text, newContext(scope)));
}

/**
 * Evaluates every expression string inside a template value (an object, array or scalar as JSON.parse gives it).
 * The result keeps the shape of the input, with an Unknown instance at each leaf that could not be evaluated,
 * so the known parts of a property bag stay readable. Property names are never expressions in ARM.
 */
export function evaluateValue(value: unknown, scope: Scope): PartialValue {
  return walk(value, newContext(scope), 0);
}

/** Known when nothing inside is Unknown; otherwise the first Unknown's reason, prefixed with where it sits. */
export function toEvaluated(value: PartialValue): Evaluated {
  if (isComplete(value)) return { kind: 'known', value };
  const found = findUnknown(value);
  const reason = found?.unknown.reason ?? 'value is not known';
  const path = found?.path ?? '';
  return { kind: 'unknown', reason: path === '' ? reason : `${path.length > 80 ? `${path.slice(0, 77)}...` : path}: ${reason}` };
}

interface Context {
  readonly scope: Scope;
  readonly budget: Budget;
  /** Lambda parameters in scope, by lower-case name. */
  readonly lambdas: ReadonlyMap<string, PartialValue>;
  /** Copy loops being expanded, innermost last. */
  readonly loops: readonly { readonly name: string; readonly index: number }[];
}

function newContext(scope: Scope, budget = new Budget()): Context {
  return { scope, budget, lambdas: new Map(), loops: [] };
}

/** Runs one level of recursion inside the Budget's frame limit. */
function nested(ctx: Context, run: () => PartialValue): PartialValue {
  const blocked = ctx.budget.enter();
  if (blocked) return blocked;
  try {
    return run();
  } finally {
    ctx.budget.leave();
  }
}

/** `valueDepth` counts JSON nesting; the Budget's frame limit counts everything, expressions included. */
function walk(raw: unknown, ctx: Context, valueDepth: number): PartialValue {
  return nested(ctx, () => walkValue(raw, ctx, valueDepth));
}

function walkValue(raw: unknown, ctx: Context, valueDepth: number): PartialValue {
  if (typeof raw === 'string') return evaluateText(raw, ctx);
  if (typeof raw !== 'object' || raw === null || raw instanceof Unknown) return fromJson(raw);
  if (valueDepth >= LIMITS.maxValueDepth) return ctx.budget.limit(`value nested deeper than ${LIMITS.maxValueDepth} levels`);
  const spent = ctx.budget.charge(1);
  if (spent) return spent;
  if (Array.isArray(raw)) return raw.map((item: unknown) => walk(item, ctx, valueDepth + 1));
  const result: Record<string, PartialValue> = {};
  for (const [key, item] of Object.entries(raw)) setProperty(result, key, walk(item, ctx, valueDepth + 1));
  return result;
}

function evaluateText(text: string, ctx: Context): PartialValue {
  if (!isExpression(text)) return text.startsWith('[[') && text.endsWith(']') ? text.slice(1) : text;
  if (text.length > LIMITS.maxExpressionLength) return ctx.budget.limit(`expression longer than ${LIMITS.maxExpressionLength} characters`);
  const parsed = parseExpression(text.slice(1, -1), LIMITS.maxDepth);
  if (!parsed.ok) return new Unknown(`expression ${quote(text)} is not valid: ${parsed.error}`);
  return evaluate(parsed.node, ctx);
}

function evaluate(node: ExpressionNode, ctx: Context): PartialValue {
  return nested(ctx, () => evaluateNode(node, ctx));
}

function evaluateNode(node: ExpressionNode, ctx: Context): PartialValue {
  const spent = ctx.budget.charge(1);
  if (spent) return spent;
  switch (node.kind) {
    case 'string':
    case 'number':
      return node.value;
    case 'member':
      return member(evaluate(node.target, ctx), node.name);
    case 'index':
      return index(evaluate(node.target, ctx), evaluate(node.index, ctx));
    case 'call': {
      const special = SPECIAL_FORMS.get(node.name.toLowerCase());
      if (special) {
        const { min, max, run } = special;
        if (node.args.length < min || node.args.length > max) return new Unknown(`function ${quote(node.name)} cannot take ${node.args.length} arguments`);
        return run(node.args, ctx);
      }
      // Arguments of a function that is not evaluated are not evaluated either: nothing could use them.
      if (!isBuiltin(node.name)) return new Unknown(`function ${quote(node.name)} is not evaluated`);
      return callBuiltin(node.name, node.args.map((arg) => evaluate(arg, ctx)), ctx.budget);
    }
  }
}

function member(target: PartialValue, name: string): PartialValue {
  if (target instanceof Unknown) return target;
  if (!isRecord(target)) return new Unknown(`cannot read property ${quote(name)} of ${typeName(target)}`);
  const value = getProperty(target, name);
  return value === undefined ? new Unknown(`property ${quote(name)} does not exist`) : value;
}

function index(target: PartialValue, key: PartialValue): PartialValue {
  if (target instanceof Unknown) return target;
  if (key instanceof Unknown) return key;
  if (isRecord(target) && typeof key === 'string') return member(target, key);
  if (!isList(target) || typeof key !== 'number') return new Unknown(`cannot index ${typeName(target)} with ${typeName(key)}`);
  const value = target[key];
  return value === undefined ? new Unknown(`index ${key} is out of range`) : value;
}

type Run = (args: readonly ExpressionNode[], ctx: Context) => PartialValue;
const form = (min: number, max: number, run: Run) => ({ min, max, run });
const ANY = Number.POSITIVE_INFINITY;

/** Evaluates argument `i` of a special form, which has already checked its argument count. */
function argument(args: readonly ExpressionNode[], i: number, ctx: Context): PartialValue {
  const node = args[i];
  return node === undefined ? null : evaluate(node, ctx);
}

function nameArgument(fn: string, args: readonly ExpressionNode[], ctx: Context): string | Unknown {
  const name = argument(args, 0, ctx);
  if (name instanceof Unknown || typeof name === 'string') return name;
  return new Unknown(`function ${quote(fn)} expects a name, got ${typeName(name)}`);
}

/** and/or stop at the first deciding value, as ARM does; one after an Unknown still decides, since any boolean would. */
function logical(fn: 'and' | 'or'): Run {
  const decider = fn === 'or';
  return (args, ctx) => {
    let pending: Unknown | undefined;
    for (let i = 0; i < args.length; i++) {
      const value = argument(args, i, ctx);
      if (value === decider) return decider;
      if (value instanceof Unknown) pending ??= value;
      else if (typeof value !== 'boolean') return new Unknown(`function ${quote(fn)} expects booleans, got ${typeName(value)}`);
    }
    return pending ?? !decider;
  };
}

function resolveVariable(source: VariableSource, ctx: Context): { value: PartialValue; cacheable: boolean } {
  const before = ctx.budget.limitHits;
  // A variable sees no lambda or loop variables of the place that uses it, only the template's scope.
  const own = newContext(ctx.scope, ctx.budget);
  let value: PartialValue;
  if (source.kind === 'value') {
    value = walk(source.raw, own, 0);
  } else {
    const count = walk(source.count, own, 0);
    // 800 is ARM's own limit on copy loops.
    if (count instanceof Unknown) value = count;
    else if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > 800) value = new Unknown(`copy loop ${quote(source.name)} has an invalid count`);
    else value = Array.from({ length: count }, (_, i) => walk(source.input, { ...own, loops: [{ name: source.name, index: i }] }, 0));
  }
  return { value, cacheable: ctx.budget.limitHits === before };
}

interface Lambda {
  readonly names: readonly string[];
  readonly body: ExpressionNode;
}

/** lambda('a', 'b', body) as written inside map/filter/reduce: it is syntax there, not a value. */
function lambdaOf(node: ExpressionNode | undefined, fn: string, params: number): Lambda | Unknown {
  if (node?.kind !== 'call' || node.name.toLowerCase() !== 'lambda') return new Unknown(`function ${quote(fn)} expects a lambda`);
  const names = node.args.slice(0, -1);
  const body = node.args.at(-1);
  if (body === undefined || names.length < params || names.length > params + 1 || !names.every((n) => n.kind === 'string')) {
    return new Unknown(`function ${quote(fn)} got a lambda of the wrong shape`);
  }
  return { names: names.map((n) => (n.kind === 'string' ? n.value.toLowerCase() : '')), body };
}

function applyLambda(lambda: Lambda, values: readonly PartialValue[], ctx: Context): PartialValue {
  const lambdas = new Map(ctx.lambdas);
  lambda.names.forEach((name, i) => lambdas.set(name, values[i] ?? null));
  return evaluate(lambda.body, { ...ctx, lambdas });
}

/** map, filter and reduce: the array first, then (reduce only) the initial value, then the lambda. */
function iterate(fn: 'map' | 'filter' | 'reduce'): Run {
  return (args, ctx) => {
    const items = argument(args, 0, ctx);
    const initial = fn === 'reduce' ? argument(args, 1, ctx) : null;
    const lambda = lambdaOf(args.at(-1), fn, fn === 'reduce' ? 2 : 1);
    if (items instanceof Unknown) return items;
    if (lambda instanceof Unknown) return lambda;
    if (!isList(items)) return new Unknown(`function ${quote(fn)} expects an array, got ${typeName(items)}`);
    let accumulator = initial;
    const results: PartialValue[] = [];
    for (const [i, item] of items.entries()) {
      // Charged per item, so that a huge array stops here as a whole instead of yielding a truncated result.
      const spent = ctx.budget.charge(1);
      if (spent) return spent;
      if (fn === 'reduce') {
        accumulator = applyLambda(lambda, [accumulator, item, i], ctx);
        continue;
      }
      const result = applyLambda(lambda, [item, i], ctx);
      if (fn === 'map') results.push(result);
      else if (result instanceof Unknown) return result;
      else if (typeof result !== 'boolean') return new Unknown(`function "filter" expects a boolean from its lambda, got ${typeName(result)}`);
      else if (result) results.push(item);
    }
    return fn === 'reduce' ? accumulator : results;
  };
}

const SPECIAL_FORMS: ReadonlyMap<string, { readonly min: number; readonly max: number; readonly run: Run }> = new Map([
  ['parameters', form(1, 1, (args, ctx) => {
    const name = nameArgument('parameters', args, ctx);
    return name instanceof Unknown ? name : ctx.scope.parameter(name);
  })],
  ['variables', form(1, 1, (args, ctx) => {
    const name = nameArgument('variables', args, ctx);
    return name instanceof Unknown ? name : ctx.scope.variable(name, (source) => resolveVariable(source, ctx));
  })],
  // Only the branch taken is evaluated (documented for `if`), so the other may hold reference() and the like.
  ['if', form(3, 3, (args, ctx) => {
    const condition = argument(args, 0, ctx);
    if (condition instanceof Unknown) return condition;
    if (typeof condition !== 'boolean') return new Unknown(`function "if" expects a boolean condition, got ${typeName(condition)}`);
    return argument(args, condition ? 1 : 2, ctx);
  })],
  ['and', form(1, ANY, logical('and'))],
  ['or', form(1, ANY, logical('or'))],
  // The first non-null value; an Unknown before it could itself be non-null, so it makes the result unknown.
  ['coalesce', form(1, ANY, (args, ctx) => {
    for (let i = 0; i < args.length; i++) {
      const value = argument(args, i, ctx);
      if (value !== null) return value;
    }
    return null;
  })],
  ['resourcegroup', form(0, 0, (_args, ctx) => {
    const later = (property: string) => new Unknown(`resourceGroup().${property} is only known at deployment`);
    const location = ctx.scope.resourceGroupLocation;
    return { id: later('id'), name: later('name'), type: 'Microsoft.Resources/resourceGroups', location, managedBy: later('managedBy'), tags: later('tags'), properties: later('properties') };
  })],
  ['copyindex', form(0, 2, (args, ctx) => {
    const first = argument(args, 0, ctx);
    const named = typeof first === 'string';
    const offset = named ? (args.length > 1 ? argument(args, 1, ctx) : 0) : args.length > 0 ? first : 0;
    if (offset instanceof Unknown) return offset;
    const loop = named ? ctx.loops.findLast((l) => l.name.toLowerCase() === first.toLowerCase()) : ctx.loops.at(-1);
    if (loop === undefined) return new Unknown('copyIndex() is only evaluated inside a variable copy loop');
    return typeof offset === 'number' ? loop.index + offset : new Unknown(`function "copyIndex" expects an integer offset, got ${typeName(offset)}`);
  })],
  ['lambdavariables', form(1, 1, (args, ctx) => {
    const name = nameArgument('lambdaVariables', args, ctx);
    if (name instanceof Unknown) return name;
    const value = ctx.lambdas.get(name.toLowerCase());
    return value === undefined ? new Unknown(`lambda variable ${quote(name)} is not defined`) : value;
  })],
  ['lambda', form(0, ANY, () => new Unknown('function "lambda" is only evaluated inside map, filter and reduce'))],
  ['map', form(2, 2, iterate('map'))],
  ['filter', form(2, 2, iterate('filter'))],
  ['reduce', form(3, 3, iterate('reduce'))],
]);
