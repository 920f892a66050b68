// References: `var.x`, `local.y`, `each.value`, `count.index`, iteration variables, and references to
// resources, data sources and modules, followed by attribute and index steps.

import type { Expression, GetAttrExpr, IndexExpr } from './hcl-ast.js';
import type { Env, Traversal, TraversalStep } from './hcl-scope.js';
import {
  EvalError,
  ResourceReference,
  UnknownValue,
  asNumber,
  clip,
  getMember,
  isList,
  isObjectValue,
  isUnsettled,
  known,
  typeName,
  unknown,
  type Evaluated,
  type Outcome,
  type Value,
} from './hcl-values.js';

type Step = GetAttrExpr | IndexExpr;
type Evaluate = (expr: Expression, env: Env) => Outcome;

/** Roots Terraform defines but a static reader cannot know. */
const NOT_EVALUATED: ReadonlySet<string> = new Set(['path', 'terraform', 'self']);

export function evaluateTraversal(expr: Step | (Expression & { kind: 'variable' }), env: Env, ev: Evaluate): Outcome {
  const steps: Step[] = [];
  let node: Expression = expr;
  while (node.kind === 'getAttr' || node.kind === 'index') {
    steps.push(node);
    node = node.object;
  }
  steps.reverse();
  if (node.kind !== 'variable') return applySteps(ev(node, env), steps, env, ev);
  return evaluateRooted(node.name, steps, env, ev);
}

function evaluateRooted(root: string, steps: readonly Step[], env: Env, ev: Evaluate): Outcome {
  const bound = env.bindings.get(root);
  if (bound !== undefined) return applySteps(bound, steps, env, ev);
  const first = steps[0]?.kind === 'getAttr' ? steps[0].name : undefined;
  const rest = steps.slice(1);
  switch (root) {
    case 'var':
      return first === undefined ? new EvalError('"var" must be followed by a variable name') : applySteps(variable(first, env), rest, env, ev);
    case 'local':
      return first === undefined ? new EvalError('"local" must be followed by a name') : applySteps(env.local(first, ev), rest, env, ev);
    case 'each':
      return applySteps(eachValue(first, env), rest, env, ev);
    case 'count':
      if (first !== 'index') return new EvalError('count has only the attribute "index"');
      return applySteps(env.scope.count && !env.moduleLevel ? env.scope.count.index : new UnknownValue('count.index has no value here'), rest, env, ev);
  }
  if (NOT_EVALUATED.has(root)) return new UnknownValue(`${root}.${clip(first ?? '')} is not evaluated`);
  if (steps.length === 0) return new EvalError(`${clip(root)} is not defined`);
  const traversal = staticSteps(steps, env, ev);
  if (isUnsettled(traversal)) return traversal;
  const resolve = env.scope.resolveReference ?? referenceMarker;
  return fromEvaluated(resolve({ root, steps: traversal }));
}

function variable(name: string, env: Env): Outcome {
  const variables = env.scope.variables;
  const given = variables && Object.hasOwn(variables, name) ? variables[name] : undefined;
  return given ? fromEvaluated(given) : new UnknownValue(`var.${clip(name)} has no value`);
}

function eachValue(attribute: string | undefined, env: Env): Outcome {
  if (attribute !== 'key' && attribute !== 'value') return new EvalError('each has only the attributes "key" and "value"');
  const each = env.moduleLevel ? undefined : env.scope.each;
  return each ? each[attribute] : new UnknownValue(`each.${attribute} has no value here`);
}

function fromEvaluated(result: Evaluated): Value {
  return result.kind === 'known' ? result.value : new UnknownValue(result.reason);
}

/** Index keys of a resource reference are evaluated (`x.y[count.index]`); they must come out known. */
function staticSteps(steps: readonly Step[], env: Env, ev: Evaluate): TraversalStep[] | UnknownValue | EvalError {
  const out: TraversalStep[] = [];
  for (const step of steps) {
    if (step.kind === 'getAttr') {
      out.push({ kind: 'attr', name: step.name });
      continue;
    }
    const key = ev(step.key, env);
    if (isUnsettled(key)) return key;
    if (typeof key !== 'string' && typeof key !== 'number') return new EvalError(`an index must be a number or a string, not ${typeName(key)}`);
    out.push({ kind: 'index', key });
  }
  return out;
}

function applySteps(base: Outcome, steps: readonly Step[], env: Env, ev: Evaluate): Outcome {
  let current = base;
  for (const step of steps) {
    if (isUnsettled(current)) return current;
    if (step.kind === 'getAttr') {
      current = getAttribute(current, step.name);
    } else {
      const key = ev(step.key, env);
      current = isUnsettled(key) ? key : indexValue(current, key);
    }
  }
  return current;
}

function getAttribute(value: Value, name: string): Outcome {
  if (value instanceof ResourceReference) return extendReference(value, { kind: 'attr', name });
  if (isObjectValue(value)) return getMember(value, name) ?? new EvalError(`the object has no attribute "${clip(name)}"`);
  return new EvalError(`cannot read attribute "${clip(name)}" of ${typeName(value)}`);
}

function indexValue(value: Value, key: Value): Outcome {
  if (key instanceof ResourceReference || key === null || isList(key) || isObjectValue(key)) {
    return key instanceof ResourceReference ? new UnknownValue('an index is known only after apply') : new EvalError(`an index must be a number or a string, not ${typeName(key)}`);
  }
  if (key instanceof UnknownValue) return key;
  if (value instanceof ResourceReference) {
    return typeof key === 'boolean' ? new EvalError('an index must be a number or a string') : extendReference(value, { kind: 'index', key });
  }
  if (isList(value)) {
    const i = asNumber(key, 'a list index');
    if (isUnsettled(i)) return i;
    const item = Number.isInteger(i) ? value[i] : undefined;
    return item === undefined ? new EvalError(`index ${clip(String(i))} is out of range`) : item;
  }
  if (isObjectValue(value)) {
    const k = typeof key === 'string' ? key : String(key);
    return getMember(value, k) ?? new EvalError(`the object has no key "${clip(k)}"`);
  }
  return new EvalError(`cannot index ${typeName(value)}`);
}

/**
 * The default resolver: `type.name`, `data.type.name` or `module.name` is the address; an index right
 * after it is the instance key; the rest is the path read from the resource.
 */
export function referenceMarker(traversal: Traversal): Evaluated {
  const [a, b, ...more] = traversal.steps;
  const name = (step: TraversalStep | undefined): string | undefined => (step?.kind === 'attr' ? step.name : undefined);
  let address: string | undefined;
  let rest: readonly TraversalStep[];
  if (traversal.root === 'data') {
    address = name(a) !== undefined && name(b) !== undefined ? `data.${name(a)}.${name(b)}` : undefined;
    rest = more;
  } else {
    address = name(a) === undefined ? undefined : `${traversal.root}.${name(a)}`;
    rest = b === undefined ? more : [b, ...more];
  }
  if (address === undefined) return unknown(`${clip(traversal.root)} is not a complete reference`);
  let ref = new ResourceReference(address, undefined, undefined, []);
  for (const step of rest) ref = extendReference(ref, step);
  return known(ref);
}

function extendReference(ref: ResourceReference, step: TraversalStep): ResourceReference {
  if (step.kind === 'index' && ref.instance === undefined && ref.path.length === 0) {
    return new ResourceReference(ref.$ref, step.key, undefined, []);
  }
  const key = step.kind === 'attr' ? step.name : step.key;
  const attribute = ref.attribute ?? (step.kind === 'attr' ? step.name : undefined);
  return new ResourceReference(ref.$ref, ref.instance, attribute, [...ref.path, key]);
}
