// Tokens of HCL native syntax and the cursor that gives each one its line and column.

import type { Diagnostic, DiagnosticCode, Position, Range } from './hcl-ast.js';

export type Punct =
  | '{' | '}' | '[' | ']' | '(' | ')' | ',' | '.' | '...'
  | '=' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '=>'
  | '+' | '-' | '*' | '/' | '%' | '!' | '&&' | '||' | '?' | ':';

export type TokenType =
  | Punct
  | 'ident'
  | 'number'
  | 'newline'
  | 'eof'
  | 'invalid'
  /** `"` opening and closing a quoted template. */
  | 'oQuote'
  | 'cQuote'
  /** `<<EOT` / `<<-EOT` and the closing marker line. */
  | 'oHeredoc'
  | 'cHeredoc'
  /** Literal text inside a template; `value` is decoded (escapes, `$${`). */
  | 'literal'
  /** `${` and `%{` inside a template, and the `}` that ends either. */
  | 'interp'
  | 'control'
  | 'seqEnd';

export interface Token {
  readonly type: TokenType;
  /** The source text of the token (for a heredoc opener: its marker). */
  readonly text: string;
  /** Decoded text of a template literal; equal to `text` otherwise. */
  readonly value: string;
  readonly range: Range;
  /** `${~`, `%{~` and `~}`: strip the whitespace of the adjacent literal. */
  readonly strip: boolean;
  /** A heredoc literal that begins a line (for `<<-` indentation stripping). */
  readonly lineStart: boolean;
  /** `<<-`: the heredoc's common indentation is removed. */
  readonly flush: boolean;
  /** Inserted to close an unterminated string or heredoc; a diagnostic already says so. */
  readonly synthetic: boolean;
}

export const PUNCTS_3: ReadonlySet<string> = new Set(['...']);
export const PUNCTS_2: ReadonlySet<string> = new Set(['==', '!=', '<=', '>=', '=>', '&&', '||']);
export const PUNCTS_1: ReadonlySet<string> = new Set('{}[](),.=<>+-*/%!?:');

/** Walks the source one code point at a time, so columns count characters, not UTF-16 units. */
export class Cursor {
  offset = 0;
  line = 1;
  column = 1;

  constructor(readonly text: string) {}

  get done(): boolean {
    return this.offset >= this.text.length;
  }

  position(): Position {
    return { line: this.line, column: this.column, offset: this.offset };
  }

  /** Moves over `units` UTF-16 code units (never splitting a surrogate pair). */
  advance(units: number): void {
    const stop = Math.min(this.text.length, this.offset + units);
    while (this.offset < stop) {
      const code = this.text.charCodeAt(this.offset);
      if (code === 0x0a) {
        this.line += 1;
        this.column = 1;
        this.offset += 1;
        continue;
      }
      const low = this.text.charCodeAt(this.offset + 1);
      this.offset += code >= 0xd800 && code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
      this.column += 1;
    }
  }
}

export function rangeOf(start: Position, end: Position): Range {
  return { start, end };
}

export function makeDiagnostic(code: DiagnosticCode, message: string, range: Range): Diagnostic {
  return { severity: 'error', code, message, range };
}

const QUOTE_LIMIT = 12;

/** At most a few characters of source, so a message can never carry a secret or a whole line. */
export function shortQuote(text: string): string {
  const chars = Array.from(text);
  return `"${chars.length > QUOTE_LIMIT ? `${chars.slice(0, QUOTE_LIMIT).join('')}…` : text}"`;
}

/** How a token is named in a message; string contents are never quoted. */
export function describeToken(token: Token): string {
  switch (token.type) {
    case 'ident':
      return shortQuote(token.text);
    case 'number':
      return 'a number';
    case 'newline':
      return 'end of line';
    case 'eof':
      return 'end of file';
    case 'oQuote':
      return 'a string';
    case 'cQuote':
      return 'end of string';
    case 'literal':
      return 'string text';
    case 'oHeredoc':
      return 'a heredoc';
    case 'cHeredoc':
      return 'end of heredoc';
    case 'interp':
      return '"${"';
    case 'control':
      return '"%{"';
    case 'seqEnd':
      return '"}"';
    case 'invalid':
      return `character ${shortQuote(token.text)}`;
    default:
      return `"${token.type}"`;
  }
}
