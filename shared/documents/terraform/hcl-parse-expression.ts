// Expressions of HCL native syntax: conditional, binary operators with the spec's precedence, unary
// operators, terms and their postfix traversals (`.attr`, `[key]`, legacy `.0`, splats `[*]` and `.*`).
// Collections live in hcl-parse-collection.ts and templates in hcl-parse-template.ts.

import type { BinaryOperator, Expression, InvalidExpr, Range } from './hcl-ast.js';
import { parseCall, parseObject, parseTuple } from './hcl-parse-collection.js';
import { parseHeredoc, parseQuotedTemplate } from './hcl-parse-template.js';
import type { ParserState } from './hcl-parser-state.js';
import { describeToken, rangeOf, type TokenType } from './hcl-tokens.js';

/** Level 1 binds loosest (`||`), level 6 tightest (`* / %`), as the spec's table says. */
const LEVELS: readonly (readonly BinaryOperator[])[] = [
  [],
  ['||'],
  ['&&'],
  ['==', '!='],
  ['<', '>', '<=', '>='],
  ['+', '-'],
  ['*', '/', '%'],
];

function span(from: { range: Range }, to: { range: Range }): Range {
  return rangeOf(from.range.start, to.range.end);
}

export function invalid(range: Range): InvalidExpr {
  return { kind: 'invalid', range };
}

export function parseExpression(p: ParserState): Expression {
  const first = p.peek();
  if (!p.enter(first.range)) {
    p.leave();
    return invalid(p.skipBalanced());
  }
  try {
    return parseConditional(p);
  } finally {
    p.leave();
  }
}

/** Reports "expected X" at the next token; the caller decides how to recover. */
export function expected(p: ParserState, what: string): Range {
  const token = p.peek();
  p.error('unexpected-token', `expected ${what}, found ${describeToken(token)}`, token.range);
  return token.range;
}

function parseConditional(p: ParserState): Expression {
  const condition = parseBinary(p, 1);
  if (!p.accept('?')) return condition;
  const trueResult = parseExpression(p);
  if (!p.accept(':')) {
    const at = expected(p, '":" of a conditional');
    return invalid(rangeOf(condition.range.start, at.start));
  }
  const falseResult = parseExpression(p);
  return { kind: 'conditional', condition, trueResult, falseResult, range: span(condition, falseResult) };
}

function isOperatorOf(level: number, type: TokenType): type is BinaryOperator {
  return (LEVELS[level] ?? []).some((op) => op === type);
}

function parseBinary(p: ParserState, level: number): Expression {
  if (level >= LEVELS.length) return parseUnary(p);
  let left = parseBinary(p, level + 1);
  let chain = 0;
  let tooLong = false;
  for (let op = p.peek().type; isOperatorOf(level, op); op = p.peek().type) {
    p.next();
    const right = parseBinary(p, level + 1);
    // A left-leaning chain `1+1+1+...` is as deep as it is long for whoever walks the tree later.
    chain += 1;
    if (p.depth + chain > p.maxDepth) {
      if (!tooLong) p.reportTooDeep(right.range);
      tooLong = true;
    }
    left = tooLong ? invalid(span(left, right)) : { kind: 'binary', operator: op, left, right, range: span(left, right) };
  }
  return left;
}

function parseUnary(p: ParserState): Expression {
  const token = p.peek();
  if (token.type !== '-' && token.type !== '!') return parsePostfix(p, parseTerm(p));
  p.next();
  if (!p.enter(token.range)) {
    p.leave();
    while (p.peek().type === '-' || p.peek().type === '!') p.next();
    return invalid(rangeOf(token.range.start, p.skipBalanced().end));
  }
  try {
    const operand = parseUnary(p);
    return { kind: 'unary', operator: token.type, operand, range: rangeOf(token.range.start, operand.range.end) };
  } finally {
    p.leave();
  }
}

function parseTerm(p: ParserState): Expression {
  const token = p.peek();
  switch (token.type) {
    case 'number':
      p.next();
      return { kind: 'literal', value: Number(token.text), range: token.range };
    case 'ident':
      p.next();
      if (token.text === 'true' || token.text === 'false') return { kind: 'literal', value: token.text === 'true', range: token.range };
      if (token.text === 'null') return { kind: 'literal', value: null, range: token.range };
      if (p.peek().type === '(') return parseCall(p, token);
      return { kind: 'variable', name: token.text, range: token.range };
    case 'oQuote':
      return parseQuotedTemplate(p);
    case 'oHeredoc':
      return parseHeredoc(p);
    case '(':
      return parseParens(p);
    case '[':
      return parseTuple(p);
    case '{':
      return parseObject(p);
    default:
      return invalid(expected(p, 'an expression'));
  }
}

function parseParens(p: ParserState): Expression {
  const open = p.next();
  return p.withNewlines(false, () => {
    const expr = parseExpression(p);
    const close = p.accept(')');
    if (!close) {
      expected(p, '")"');
      p.recover(new Set([')']));
      p.accept(')');
    }
    return { kind: 'parens', expr, range: rangeOf(open.range.start, p.previousEnd()) };
  });
}

function parsePostfix(p: ParserState, term: Expression): Expression {
  let expr = term;
  for (let chain = 1; ; chain += 1) {
    const next = parseTraversalStep(p, expr, true);
    if (next === undefined) return expr;
    if (p.depth + chain > p.maxDepth) {
      p.reportTooDeep(next.range);
      while (parseTraversalStep(p, expr, true) !== undefined) {
        // Consumes the rest of an absurdly long chain without building it.
      }
      return invalid(span(term, { range: rangeOf(term.range.start, p.previousEnd()) }));
    }
    expr = next;
  }
}

/**
 * One postfix step applied to `object`, or undefined when the next token starts none. Splats take the
 * steps after them as their per-element expression: `.*` only attribute steps, `[*]` indexes too.
 */
function parseTraversalStep(p: ParserState, object: Expression, splats: boolean, onlyAttributes = false): Expression | undefined {
  const token = p.peek();
  const second = p.peekSecond();
  if (token.type === '.') {
    if (second.type === 'ident') {
      p.next();
      p.next();
      return { kind: 'getAttr', object, name: second.text, nameRange: second.range, range: rangeOf(object.range.start, second.range.end) };
    }
    if (second.type === 'number' && /^[0-9]+$/.test(second.text)) {
      p.next();
      p.next();
      const key = { kind: 'literal', value: Number(second.text), range: second.range } as const;
      return { kind: 'index', object, key, range: rangeOf(object.range.start, second.range.end) };
    }
    if (second.type === '*' && splats) {
      p.next();
      p.next();
      return parseSplat(p, object, 'attr', second.range);
    }
    if (second.type === '*') return undefined;
    p.next();
    return invalid(rangeOf(object.range.start, expected(p, 'an attribute name after "."').start));
  }
  if (token.type === '[' && !onlyAttributes) {
    if (second.type === '*' && p.tokenAt(p.pos + 2).type === ']' && splats) {
      p.next();
      p.next();
      const close = p.next();
      return parseSplat(p, object, 'full', close.range);
    }
    if (second.type === '*') return undefined;
    p.next();
    return p.withNewlines(false, () => {
      const key = parseExpression(p);
      if (!p.accept(']')) {
        expected(p, '"]"');
        p.recover(new Set([']']));
        p.accept(']');
      }
      return { kind: 'index', object, key, range: rangeOf(object.range.start, p.previousEnd()) };
    });
  }
  return undefined;
}

function parseSplat(p: ParserState, source: Expression, style: 'full' | 'attr', marker: Range): Expression {
  let each: Expression = { kind: 'splatItem', range: marker };
  for (let chain = 1; ; chain += 1) {
    const next = parseTraversalStep(p, each, false, style === 'attr');
    if (next === undefined) break;
    if (p.depth + chain > p.maxDepth) {
      p.reportTooDeep(next.range);
      return invalid(rangeOf(source.range.start, p.previousEnd()));
    }
    each = next;
  }
  return { kind: 'splat', source, each, style, range: rangeOf(source.range.start, p.previousEnd()) };
}
