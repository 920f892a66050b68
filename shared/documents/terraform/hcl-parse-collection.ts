// Bracketed expressions: function calls, tuples, objects and `for` expressions. Each list loop either
// consumes a token or stops, and an unclosed bracket is reported at its opening.

import type { Expression, ObjectItem } from './hcl-ast.js';
import { expected, invalid, parseExpression } from './hcl-parse-expression.js';
import type { ParserState } from './hcl-parser-state.js';
import { describeToken, rangeOf, type Token, type TokenType } from './hcl-tokens.js';

type Close = ')' | ']' | '}';

/** A closer that is not the list's own ends the list: the list was left open. */
const OTHER_CLOSERS: ReadonlySet<TokenType> = new Set<TokenType>([')', ']', '}', 'seqEnd', 'cQuote', 'cHeredoc']);

export function parseCall(p: ParserState, name: Token): Expression {
  p.next();
  return p.withNewlines(false, () => {
    const args: Expression[] = [];
    let expandFinal = false;
    parseList(p, ')', () => {
      if (expandFinal) expected(p, '")" after "..."');
      args.push(parseExpression(p));
      if (p.accept('...')) expandFinal = true;
    });
    return { kind: 'call', name: name.text, nameRange: name.range, args, expandFinal, range: rangeOf(name.range.start, p.previousEnd()) };
  });
}

export function parseTuple(p: ParserState): Expression {
  const open = p.next();
  return p.withNewlines(false, () => {
    if (p.peek().type === 'ident' && p.peek().text === 'for') return parseFor(p, open, false);
    const items: Expression[] = [];
    parseList(p, ']', () => items.push(parseExpression(p)));
    return { kind: 'tuple', items, range: rangeOf(open.range.start, p.previousEnd()) };
  });
}

export function parseObject(p: ParserState): Expression {
  const open = p.next();
  const isFor = p.withNewlines(false, () => p.peek().type === 'ident' && p.peek().text === 'for');
  if (isFor) return p.withNewlines(false, () => parseFor(p, open, true));
  // Object items are separated by commas or newlines, so newlines stay significant here.
  return p.withNewlines(true, () => {
    const items: ObjectItem[] = [];
    for (;;) {
      while (p.accept('newline')) {
        // blank lines between items
      }
      const token = p.peek();
      if (token.type === '}') {
        p.next();
        break;
      }
      if (token.type === 'eof') {
        p.unclosed('unclosed-bracket', 'object "{" is never closed', open.range);
        break;
      }
      const item = parseObjectItem(p);
      if (item) items.push(item);
      if (p.accept(',') || p.accept('newline') || p.peek().type === '}') continue;
      const at = p.peek().range;
      p.recover(new Set<TokenType>(['newline', ',', '}']));
      if (p.accept(',') || p.accept('newline') || p.peek().type === '}') {
        p.error('unexpected-token', 'expected ",", a new line or "}" after an object item', at);
      } else if (p.peek().type !== 'eof') {
        p.unclosed('unclosed-bracket', 'object "{" is never closed', open.range);
        break;
      }
    }
    return { kind: 'object', items, range: rangeOf(open.range.start, p.previousEnd()) };
  });
}

function parseObjectItem(p: ParserState): ObjectItem | undefined {
  const parsed = parseExpression(p);
  // `{ name = 1 }` names the key literally; `{ (name) = 1 }` would evaluate the variable.
  const key: Expression = parsed.kind === 'variable' ? { kind: 'literal', value: parsed.name, range: parsed.range } : parsed;
  if (!p.accept('=') && !p.accept(':')) {
    expected(p, '"=" or ":" after an object key');
    return undefined;
  }
  const value = parseExpression(p);
  return { key, value, range: rangeOf(key.range.start, value.range.end) };
}

/** `item (, item)* ,? close`, with recovery at commas. */
function parseList(p: ParserState, close: Close, item: () => void): void {
  const open = p.tokenAt(p.pos - 1);
  for (;;) {
    const token = p.peek();
    if (token.type === close) {
      p.next();
      return;
    }
    if (token.type === 'eof' || (OTHER_CLOSERS.has(token.type) && token.type !== close)) {
      p.unclosed('unclosed-bracket', `"${open.text}" is never closed`, open.range);
      return;
    }
    item();
    if (p.accept(',') || p.peek().type === close) continue;
    const at = p.peek();
    p.recover(new Set<TokenType>([',', close]));
    if (p.peek().type === ',' || p.peek().type === close) {
      p.error('unexpected-token', `expected "," or "${close}", found ${describeToken(at)}`, at.range);
    } else if (p.peek().type !== 'eof') {
      // Recovery stopped at something that is not ours (an outer closer, the next top-level block).
      p.unclosed('unclosed-bracket', `"${open.text}" is never closed`, open.range);
      return;
    }
  }
}

function parseFor(p: ParserState, open: Token, isObject: boolean): Expression {
  const close: Close = isObject ? '}' : ']';
  const forExpr = parseForParts(p, open, isObject);
  if (!p.accept(close)) {
    expected(p, `"${close}" closing the for expression`);
    p.recover(new Set<TokenType>([close]));
    p.accept(close);
    return invalid(rangeOf(open.range.start, p.previousEnd()));
  }
  return forExpr ? { ...forExpr, range: rangeOf(open.range.start, p.previousEnd()) } : invalid(rangeOf(open.range.start, p.previousEnd()));
}

function fail(p: ParserState, what: string): undefined {
  expected(p, what);
  return undefined;
}

function parseForParts(p: ParserState, open: Token, isObject: boolean): (Expression & { kind: 'for' }) | undefined {
  p.next();
  const first = p.accept('ident');
  if (!first) return fail(p, 'a variable name after "for"');
  const second = p.accept(',') ? p.accept('ident') : undefined;
  if (!p.acceptKeyword('in')) return fail(p, '"in"');
  const collection = parseExpression(p);
  if (!p.accept(':')) return fail(p, '":" after the collection');
  let keyExpr: Expression | undefined;
  if (isObject) {
    keyExpr = parseExpression(p);
    if (!p.accept('=>')) return fail(p, '"=>"');
  }
  const valueExpr = parseExpression(p);
  const grouping = isObject && p.accept('...') !== undefined;
  const condition = p.acceptKeyword('if') ? parseExpression(p) : undefined;
  return {
    kind: 'for',
    isObject,
    keyVar: second ? first.text : undefined,
    valueVar: second ? second.text : first.text,
    collection,
    keyExpr,
    valueExpr,
    condition,
    grouping,
    range: rangeOf(open.range.start, p.previousEnd()),
  };
}
