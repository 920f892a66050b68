// Templates: quoted strings and heredocs, made of literal text, `${ expr }` interpolations and
// `%{ if }`/`%{ for }` directives. Directives are parsed (so their strings and braces are consumed
// correctly) but kept as unevaluated parts. Strip markers (`~`) and `<<-` indentation are applied here.

import type { TemplateDirective, TemplateExpr, TemplatePart } from './hcl-ast.js';
import { expected, parseExpression } from './hcl-parse-expression.js';
import type { ParserState } from './hcl-parser-state.js';
import { rangeOf, type Token, type TokenType } from './hcl-tokens.js';

const KEYWORDS = ['if', 'else', 'endif', 'for', 'endfor'] as const;
type Keyword = (typeof KEYWORDS)[number];

interface RawPart {
  part: TemplatePart;
  /** `${~` / `%{~`: trim the literal before. */
  stripBefore: boolean;
  /** `~}`: trim the literal after. */
  stripAfter: boolean;
  /** A heredoc line that begins with this part (for `<<-`). */
  lineStart: boolean;
}

export function parseQuotedTemplate(p: ParserState): TemplateExpr {
  const open = p.next();
  const parts = parseParts(p, 'cQuote');
  return { kind: 'template', parts: finish(parts, false), heredoc: false, range: rangeOf(open.range.start, p.previousEnd()) };
}

export function parseHeredoc(p: ParserState): TemplateExpr {
  const open = p.next();
  const parts = parseParts(p, 'cHeredoc');
  return { kind: 'template', parts: finish(parts, open.flush), heredoc: true, range: rangeOf(open.range.start, p.previousEnd()) };
}

function parseParts(p: ParserState, close: 'cQuote' | 'cHeredoc'): RawPart[] {
  const parts: RawPart[] = [];
  // Template tokens are never newlines: the lexer puts line ends of heredocs inside literals.
  return p.withNewlines(true, () => {
    for (;;) {
      const token = p.peek();
      if (token.type === close) {
        p.next();
        return parts;
      }
      if (token.type === 'literal') {
        p.next();
        parts.push({ part: { kind: 'literal', value: token.value, range: token.range }, stripBefore: false, stripAfter: false, lineStart: token.lineStart });
      } else if (token.type === 'interp' || token.type === 'control') {
        p.next();
        parts.push(parseSequence(p, token));
      } else {
        expected(p, close === 'cQuote' ? 'the end of the string' : 'the end of the heredoc');
        return parts;
      }
    }
  });
}

function parseSequence(p: ParserState, open: Token): RawPart {
  const lineStart = open.range.start.column === 1;
  const { part, end } = p.withNewlines(false, () => {
    const parsed = open.type === 'interp' ? { expr: parseExpression(p) } : parseDirectiveHead(p);
    let closing = p.accept('seqEnd');
    if (!closing) {
      expected(p, '"}" closing the template sequence');
      p.recover(new Set<TokenType>(['seqEnd']));
      closing = p.accept('seqEnd');
    }
    const range = rangeOf(open.range.start, p.previousEnd());
    const made: TemplatePart =
      'keyword' in parsed
        ? { kind: 'directive', keyword: parsed.keyword, expr: parsed.expr, variables: parsed.variables, range }
        : { kind: 'interpolation', expr: parsed.expr, range };
    return { part: made, end: closing };
  });
  return { part, stripBefore: open.strip, stripAfter: end?.strip ?? false, lineStart };
}

function isKeyword(text: string): text is Keyword {
  return KEYWORDS.some((k) => k === text);
}

function parseDirectiveHead(p: ParserState): Pick<TemplateDirective, 'keyword' | 'expr' | 'variables'> {
  const word = p.peek();
  if (word.type !== 'ident' || !isKeyword(word.text)) {
    expected(p, '"if", "else", "endif", "for" or "endfor"');
    return { keyword: 'if', expr: undefined, variables: [] };
  }
  p.next();
  if (word.text === 'if') return { keyword: 'if', expr: parseExpression(p), variables: [] };
  if (word.text !== 'for') return { keyword: word.text, expr: undefined, variables: [] };
  const variables: string[] = [];
  const first = p.accept('ident');
  if (first) variables.push(first.text);
  if (p.accept(',')) {
    const second = p.accept('ident');
    if (second) variables.push(second.text);
  }
  if (!first || !p.acceptKeyword('in')) {
    expected(p, 'a variable name and "in"');
    return { keyword: 'for', expr: undefined, variables };
  }
  return { keyword: 'for', expr: parseExpression(p), variables };
}

/** Applies strip markers and `<<-` indentation removal to the literal parts. */
function finish(raw: readonly RawPart[], flush: boolean): TemplatePart[] {
  const indent = flush ? commonIndent(raw) : 0;
  const parts: TemplatePart[] = [];
  raw.forEach((item, i) => {
    if (item.part.kind !== 'literal') {
      parts.push(item.part);
      return;
    }
    let value = item.part.value;
    if (item.lineStart && indent > 0) value = dropIndent(value, indent);
    if (raw[i - 1]?.stripAfter === true) value = value.trimStart();
    if (raw[i + 1]?.stripBefore === true) value = value.trimEnd();
    // The lexer cuts heredoc text at each line end; a caller wants one literal between sequences.
    const previous = parts[parts.length - 1];
    if (previous?.kind === 'literal') {
      parts[parts.length - 1] = { kind: 'literal', value: previous.value + value, range: rangeOf(previous.range.start, item.part.range.end) };
    } else {
      parts.push({ kind: 'literal', value, range: item.part.range });
    }
  });
  return parts;
}

/** The smallest indentation of the heredoc's lines; blank lines do not count. */
function commonIndent(raw: readonly RawPart[]): number {
  let min = Number.POSITIVE_INFINITY;
  for (const item of raw) {
    if (!item.lineStart) continue;
    if (item.part.kind !== 'literal') {
      min = 0;
      continue;
    }
    const text = item.part.value;
    if (text.trim() === '' && text.endsWith('\n')) continue;
    min = Math.min(min, leadingWhitespace(text));
  }
  return Number.isFinite(min) ? min : 0;
}

function leadingWhitespace(text: string): number {
  let n = 0;
  while (n < text.length && (text[n] === ' ' || text[n] === '\t')) n += 1;
  return n;
}

function dropIndent(text: string, indent: number): string {
  return text.slice(Math.min(indent, leadingWhitespace(text)));
}
