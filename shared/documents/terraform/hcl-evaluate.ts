// Evaluates the expressions Terraform configurations use for the values aks-gate checks: literals,
// templates, references, operators, conditionals, collections, `for` expressions and common functions.
// What cannot be known statically (a variable without a value, a resource attribute, an unsupported
// function) is unknown with a short reason, never guessed, so a rule reports "not evaluated".

import type { CallExpr, Expression, ForExpr, ObjectExpr, TemplateExpr } from './hcl-ast.js';
import { evaluateTraversal } from './hcl-evaluate-reference.js';
import { evaluateBinary, evaluateUnary } from './hcl-evaluate-operators.js';
import { FUNCTIONS, blockingArgument } from './hcl-functions.js';
import { Env, type Scope } from './hcl-scope.js';
import {
  EvalError,
  ResourceReference,
  UnknownValue,
  afterApply,
  asBool,
  asString,
  clip,
  getMember,
  isList,
  isObjectValue,
  isUnsettled,
  known,
  objectOf,
  typeName,
  unknown,
  type Evaluated,
  type Outcome,
  type Value,
} from './hcl-values.js';

const MAX_STRING = 1_000_000;

export function evaluate(expr: Expression, scope: Scope = {}): Evaluated {
  try {
    const outcome = ev(expr, Env.root(scope));
    return isUnsettled(outcome) ? unknown(outcome.reason) : known(outcome);
  } catch {
    // Only a bug gets here (every limit is checked); the value is then simply not known.
    return unknown('the expression could not be evaluated');
  }
}

function ev(expr: Expression, env: Env): Outcome {
  const exhausted = env.charge();
  if (exhausted) return exhausted;
  const inner = env.deeper();
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'parens':
      return ev(expr.expr, inner);
    case 'template':
      return evaluateTemplate(expr, inner);
    case 'variable':
    case 'getAttr':
    case 'index':
      return evaluateTraversal(expr, inner, ev);
    case 'splat':
      return evaluateSplat(expr.source, expr.each, inner);
    case 'splatItem':
      return env.splatItem ? env.splatItem.value : new EvalError('a splat element outside a splat');
    case 'call':
      return evaluateCall(expr, inner);
    case 'conditional': {
      const condition = ev(expr.condition, inner);
      const chosen = isUnsettled(condition) ? condition : asBool(condition, 'the condition');
      if (isUnsettled(chosen)) return chosen;
      return ev(chosen ? expr.trueResult : expr.falseResult, inner);
    }
    case 'unary':
      return evaluateUnary(expr.operator, ev(expr.operand, inner));
    case 'binary':
      return evaluateBinary(expr.operator, ev(expr.left, inner), () => ev(expr.right, inner));
    case 'tuple':
      return collect(expr.items.map((item) => ev(item, inner)));
    case 'object':
      return evaluateObject(expr, inner);
    case 'for':
      return evaluateFor(expr, inner);
    case 'invalid':
      return new EvalError('the expression has a syntax error');
  }
}

/** A tuple keeps its unknown members (its length is still known); an error anywhere is the result. */
function collect(outcomes: readonly Outcome[]): Outcome {
  const values: Value[] = [];
  for (const outcome of outcomes) {
    if (outcome instanceof EvalError) return outcome;
    values.push(outcome);
  }
  return values;
}

function evaluateTemplate(expr: TemplateExpr, env: Env): Outcome {
  const directive = expr.parts.find((part) => part.kind === 'directive');
  if (directive) return new UnknownValue(`template directive %{${directive.keyword}} is not evaluated`);
  const [only] = expr.parts;
  // `"${x}"` is x itself, not x converted to a string (the spec's "interpolation unwrapping").
  if (expr.parts.length === 1 && only?.kind === 'interpolation') return ev(only.expr, env);
  let text = '';
  let pending: UnknownValue | undefined;
  for (const part of expr.parts) {
    if (part.kind !== 'interpolation') {
      text += part.kind === 'literal' ? part.value : '';
      continue;
    }
    const value = ev(part.expr, env);
    if (value instanceof EvalError) return value;
    const piece = value === null ? new EvalError('a template cannot include null') : asString(value, 'an interpolated value');
    if (piece instanceof EvalError) return piece;
    if (piece instanceof UnknownValue) pending ??= piece;
    else text += piece;
    if (text.length > MAX_STRING) return new EvalError('the string is too long to evaluate');
  }
  return pending ?? text;
}

function evaluateSplat(source: Expression, each: Expression, env: Env): Outcome {
  const value = ev(source, env);
  if (isUnsettled(value)) return value;
  if (value instanceof ResourceReference) return new UnknownValue(`a splat over ${clip(value.toString())} is not evaluated`);
  if (value === null) return [];
  const items = isList(value) ? value : [value];
  const exhausted = env.charge(items.length);
  return exhausted ?? collect(items.map((item) => ev(each, env.withSplatItem(item))));
}

function evaluateCall(expr: CallExpr, env: Env): Outcome {
  if (expr.name === 'try' || expr.name === 'can') return evaluateTry(expr, env);
  const fn = FUNCTIONS.get(expr.name);
  if (!fn) return new UnknownValue(`function ${clip(expr.name)}() is not evaluated`);
  const evaluated = collect(expr.args.map((arg) => ev(arg, env)));
  if (isUnsettled(evaluated) || !isList(evaluated)) return evaluated;
  let args: readonly Value[] = evaluated;
  if (expr.expandFinal) {
    const last = args[args.length - 1] ?? null;
    if (last instanceof UnknownValue) return last;
    if (last instanceof ResourceReference) return afterApply(last);
    if (!isList(last)) return new EvalError(`the argument expanded with "..." must be a list, not ${typeName(last)}`);
    args = [...args.slice(0, -1), ...last];
  }
  if (args.length < fn.minArgs || args.length > fn.maxArgs) return new EvalError(`${expr.name}() got the wrong number of arguments`);
  if (fn.checks === 'deep') {
    const blocking = blockingArgument(args);
    if (blocking) return blocking;
  } else {
    const top = args.find((arg) => arg instanceof UnknownValue);
    if (top) return top;
  }
  const result = fn.run(args);
  const size = typeof result === 'string' || isList(result) ? result.length : isObjectValue(result) ? Object.keys(result).length : 1;
  return env.charge(size) ?? result;
}

/** `try` returns its first argument that evaluates without error; `can` says whether its argument does. */
function evaluateTry(expr: CallExpr, env: Env): Outcome {
  if (expr.name === 'can') {
    if (expr.args.length !== 1) return new EvalError('can() takes one argument');
    const [arg] = expr.args;
    const value = arg ? ev(arg, env) : new EvalError('can() takes one argument');
    if (value instanceof EvalError) return false;
    return value instanceof UnknownValue ? value : true;
  }
  let last: EvalError = new EvalError('try() needs at least one argument');
  for (const arg of expr.args) {
    const value = ev(arg, env);
    if (!(value instanceof EvalError)) return value;
    last = value;
  }
  return new EvalError(`no try() argument succeeded: ${last.reason}`);
}

function evaluateObject(expr: ObjectExpr, env: Env): Outcome {
  const entries: [string, Value][] = [];
  const seen = new Set<string>();
  for (const item of expr.items) {
    const key = ev(item.key, env);
    if (key instanceof EvalError) return key;
    const name = key === null ? new EvalError('an object key cannot be null') : asString(key, 'an object key');
    if (isUnsettled(name)) return name;
    const value = ev(item.value, env);
    if (value instanceof EvalError) return value;
    if (seen.has(name)) return new EvalError(`the object has the key "${clip(name)}" twice`);
    seen.add(name);
    entries.push([name, value]);
  }
  return objectOf(entries);
}

function iterate(collection: Value): [Value, Value][] | UnknownValue | EvalError {
  if (collection instanceof UnknownValue) return collection;
  if (collection instanceof ResourceReference) return afterApply(collection);
  if (isList(collection)) return collection.map((value, i) => [i, value]);
  if (isObjectValue(collection)) {
    // Objects and maps are visited in lexicographic key order, as the spec says.
    return Object.keys(collection)
      .sort()
      .map((k) => [k, getMember(collection, k) ?? null]);
  }
  return new EvalError(`a for expression cannot iterate over ${typeName(collection)}`);
}

function evaluateFor(expr: ForExpr, env: Env): Outcome {
  const collection = ev(expr.collection, env);
  const pairs = isUnsettled(collection) ? collection : iterate(collection);
  if (isUnsettled(pairs)) return pairs;
  const exhausted = env.charge(pairs.length);
  if (exhausted) return exhausted;
  const items: Value[] = [];
  const groups = new Map<string, Value[]>();
  for (const [key, value] of pairs) {
    const names = new Map<string, Value>([[expr.valueVar, value]]);
    if (expr.keyVar !== undefined) names.set(expr.keyVar, key);
    const inner = env.bind(names);
    if (expr.condition) {
      const condition = ev(expr.condition, inner);
      const keep = isUnsettled(condition) ? condition : asBool(condition, 'the for condition');
      if (isUnsettled(keep)) return keep;
      if (!keep) continue;
    }
    const element = ev(expr.valueExpr, inner);
    if (element instanceof EvalError) return element;
    if (!expr.isObject || !expr.keyExpr) {
      items.push(element);
      continue;
    }
    const rawKey = ev(expr.keyExpr, inner);
    const name = isUnsettled(rawKey) ? rawKey : asString(rawKey, 'a for expression key');
    if (isUnsettled(name)) return name;
    const group = groups.get(name);
    if (group && !expr.grouping) return new EvalError(`the for expression produces the key "${clip(name)}" twice`);
    if (group) group.push(element);
    else groups.set(name, [element]);
  }
  if (!expr.isObject) return items;
  return objectOf([...groups].map(([k, vs]) => [k, expr.grouping ? vs : (vs[0] ?? null)] as const));
}
