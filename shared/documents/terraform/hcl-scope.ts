// What an expression can see while it is evaluated: the caller's Scope (variables, locals, each,
// count, a resolver for resource references) and the evaluator's own Env (for-expression variables,
// the splat element, depth and a work budget so a hostile configuration cannot run forever).

import type { Expression } from './hcl-ast.js';
import { EvalError, clip, type Evaluated, type Outcome, type Value } from './hcl-values.js';

export type TraversalStep = { readonly kind: 'attr'; readonly name: string } | { readonly kind: 'index'; readonly key: string | number };

/** `azurerm_kubernetes_cluster.main.id` is root `azurerm_kubernetes_cluster` and steps `main`, `id`. */
export interface Traversal {
  readonly root: string;
  readonly steps: readonly TraversalStep[];
}

export interface Scope {
  /** `var.<name>`: the value given, or the default; a variable with neither is unknown. */
  readonly variables?: Readonly<Record<string, Evaluated>>;
  /** `local.<name>`: the expressions of the `locals` blocks, evaluated on first use (cycles are errors). */
  readonly locals?: Readonly<Record<string, Expression>>;
  /** Inside a resource with `for_each`. */
  readonly each?: { readonly key: Value; readonly value: Value };
  /** Inside a resource with `count`. */
  readonly count?: { readonly index: number };
  /**
   * Resolves a reference to a resource, data source or module (`type.name...`, `data.type.name...`,
   * `module.name...`). Without one, such references evaluate to ResourceReference markers.
   */
  readonly resolveReference?: (traversal: Traversal) => Evaluated;
}

const MAX_DEPTH = 256;
const BUDGET = 1_000_000;

/** Evaluated locals, per Scope object, so each local is computed once however often it is read. */
const localCaches = new WeakMap<Scope, Map<string, Outcome>>();

interface State {
  budget: number;
  /** Set once the budget or the depth ran out: results computed after that are not cached. */
  limited: boolean;
  readonly active: Set<string>;
  readonly locals: Map<string, Outcome>;
}

export class Env {
  private constructor(
    readonly scope: Scope,
    private readonly state: State,
    readonly bindings: ReadonlyMap<string, Value>,
    /** The element a splat's per-element expression is applied to. */
    readonly splatItem: { readonly value: Value } | undefined,
    readonly depth: number,
    /** Locals are evaluated at module level: `each`, `count` and iteration variables are not visible. */
    readonly moduleLevel: boolean,
  ) {}

  static root(scope: Scope): Env {
    let locals = localCaches.get(scope);
    if (!locals) {
      locals = new Map();
      localCaches.set(scope, locals);
    }
    return new Env(scope, { budget: BUDGET, limited: false, active: new Set(), locals }, new Map(), undefined, 0, false);
  }

  /** Charges `units` of work and one level of depth; an error when either is exhausted. */
  charge(units = 1): EvalError | undefined {
    this.state.budget -= units;
    if (this.state.budget < 0) {
      this.state.limited = true;
      return new EvalError('the expression is too large to evaluate');
    }
    if (this.depth > MAX_DEPTH) {
      this.state.limited = true;
      return new EvalError('the expression is nested too deeply to evaluate');
    }
    return undefined;
  }

  deeper(): Env {
    return new Env(this.scope, this.state, this.bindings, this.splatItem, this.depth + 1, this.moduleLevel);
  }

  bind(names: ReadonlyMap<string, Value>): Env {
    const bindings = new Map([...this.bindings, ...names]);
    return new Env(this.scope, this.state, bindings, this.splatItem, this.depth + 1, this.moduleLevel);
  }

  withSplatItem(value: Value): Env {
    return new Env(this.scope, this.state, this.bindings, { value }, this.depth + 1, this.moduleLevel);
  }

  /** Evaluates local `name` once per scope; a local that needs itself is an error. */
  local(name: string, evaluate: (expr: Expression, env: Env) => Outcome): Outcome {
    const locals = this.scope.locals;
    const expr = locals && Object.hasOwn(locals, name) ? locals[name] : undefined;
    if (expr === undefined) return new EvalError(`local.${clip(name)} is not defined`);
    const cached = this.state.locals.get(name);
    if (cached !== undefined) return cached;
    if (this.state.active.has(name)) return new EvalError(`local.${clip(name)} refers to itself`);
    this.state.active.add(name);
    const env = new Env(this.scope, this.state, new Map(), undefined, this.depth + 1, true);
    const result = evaluate(expr, env);
    this.state.active.delete(name);
    if (!this.state.limited) this.state.locals.set(name, result);
    return result;
  }
}
