// Small HCL helpers the files of the `.tf` reader share: an empty body and expression, literal
// strings, and source regions.

import type { Region } from '../../documents/locator.js';
import type { Block as HclNode, Body, Expression, Range } from '../../documents/terraform/hcl-ast.js';
import { evaluate } from '../../documents/terraform/hcl-evaluate.js';

export const EMPTY_BODY: Body = { items: [], range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } };

export const EMPTY_EXPRESSION: Expression = { kind: 'literal', value: null, range: EMPTY_BODY.range };

export function literalString(expr: Expression | undefined): string | undefined {
  const result = expr && evaluate(expr);
  return result?.kind === 'known' && typeof result.value === 'string' ? result.value : undefined;
}

export function regionOf(range: Range): Region {
  return { startLine: range.start.line, startColumn: range.start.column, endLine: range.end.line, endColumn: range.end.column };
}

/** `resource "azurerm_kubernetes_cluster" "main" {`: from the type to the opening brace. */
export function headerRegion(node: HclNode): Region {
  return regionOf({ start: node.typeRange.start, end: node.openBraceRange.end });
}
