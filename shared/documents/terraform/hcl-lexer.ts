// Splits HCL source into tokens. HCL is lexed in modes (expression, quoted template, heredoc) because
// `${ ... }` switches back to expressions inside a string and a `}` at the right depth switches back.
// A stack of modes (not recursion) keeps hostile nesting from exhausting the call stack. Every step
// consumes at least one character or pops a mode, so lexing always ends.

import type { Diagnostic, Position } from './hcl-ast.js';
import {
  Cursor,
  PUNCTS_1,
  PUNCTS_2,
  PUNCTS_3,
  makeDiagnostic,
  rangeOf,
  type Token,
  type TokenType,
} from './hcl-tokens.js';

type Mode =
  | { readonly kind: 'expr'; readonly template: boolean; braces: number }
  | { readonly kind: 'quoted'; readonly open: Position }
  | { readonly kind: 'heredoc'; readonly marker: string; readonly open: Token; lineStart: boolean };

export interface LexResult {
  readonly tokens: readonly Token[];
  readonly diagnostics: readonly Diagnostic[];
}

const IDENT = /[\p{ID_Start}_][\p{ID_Continue}-]*/uy;
const NUMBER = /[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const HEREDOC_OPEN = /<<(-?)([\p{ID_Start}_][\p{ID_Continue}-]*)\r?\n/uy;
const HEREDOC_CLOSE = /([ \t]*)([\p{ID_Start}_][\p{ID_Continue}-]*)(?=\r?\n|$)/uy;
const HEX4 = /^[0-9A-Fa-f]{4}$/;
const HEX8 = /^[0-9A-Fa-f]{8}$/;

export function lex(text: string): LexResult {
  return new Lexer(text).run();
}

class Lexer {
  private readonly cursor: Cursor;
  private readonly tokens: Token[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private readonly modes: Mode[] = [{ kind: 'expr', template: false, braces: 0 }];

  constructor(private readonly text: string) {
    this.cursor = new Cursor(text);
    // Editors on Windows may save a byte order mark; it is not part of line 1's first column.
    if (text.startsWith('\uFEFF')) this.cursor.offset = 1;
  }

  run(): LexResult {
    for (;;) {
      const mode = this.modes[this.modes.length - 1] ?? { kind: 'expr', template: false, braces: 0 };
      if (mode.kind === 'expr') {
        if (this.cursor.done) {
          if (this.modes.length <= 1) break;
          this.modes.pop();
          continue;
        }
        this.lexExpression(mode);
      } else if (mode.kind === 'quoted') {
        this.lexQuoted(mode);
      } else {
        this.lexHeredoc(mode);
      }
    }
    const end = this.cursor.position();
    this.tokens.push(token('eof', '', rangeOf(end, end)));
    return { tokens: this.tokens, diagnostics: this.diagnostics };
  }

  private at(offset: number): string {
    return this.text.charAt(this.cursor.offset + offset);
  }

  private startsWith(s: string): boolean {
    return this.text.startsWith(s, this.cursor.offset);
  }

  private emit(type: TokenType, units: number, extra: Partial<Token> = {}): Token {
    const start = this.cursor.position();
    const raw = this.text.slice(start.offset, start.offset + units);
    this.cursor.advance(units);
    const made = { ...token(type, raw, rangeOf(start, this.cursor.position())), ...extra };
    this.tokens.push(made);
    return made;
  }

  private match(re: RegExp): RegExpExecArray | null {
    re.lastIndex = this.cursor.offset;
    return re.exec(this.text);
  }

  private lexExpression(mode: Mode & { kind: 'expr' }): void {
    const c = this.at(0);
    if (c === ' ' || c === '\t' || c === '\f' || (c === '\r' && this.at(1) !== '\n')) {
      this.cursor.advance(1);
    } else if (c === '\n' || c === '\r') {
      this.emit('newline', c === '\r' ? 2 : 1);
    } else if (c === '#' || this.startsWith('//')) {
      this.skipLineComment();
    } else if (this.startsWith('/*')) {
      this.skipBlockComment();
    } else if (c === '"') {
      this.emit('oQuote', 1);
      this.modes.push({ kind: 'quoted', open: this.tokens[this.tokens.length - 1]?.range.start ?? this.cursor.position() });
    } else if (this.startsWith('<<') && this.lexHeredocOpen()) {
      return;
    } else if (c >= '0' && c <= '9') {
      this.emit('number', this.match(NUMBER)?.[0].length ?? 1);
    } else if (this.match(IDENT)) {
      this.emit('ident', IDENT.lastIndex - this.cursor.offset);
    } else if (mode.template && mode.braces === 0 && (c === '}' || this.startsWith('~}'))) {
      this.emit('seqEnd', c === '}' ? 1 : 2, { strip: c !== '}' });
      this.modes.pop();
    } else {
      this.lexPunct(mode, c);
    }
  }

  private lexPunct(mode: Mode & { kind: 'expr' }, c: string): void {
    const three = this.text.slice(this.cursor.offset, this.cursor.offset + 3);
    const two = three.slice(0, 2);
    if (PUNCTS_3.has(three)) {
      this.emit(three as TokenType, 3);
    } else if (PUNCTS_2.has(two)) {
      this.emit(two as TokenType, 2);
    } else if (PUNCTS_1.has(c)) {
      if (c === '{') mode.braces += 1;
      if (c === '}') mode.braces = Math.max(0, mode.braces - 1);
      this.emit(c as TokenType, 1);
    } else {
      const code = this.text.codePointAt(this.cursor.offset) ?? 0;
      this.emit('invalid', code > 0xffff ? 2 : 1);
    }
  }

  /** A line comment counts as a newline: the newline after it is kept as a token. */
  private skipLineComment(): void {
    const nl = this.text.indexOf('\n', this.cursor.offset);
    let end = nl < 0 ? this.text.length : nl;
    if (end > this.cursor.offset && this.text.charAt(end - 1) === '\r') end -= 1;
    this.cursor.advance(Math.max(1, end - this.cursor.offset));
  }

  private skipBlockComment(): void {
    const start = this.cursor.position();
    const close = this.text.indexOf('*/', this.cursor.offset + 2);
    if (close < 0) {
      this.cursor.advance(this.text.length - this.cursor.offset);
      this.diagnostics.push(
        makeDiagnostic('unterminated-comment', 'comment "/*" is never closed with "*/"', rangeOf(start, { ...start, column: start.column + 2, offset: start.offset + 2 })),
      );
      return;
    }
    this.cursor.advance(close + 2 - this.cursor.offset);
  }

  private lexHeredocOpen(): boolean {
    const m = this.match(HEREDOC_OPEN);
    if (!m) return false;
    const dash = m[1] ?? '';
    const marker = m[2] ?? '';
    const open = this.emit('oHeredoc', 2 + dash.length + marker.length, { value: marker, flush: dash === '-' });
    // The newline belongs to the opener: the heredoc's first line starts right after it.
    this.cursor.advance(m[0].length - (2 + dash.length + marker.length));
    this.modes.push({ kind: 'heredoc', marker, open, lineStart: true });
    return true;
  }

  private lexQuoted(mode: Mode & { kind: 'quoted' }): void {
    const c = this.at(0);
    if (this.cursor.done || c === '\n' || (c === '\r' && this.at(1) === '\n')) {
      // A quoted string may not span lines: close it here so the next line parses normally.
      const here = this.cursor.position();
      this.diagnostics.push(makeDiagnostic('unterminated-string', 'string is not closed before the end of the line', rangeOf(mode.open, here)));
      this.closeQuotedChain(here);
    } else if (c === '"') {
      this.emit('cQuote', 1);
      this.modes.pop();
    } else if (this.startsWith('${') || this.startsWith('%{')) {
      this.openSequence();
    } else {
      this.lexLiteral(true, false);
    }
  }

  /**
   * Closes the broken string and every quoted string whose `${` it sits in (`"${var.x"`): otherwise the
   * enclosing interpolation would take the next line's "}" as its end and swallow the block's close.
   */
  private closeQuotedChain(here: Position): void {
    const empty = rangeOf(here, here);
    for (;;) {
      this.tokens.push({ ...token('cQuote', '', empty), synthetic: true });
      this.modes.pop();
      const top = this.modes[this.modes.length - 1];
      const below = this.modes[this.modes.length - 2];
      if (top?.kind !== 'expr' || !top.template || below?.kind !== 'quoted') return;
      this.tokens.push({ ...token('seqEnd', '', empty), synthetic: true });
      this.modes.pop();
    }
  }

  private lexHeredoc(mode: Mode & { kind: 'heredoc' }): void {
    if (mode.lineStart) {
      const m = this.match(HEREDOC_CLOSE);
      if (m && m[2] === mode.marker) {
        this.cursor.advance(m[1]?.length ?? 0);
        this.emit('cHeredoc', mode.marker.length);
        this.modes.pop();
        return;
      }
    }
    if (this.cursor.done) {
      const here = this.cursor.position();
      this.diagnostics.push(makeDiagnostic('unterminated-heredoc', 'heredoc is never closed by its marker on a line of its own', mode.open.range));
      this.tokens.push({ ...token('cHeredoc', '', rangeOf(here, here)), synthetic: true });
      this.modes.pop();
    } else if (this.startsWith('${') || this.startsWith('%{')) {
      mode.lineStart = false;
      this.openSequence();
    } else {
      mode.lineStart = this.lexLiteral(false, mode.lineStart);
    }
  }

  private openSequence(): void {
    const strip = this.at(2) === '~';
    this.emit(this.at(0) === '$' ? 'interp' : 'control', strip ? 3 : 2, { strip });
    this.modes.push({ kind: 'expr', template: true, braces: 0 });
  }

  /**
   * One literal run of a template, decoded. Quoted literals stop before a newline and decode backslash
   * escapes; heredoc literals end after their newline and keep backslashes. Returns true when the run
   * ended a line.
   */
  private lexLiteral(quoted: boolean, lineStart: boolean): boolean {
    const start = this.cursor.position();
    let value = '';
    let endedLine = false;
    while (!this.cursor.done) {
      const c = this.at(0);
      if (this.startsWith('${') || this.startsWith('%{')) break;
      if (this.startsWith('$${') || this.startsWith('%%{')) {
        value += `${c}{`;
        this.cursor.advance(3);
      } else if (c === '\n' || (c === '\r' && this.at(1) === '\n')) {
        if (quoted) break;
        value += '\n';
        this.cursor.advance(c === '\r' ? 2 : 1);
        endedLine = true;
        break;
      } else if (quoted && c === '"') {
        break;
      } else if (quoted && c === '\\') {
        value += this.escape();
      } else {
        const units = (this.text.codePointAt(this.cursor.offset) ?? 0) > 0xffff ? 2 : 1;
        value += this.text.slice(this.cursor.offset, this.cursor.offset + units);
        this.cursor.advance(units);
      }
    }
    const end = this.cursor.position();
    this.tokens.push({ ...token('literal', this.text.slice(start.offset, end.offset), rangeOf(start, end)), value, lineStart });
    return endedLine;
  }

  private escape(): string {
    const start = this.cursor.position();
    const next = this.at(1);
    const simple: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
    const decoded = simple[next];
    if (decoded !== undefined) {
      this.cursor.advance(2);
      return decoded;
    }
    if (next === 'u' || next === 'U') {
      const digits = this.text.slice(this.cursor.offset + 2, this.cursor.offset + (next === 'u' ? 6 : 10));
      const code = (next === 'u' ? HEX4 : HEX8).test(digits) ? parseInt(digits, 16) : -1;
      if (code >= 0 && code <= 0x10ffff) {
        this.cursor.advance(2 + digits.length);
        return String.fromCodePoint(code);
      }
    }
    if (next === '' || next === '\n' || next === '\r') {
      this.cursor.advance(1);
      return '\\';
    }
    this.cursor.advance(2);
    this.diagnostics.push(makeDiagnostic('invalid-escape', 'invalid escape sequence in a string', rangeOf(start, this.cursor.position())));
    return this.text.slice(start.offset, this.cursor.offset);
  }
}

function token(type: TokenType, text: string, range: Token['range']): Token {
  return { type, text, value: text, range, strip: false, lineStart: false, flush: false, synthetic: false };
}
