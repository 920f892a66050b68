// Tokenizer and parser for the ARM template expression language: the text between the outer `[` and `]`
// of a template string (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-expressions).
// The grammar is small: function calls, single-quoted strings with '' as the escaped quote, integers, and
// postfix property access (`.name`) or indexing (`[expr]`). The parser is recursive descent with an
// explicit depth check, so hostile nesting fails with a message instead of overflowing the stack.

export type ExpressionNode =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly ExpressionNode[] }
  | { readonly kind: 'member'; readonly target: ExpressionNode; readonly name: string }
  | { readonly kind: 'index'; readonly target: ExpressionNode; readonly index: ExpressionNode };

export type ParseResult = { readonly ok: true; readonly node: ExpressionNode } | { readonly ok: false; readonly error: string };

const IDENTIFIER_START = /[A-Za-z_$]/;
const IDENTIFIER_PART = /[A-Za-z0-9_$]/;
const DIGIT = /[0-9]/;
const WHITESPACE = /\s/;

/** Thrown inside the parser only; parseExpression turns it into a result. */
class ParseFailure extends Error {}

/**
 * Parses the body of an expression (without the outer brackets). `maxDepth` bounds the nesting of calls,
 * property accesses and indexes together: each is one level, as each is one level of evaluation.
 */
export function parseExpression(body: string, maxDepth: number): ParseResult {
  const parser = new Parser(body, maxDepth);
  try {
    const node = parser.expression(1);
    parser.skipWhitespace();
    if (!parser.atEnd()) parser.fail('unexpected text after the expression');
    return { ok: true, node };
  } catch (error) {
    if (error instanceof ParseFailure) return { ok: false, error: error.message };
    throw error;
  }
}

class Parser {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  fail(message: string): never {
    throw new ParseFailure(`${message} at position ${this.pos + 1}`);
  }

  skipWhitespace(): void {
    while (!this.atEnd() && WHITESPACE.test(this.peek())) this.pos++;
  }

  /** A primary value followed by any number of `.name` and `[expr]`; each adds one level of depth. */
  expression(depth: number): ExpressionNode {
    this.checkDepth(depth);
    let node = this.primary(depth);
    let level = depth;
    for (;;) {
      this.skipWhitespace();
      const c = this.peek();
      if (c === '.') {
        this.checkDepth(++level);
        this.pos++;
        this.skipWhitespace();
        node = { kind: 'member', target: node, name: this.identifier('a property name') };
      } else if (c === '[') {
        this.checkDepth(++level);
        this.pos++;
        const index = this.expression(level + 1);
        this.expect(']');
        node = { kind: 'index', target: node, index };
      } else {
        return node;
      }
    }
  }

  private primary(depth: number): ExpressionNode {
    this.skipWhitespace();
    const c = this.peek();
    if (c === "'") return { kind: 'string', value: this.string() };
    if (c === '-' || DIGIT.test(c)) return { kind: 'number', value: this.number() };
    if (IDENTIFIER_START.test(c)) return this.call(depth);
    if (this.atEnd()) this.fail('unexpected end of expression');
    return this.fail(`unexpected "${c}"`);
  }

  /** `name(args)`; user-defined functions are called as `namespace.name(args)`. */
  private call(depth: number): ExpressionNode {
    let name = this.identifier('a function name');
    this.skipWhitespace();
    if (this.peek() === '.') {
      this.pos++;
      name = `${name}.${this.identifier('a function name')}`;
      this.skipWhitespace();
    }
    this.expect('(');
    const args: ExpressionNode[] = [];
    this.skipWhitespace();
    if (this.peek() === ')') {
      this.pos++;
      return { kind: 'call', name, args };
    }
    for (;;) {
      args.push(this.expression(depth + 1));
      this.skipWhitespace();
      if (this.peek() === ',') {
        this.pos++;
        continue;
      }
      this.expect(')');
      return { kind: 'call', name, args };
    }
  }

  /** Single-quoted; a doubled quote inside is one literal quote. */
  private string(): string {
    this.pos++;
    let value = '';
    for (;;) {
      const end = this.text.indexOf("'", this.pos);
      if (end < 0) this.fail('unterminated string');
      value += this.text.slice(this.pos, end);
      this.pos = end + 1;
      if (this.peek() !== "'") return value;
      value += "'";
      this.pos++;
    }
  }

  private number(): number {
    const start = this.pos;
    if (this.peek() === '-') this.pos++;
    if (!DIGIT.test(this.peek())) this.fail('expected a digit');
    while (DIGIT.test(this.peek())) this.pos++;
    const value = Number(this.text.slice(start, this.pos));
    // ARM integers are 64-bit; beyond 2^53 a JavaScript number would silently round.
    if (!Number.isSafeInteger(value)) this.fail('integer out of range');
    return value;
  }

  private identifier(what: string): string {
    const start = this.pos;
    if (!IDENTIFIER_START.test(this.peek())) this.fail(`expected ${what}`);
    while (IDENTIFIER_PART.test(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  private expect(char: string): void {
    this.skipWhitespace();
    if (this.peek() !== char) this.fail(this.atEnd() ? `expected "${char}" before the end` : `expected "${char}"`);
    this.pos++;
  }

  private checkDepth(depth: number): void {
    if (depth > this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth} levels`);
  }

  /** The current character, or '' at the end (which matches no class above). */
  private peek(): string {
    return this.text.charAt(this.pos);
  }
}
