// The `via` of a field read from a `.tf` block: the variables, locals, iterators, module outputs and
// resources its expression refers to, named with the module prefix.

import type { Expression } from '../../documents/terraform/hcl-ast.js';

export interface BlockContext {
  /** The module prefix, for describing references. */
  readonly prefix: string;
  /** Iterator names of the dynamic blocks around this one (`route` in `route.value`). */
  readonly iterators: readonly string[];
}

/** How a value that is not written literally was obtained: the references in its expression. */
export function describeReferences(expr: Expression, context: BlockContext): string | undefined {
  const found = new Set<string>();
  collectReferences(expr, context, new Set(), found);
  const list = [...found];
  if (list.length === 0) return undefined;
  return list.length > 3 ? `${list.slice(0, 3).join(', ')}, …` : list.join(', ');
}

function collectReferences(expr: Expression, context: BlockContext, bound: ReadonlySet<string>, out: Set<string>): void {
  const visit = (e: Expression, names: ReadonlySet<string> = bound): void => collectReferences(e, context, names, out);
  switch (expr.kind) {
    case 'variable':
    case 'getAttr':
    case 'index': {
      const names: string[] = [];
      let node: Expression = expr;
      while (node.kind === 'getAttr' || node.kind === 'index') {
        if (node.kind === 'getAttr') names.unshift(node.name);
        else visit(node.key);
        node = node.object;
      }
      if (node.kind !== 'variable') visit(node);
      else if (!bound.has(node.name)) out.add(describeRoot(node.name, names, context));
      return;
    }
    case 'template':
      for (const part of expr.parts) if (part.kind !== 'literal' && part.expr) visit(part.expr, new Set([...bound, ...(part.kind === 'directive' ? part.variables : [])]));
      return;
    case 'splat':
      return visit(expr.source);
    case 'call':
      return expr.args.forEach((a) => visit(a));
    case 'conditional':
      return [expr.condition, expr.trueResult, expr.falseResult].forEach((e) => visit(e));
    case 'unary':
      return visit(expr.operand);
    case 'binary':
      visit(expr.left);
      return visit(expr.right);
    case 'tuple':
      return expr.items.forEach((e) => visit(e));
    case 'object':
      return expr.items.forEach((item) => [item.key, item.value].forEach((e) => visit(e)));
    case 'for': {
      visit(expr.collection);
      const inner = new Set([...bound, expr.valueVar, ...(expr.keyVar !== undefined ? [expr.keyVar] : [])]);
      for (const e of [expr.keyExpr, expr.valueExpr, expr.condition]) if (e) visit(e, inner);
      return;
    }
    case 'parens':
      return visit(expr.expr);
    case 'literal':
    case 'splatItem':
    case 'invalid':
      return;
  }
}

function describeRoot(root: string, names: readonly string[], context: BlockContext): string {
  const [a, b] = names;
  if (a === undefined) return root;
  if (['var', 'local', 'each', 'count', 'path', 'terraform', 'self'].includes(root) || context.iterators.includes(root)) return `${root}.${a}`;
  if (root === 'module') return `${context.prefix}module.${a}${b !== undefined ? `.${b}` : ''}`;
  if (root === 'data') return `reference to ${context.prefix}data.${a}${b !== undefined ? `.${b}` : ''}`;
  return `reference to ${context.prefix}${root}.${a}`;
}
