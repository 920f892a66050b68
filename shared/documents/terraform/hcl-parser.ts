// Parses a Terraform `.tf` file (HCL native syntax, hclsyntax/spec.md) into a tree with positions.
// Never throws: syntax errors become diagnostics and parsing goes on, so one broken block does not hide
// the others. A block left open swallows what follows it, as in every HCL parser; when that block
// reaches the end of the file, the blocks written in column 1 inside it are given back to the top level.

import type { Attribute, Block, BlockLabel, Body, BodyItem, Diagnostic, HclFile } from './hcl-ast.js';
import { lex } from './hcl-lexer.js';
import { expected, parseExpression } from './hcl-parse-expression.js';
import { ParserState } from './hcl-parser-state.js';
import { makeDiagnostic, rangeOf, shortQuote, type Token, type TokenType } from './hcl-tokens.js';

export interface ParseOptions {
  /** Deepest nesting of blocks, brackets and operators accepted; deeper input is skipped with a diagnostic. */
  readonly maxDepth?: number;
}

export const DEFAULT_MAX_DEPTH = 128;

const LINE_END: ReadonlySet<TokenType> = new Set<TokenType>(['newline', '}']);
const START = { line: 1, column: 1, offset: 0 } as const;

export function parseHcl(text: string, options: ParseOptions = {}): HclFile {
  const emptyRange = rangeOf(START, START);
  try {
    const { tokens, diagnostics: lexical } = lex(text);
    const p = new ParserState(tokens, options.maxDepth ?? DEFAULT_MAX_DEPTH);
    let items: BodyItem[] = [];
    try {
      items = p.withNewlines(true, () => parseBody(p, undefined).items);
    } catch {
      p.error('internal-error', 'the parser failed on this file; this is a bug in aks-gate', p.peek().range);
    }
    const end = p.tokenAt(tokens.length - 1).range.end;
    return { body: { items, range: rangeOf(START, end) }, diagnostics: sortDiagnostics([...lexical, ...p.diagnostics]) };
  } catch {
    const diagnostic = makeDiagnostic('internal-error', 'the parser failed on this file; this is a bug in aks-gate', emptyRange);
    return { body: { items: [], range: emptyRange }, diagnostics: [diagnostic] };
  }
}

function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.range.start.offset - b.range.start.offset);
}

interface ParsedBody {
  readonly items: BodyItem[];
  readonly close: Token | undefined;
}

function parseBody(p: ParserState, header: Token | undefined): ParsedBody {
  let items: BodyItem[] = [];
  // A block in column 1 inside a block is most likely a top-level block after a missing "}".
  let columnOneBlock: number | undefined;
  for (;;) {
    if (p.unwinding) {
      if (header) return { items, close: undefined };
      p.unwinding = false;
    }
    const token = p.peek();
    if (token.type === 'newline') {
      p.next();
    } else if (token.type === 'eof') {
      if (!header) return { items, close: undefined };
      p.unclosed('unclosed-block', 'this block is never closed with "}"', header.range);
      if (columnOneBlock !== undefined) {
        const resume = p.tokenAt(columnOneBlock).range.start.offset;
        items = items.filter((item) => item.range.start.offset < resume);
        p.rewindToTopLevel(columnOneBlock);
      }
      return { items, close: undefined };
    } else if (token.type === '}') {
      if (header) return { items, close: p.next() };
      p.error('unexpected-token', 'unexpected "}" with no block to close', token.range);
      p.next();
    } else if (token.type !== 'ident') {
      const before = p.pos;
      expected(p, 'an attribute or block name');
      p.recover(LINE_END);
      if (p.pos === before) p.next();
    } else {
      if (header && columnOneBlock === undefined && token.range.start.column === 1 && p.peekSecond().type !== '=') {
        columnOneBlock = p.pos;
      }
      const item = parseItem(p);
      if (item) items.push(item);
    }
  }
}

function parseItem(p: ParserState): BodyItem | undefined {
  const name = p.next();
  const after = p.peek().type;
  if (after === '=') return parseAttribute(p, name);
  if (after === '{' || after === 'ident' || after === 'oQuote') return parseBlock(p, name);
  expected(p, `"=" or a block after ${shortQuote(name.text)}`);
  p.recover(LINE_END);
  return undefined;
}

function parseAttribute(p: ParserState, name: Token): Attribute {
  p.next();
  const value = parseExpression(p);
  expectLineEnd(p, 'attribute value');
  return { kind: 'attribute', name: name.text, nameRange: name.range, value, range: rangeOf(name.range.start, value.range.end) };
}

/** One-line blocks (`features {}`, `x { a = 1 }`) end with "}" on the same line as their last item. */
function expectLineEnd(p: ParserState, what: string): void {
  const next = p.peek().type;
  if (next === 'newline' || next === 'eof' || next === '}') return;
  expected(p, `a new line after the ${what}`);
  p.recover(LINE_END);
}

function parseBlock(p: ParserState, type: Token): Block | undefined {
  const labels: BlockLabel[] = [];
  for (let next = p.peek(); next.type === 'ident' || next.type === 'oQuote'; next = p.peek()) {
    labels.push(next.type === 'ident' ? { value: p.next().text, range: next.range } : parseLabel(p));
  }
  const openIndex = p.pos;
  const open = p.accept('{');
  if (!open) {
    expected(p, '"{" to open the block');
    p.recover(LINE_END);
    return undefined;
  }
  if (!p.enter(open.range)) {
    p.leave();
    p.pos = openIndex;
    p.skipBalanced();
    return undefined;
  }
  const parsed = parseBody(p, type);
  p.leave();
  // An unclosed block ends with its last item: the tokens after it may have gone back to the top level.
  const end = parsed.close?.range.end ?? parsed.items[parsed.items.length - 1]?.range.end ?? open.range.end;
  const body: Body = { items: parsed.items, range: rangeOf(open.range.start, end) };
  if (parsed.close) expectLineEnd(p, 'block');
  return {
    kind: 'block',
    type: type.text,
    typeRange: type.range,
    labels,
    body,
    openBraceRange: open.range,
    closeBraceRange: parsed.close?.range,
    range: rangeOf(type.range.start, end),
  };
}

/** A label is a plain string: `${` and `%{` are not allowed in it. */
function parseLabel(p: ParserState): BlockLabel {
  const open = p.next();
  let value = '';
  let reported = false;
  for (;;) {
    const token = p.peek();
    if (token.type === 'cQuote') {
      p.next();
      break;
    }
    if (token.type === 'literal') {
      value += p.next().value;
      continue;
    }
    if (token.type !== 'interp' && token.type !== 'control') break;
    if (!reported) p.error('invalid-label', 'a block label cannot contain "${" or "%{"', token.range);
    reported = true;
    p.recover(new Set<TokenType>(['cQuote']));
  }
  return { value, range: rangeOf(open.range.start, p.previousEnd()) };
}
