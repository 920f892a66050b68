// The token stream the structural and expression parsers share: newline sensitivity (significant in a
// body, ignored inside brackets), diagnostics (deduplicated and capped, so hostile input cannot flood
// them), nesting depth, and the recovery moves that let parsing go on after an error.

import type { Diagnostic, DiagnosticCode, Range } from './hcl-ast.js';
import { makeDiagnostic, rangeOf, type Token, type TokenType } from './hcl-tokens.js';

const OPENERS: ReadonlySet<TokenType> = new Set(['{', '[', '(', 'oQuote', 'oHeredoc', 'interp', 'control']);
const CLOSERS: ReadonlySet<TokenType> = new Set(['}', ']', ')', 'cQuote', 'cHeredoc', 'seqEnd']);
const MAX_DIAGNOSTICS = 100;

export class ParserState {
  pos = 0;
  depth = 0;
  /** Set when an unclosed block gave back its tail to the top level; nested bodies return until it is taken. */
  unwinding = false;
  readonly diagnostics: Diagnostic[] = [];
  private readonly newlineModes: boolean[] = [true];
  private readonly reported = new Set<number>();
  private tooDeepReported = false;
  private unclosedAtEnd = false;

  constructor(
    readonly tokens: readonly Token[],
    readonly maxDepth: number,
  ) {}

  tokenAt(index: number): Token {
    const last = this.tokens[this.tokens.length - 1];
    const token = this.tokens[Math.min(index, this.tokens.length - 1)] ?? last;
    if (token === undefined) throw new Error('token stream without end of file');
    return token;
  }

  /** Index of the next significant token: newlines are skipped where they are only whitespace. */
  private nextIndex(): number {
    let i = this.pos;
    if (this.newlineModes[this.newlineModes.length - 1] === false) {
      while (this.tokenAt(i).type === 'newline') i += 1;
    }
    return i;
  }

  peek(): Token {
    return this.tokenAt(this.nextIndex());
  }

  /** The token after the next one, with no newline skipped in between. */
  peekSecond(): Token {
    return this.tokenAt(this.nextIndex() + 1);
  }

  next(): Token {
    const i = this.nextIndex();
    const token = this.tokenAt(i);
    if (token.type !== 'eof') this.pos = i + 1;
    return token;
  }

  /** End of the last consumed token: where a node that ends here ends. */
  previousEnd(): Token['range']['end'] {
    return this.tokenAt(Math.max(0, this.pos - 1)).range.end;
  }

  accept(type: TokenType): Token | undefined {
    return this.peek().type === type ? this.next() : undefined;
  }

  acceptKeyword(word: string): Token | undefined {
    const token = this.peek();
    return token.type === 'ident' && token.text === word ? this.next() : undefined;
  }

  /** Newlines separate items in a body and an object, and are whitespace inside (), [] and ${}. */
  withNewlines<T>(include: boolean, parse: () => T): T {
    this.newlineModes.push(include);
    try {
      return parse();
    } finally {
      this.newlineModes.pop();
    }
  }

  error(code: DiagnosticCode, message: string, range: Range): void {
    // One error per position: recovery in nested constructs would otherwise repeat the same complaint.
    if (this.reported.has(range.start.offset)) return;
    this.reported.add(range.start.offset);
    if (this.diagnostics.length === MAX_DIAGNOSTICS) {
      this.diagnostics.push(makeDiagnostic('too-many-errors', 'too many syntax errors; the rest are not reported', range));
    }
    if (this.diagnostics.length >= MAX_DIAGNOSTICS) return;
    this.diagnostics.push(makeDiagnostic(code, message, range));
  }

  /**
   * Reports a bracket or block left open. At the end of the file only the innermost one is reported:
   * 5,000 unclosed brackets are one mistake as far as the author is concerned.
   */
  unclosed(code: 'unclosed-block' | 'unclosed-bracket', message: string, at: Range): void {
    if (this.peek().type === 'eof') {
      if (this.unclosedAtEnd) return;
      this.unclosedAtEnd = true;
    }
    this.error(code, message, at);
  }

  /** Goes back to re-read tokens as top-level items (see parseBody). */
  rewindToTopLevel(index: number): void {
    this.pos = index;
    this.unwinding = true;
    this.unclosedAtEnd = false;
  }

  /** Enters one nesting level; false when that is too deep (reported once per file). Always pair with leave(). */
  enter(at: Range): boolean {
    this.depth += 1;
    if (this.depth <= this.maxDepth) return true;
    this.reportTooDeep(at);
    return false;
  }

  leave(): void {
    this.depth -= 1;
  }

  reportTooDeep(at: Range): void {
    if (this.tooDeepReported) return;
    this.tooDeepReported = true;
    this.error('too-deep', `nesting is deeper than ${this.maxDepth} levels`, at);
  }

  /** Consumes the next token and, when it opens a bracket or string, everything up to its closer. */
  skipBalanced(): Range {
    const start = this.peek().range.start;
    let depth = 0;
    do {
      const token = this.tokenAt(this.pos);
      if (token.type === 'eof') break;
      if (OPENERS.has(token.type)) depth += 1;
      else if (CLOSERS.has(token.type)) depth -= 1;
      this.pos += 1;
    } while (depth > 0);
    return rangeOf(start, this.previousEnd());
  }

  /**
   * Skips what cannot be parsed, up to (not including) a token of `stop` at this bracket level, a closer
   * of an enclosing bracket, or a line that starts in column 1 with a name (most likely the next top-level
   * block, which must not be swallowed by a bracket left open).
   */
  recover(stop: ReadonlySet<TokenType>): void {
    let depth = 0;
    for (;;) {
      const token = this.tokenAt(this.pos);
      if (token.type === 'eof') return;
      if (depth === 0 && stop.has(token.type)) return;
      if (token.type === 'newline') {
        const following = this.tokenAt(this.pos + 1);
        if (following.type === 'ident' && following.range.start.column === 1) return;
      }
      if (CLOSERS.has(token.type)) {
        if (depth === 0) return;
        depth -= 1;
      } else if (OPENERS.has(token.type)) {
        depth += 1;
      }
      this.pos += 1;
    }
  }
}
