// A Kubernetes label selector (matchLabels and matchExpressions) applied to a set of labels, as the
// API server applies it. A selector aks-gate cannot read (an unknown operator) selects nothing.

import { isRecord } from '../../documents/manifest.js';

/**
 * Whether `selector` selects `labels`. An empty selector (`{}`) selects everything or nothing depending on
 * the API that holds it (policy/v1 PodDisruptionBudget: everything; policy/v1beta1: nothing), so the caller says which.
 */
export function selects(selector: unknown, labels: Readonly<Record<string, unknown>>, emptySelectsAll: boolean): boolean {
  if (!isRecord(selector)) return false;
  const matchLabels = isRecord(selector.matchLabels) ? Object.entries(selector.matchLabels) : [];
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  if (matchLabels.length === 0 && expressions.length === 0) return emptySelectsAll;
  const label = (key: string): string | undefined => asText(labels[key]);
  if (!matchLabels.every(([key, value]) => label(key) !== undefined && label(key) === asText(value))) return false;
  return expressions.every((expression) => matchesExpression(expression, label));
}

function matchesExpression(expression: unknown, label: (key: string) => string | undefined): boolean {
  if (!isRecord(expression) || typeof expression.key !== 'string') return false;
  const value = label(expression.key);
  const values = Array.isArray(expression.values) ? expression.values.map(asText) : [];
  switch (expression.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    default:
      return false;
  }
}

/** Label values are strings; YAML 1.1 reads an unquoted `true`, `yes` or `1` as another scalar, so compare as text. */
function asText(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}
