// Unary and binary operators. Arithmetic and comparison convert strings to numbers as Terraform does;
// `==` compares type and value; `&&` and `||` stop early when the left side decides, so
// `var.enabled && var.unset` is known when `var.enabled` is false.

import type { BinaryOperator } from './hcl-ast.js';
import { EvalError, UnknownValue, asBool, asNumber, isUnsettled, valueEquals, type Outcome } from './hcl-values.js';

export function evaluateUnary(operator: '-' | '!', operand: Outcome): Outcome {
  if (isUnsettled(operand)) return operand;
  if (operator === '!') {
    const b = asBool(operand, 'the operand of "!"');
    return isUnsettled(b) ? b : !b;
  }
  const n = asNumber(operand, 'the operand of "-"');
  return isUnsettled(n) ? n : -n;
}

export function evaluateBinary(operator: BinaryOperator, left: Outcome, right: () => Outcome): Outcome {
  if (left instanceof EvalError) return left;
  if (operator === '&&' || operator === '||') return logical(operator, left, right);
  const r = right();
  if (r instanceof EvalError) return r;
  if (operator === '==' || operator === '!=') {
    if (left instanceof UnknownValue) return left;
    if (r instanceof UnknownValue) return r;
    const same = valueEquals(left, r);
    if (same instanceof UnknownValue) return same;
    return operator === '==' ? same : !same;
  }
  const a = isUnsettled(left) ? left : asNumber(left, `the left operand of "${operator}"`);
  const b = isUnsettled(r) ? r : asNumber(r, `the right operand of "${operator}"`);
  if (a instanceof EvalError) return a;
  if (b instanceof EvalError) return b;
  if (isUnsettled(a)) return a;
  if (isUnsettled(b)) return b;
  return arithmetic(operator, a, b);
}

function logical(operator: '&&' | '||', left: Outcome, right: () => Outcome): Outcome {
  const a = isUnsettled(left) ? left : asBool(left, `the left operand of "${operator}"`);
  if (a instanceof EvalError) return a;
  if (a === (operator === '||')) return a;
  const r = right();
  const b = isUnsettled(r) ? r : asBool(r, `the right operand of "${operator}"`);
  if (b instanceof EvalError) return b;
  if (isUnsettled(a)) {
    // An unknown left side is still decided by a right side that decides alone.
    return b === (operator === '||') ? b : a;
  }
  return b;
}

function arithmetic(operator: Exclude<BinaryOperator, '&&' | '||' | '==' | '!='>, a: number, b: number): Outcome {
  switch (operator) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0 ? new EvalError('division by zero') : a / b;
    case '%':
      return b === 0 ? new EvalError('modulo by zero') : a % b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
  }
}
