// Small lookups over a parsed body, for callers that map Terraform blocks onto aks-gate's models.

import type { Attribute, Block, Body, Expression } from './hcl-ast.js';
import type { Traversal, TraversalStep } from './hcl-scope.js';

/** Blocks of `type` whose labels start with `labels` (`blocksOf(body, 'resource', 'azurerm_kubernetes_cluster')`). */
export function blocksOf(body: Body, type: string, ...labels: readonly string[]): Block[] {
  return body.items.filter(
    (item): item is Block => item.kind === 'block' && item.type === type && labels.every((label, i) => item.labels[i]?.value === label),
  );
}

/** The attribute `name` of a body; HCL allows each name once per body, so the first is the one. */
export function attributeOf(body: Body, name: string): Attribute | undefined {
  return body.items.find((item): item is Attribute => item.kind === 'attribute' && item.name === name);
}

/**
 * The reference an expression is, when it is nothing but a reference with literal indexes
 * (`azurerm_kubernetes_cluster.main.id`, `module.aks.outputs["id"]`): no evaluation needed.
 */
export function staticTraversal(expr: Expression): Traversal | undefined {
  const steps: TraversalStep[] = [];
  let node = expr;
  for (;;) {
    if (node.kind === 'getAttr') {
      steps.push({ kind: 'attr', name: node.name });
      node = node.object;
    } else if (node.kind === 'index' && node.key.kind === 'literal' && (typeof node.key.value === 'string' || typeof node.key.value === 'number')) {
      steps.push({ kind: 'index', key: node.key.value });
      node = node.object;
    } else if (node.kind === 'template' && node.parts.length === 1 && node.parts[0]?.kind === 'interpolation') {
      // `"${azurerm_kubernetes_cluster.main.id}"` is the same reference (interpolation unwrapping).
      if (steps.length > 0) return undefined;
      node = node.parts[0].expr;
    } else {
      break;
    }
  }
  return node.kind === 'variable' ? { root: node.name, steps: steps.reverse() } : undefined;
}
