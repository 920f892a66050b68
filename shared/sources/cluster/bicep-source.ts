// A small, bounded reader of `.bicep` source for when the file is not compiled (no Bicep CLI, or a
// registry module the CLI cannot restore offline): the top-level `param` declarations with their
// defaults, and the `module` declarations with the `params` object literal, every key with its line.
// Almost nothing is evaluated: a literal (`null` included) is known, a parameter with a literal default
// is that default, `!x` of a known bool is its negation, and `c ? a : b` whose condition is a known bool
// is the chosen branch, read the same way (the other branch is never read). Anything else (an
// interpolated string, another operator, a function call, a variable, a module output) is unknown with
// the reason. A parameters file (`.bicepparam`, or a parameters JSON given at deployment) overrides a
// default, but none is read here: the default stands in for the value. It never throws and every loop
// advances: a file it cannot understand (a string never closed, brackets that do not pair up) yields nothing.

import type { Resolved, SourceLocation } from '../../documents/cluster/model.js';
import type { ModuleArgument } from './avm.js';
import { describeValue } from './fields.js';

export interface BicepModule {
  readonly symbol: string;
  readonly source: string;
  /** The `module` line. */
  readonly at: SourceLocation;
  /** `= if (…)`: the condition; undefined when the module is always deployed. */
  readonly condition?: ModuleArgument;
  /** Declared as `[for … : { … }]`. */
  readonly loop: boolean;
  /** The `params` object literal; undefined when it is not written as one. */
  readonly params: ReadonlyMap<string, ModuleArgument> | undefined;
  /** Where `params` is, when it is written but not as an object literal. */
  readonly paramsAt?: SourceLocation;
}

export interface BicepSource {
  readonly modules: readonly BicepModule[];
}

/** Larger sources are not read: no hand-written Bicep file comes near it. */
const MAX_TEXT = 4 * 1024 * 1024;
const MAX_DEPTH = 32;
const MAX_STRING_NESTING = 8;
const MAX_VIA = 80;
const EMPTY: BicepSource = { modules: [] };

export function readBicepSource(text: string, file: string): BicepSource {
  if (text.length > MAX_TEXT) return EMPTY;
  try {
    const tokens = tokenize(text);
    // Invalid Bicep (a string never closed, brackets that do not pair up) is not guessed at.
    if (tokens.some((t) => t.malformed) || !balanced(tokens)) return EMPTY;
    const reader = new SourceReader(tokens, text, file);
    return { modules: reader.modules() };
  } catch {
    // A bug here must not stop the scan: the file then reads as nothing, like one not understood.
    return EMPTY;
  }
}

// --- Tokens ---------------------------------------------------------------------------------------

type TokenKind = 'newline' | 'string' | 'number' | 'ident' | 'punct';

interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
  readonly start: number;
  readonly end: number;
  /** A string's value, when it has no interpolation and is well formed. */
  readonly value?: string;
  readonly interpolated?: boolean;
  readonly malformed?: boolean;
}

const TWO_CHAR = new Set(['==', '!=', '<=', '>=', '&&', '||', '??', '=>', '=~', '!~', '.?']);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const push = (kind: TokenKind, start: number, end: number, extra: Partial<Token> = {}, startLine = line, startOfLine = lineStart): void => {
    tokens.push({ kind, text: text.slice(start, end), line: startLine, column: start - startOfLine + 1, start, end, ...extra });
  };
  /** Counts the line breaks of text[from, to) so multi-line tokens keep later lines right. */
  const advanceLines = (from: number, to: number): void => {
    for (let k = from; k < to; k++) {
      if (text[k] === '\n') {
        line += 1;
        lineStart = k + 1;
      }
    }
  };
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === '\n') {
      push('newline', i, i + 1);
      i += 1;
      line += 1;
      lineStart = i;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0' || c === '\ufeff') {
      i += 1;
    } else if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? text.length : close + 2;
      advanceLines(i, end);
      i = end;
    } else if (text.startsWith("'''", i)) {
      // Multi-line string: no escapes, no interpolation.
      const close = text.indexOf("'''", i + 3);
      const end = close < 0 ? text.length : close + 3;
      const [startLine, startOfLine] = [line, lineStart];
      advanceLines(i, end);
      push('string', i, end, close < 0 ? { malformed: true } : { value: text.slice(i + 3, close) }, startLine, startOfLine);
      i = end;
    } else if (c === "'") {
      const scanned = scanString(text, i, 0);
      push('string', i, scanned.end, scanned.malformed ? { malformed: true } : scanned.interpolated ? { interpolated: true } : { value: scanned.value });
      i = Math.max(scanned.end, i + 1);
    } else if (/[0-9]/.test(c)) {
      let end = i + 1;
      while (end < text.length && /[0-9.]/.test(text[end] ?? '')) end += 1;
      push('number', i, end);
      i = end;
    } else if (/[A-Za-z_]/.test(c)) {
      let end = i + 1;
      while (end < text.length && /[A-Za-z0-9_]/.test(text[end] ?? '')) end += 1;
      push('ident', i, end);
      i = end;
    } else {
      const width = TWO_CHAR.has(text.slice(i, i + 2)) ? 2 : 1;
      push('punct', i, i + width);
      i += width;
    }
  }
  return tokens;
}

interface Scanned {
  readonly end: number;
  readonly value: string;
  readonly interpolated: boolean;
  readonly malformed: boolean;
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", $: '$' };

/** A single-quoted string from `start` (its quote): its value, whether it interpolates, where it ends. */
function scanString(text: string, start: number, nesting: number): Scanned {
  let value = '';
  let interpolated = false;
  let j = start + 1;
  while (j < text.length) {
    const ch = text[j] ?? '';
    if (ch === '\\') {
      const next = text[j + 1] ?? '';
      const unicode = next === 'u' ? /^\\u\{([0-9a-fA-F]{1,6})\}/.exec(text.slice(j, j + 10)) : null;
      if (unicode?.[1] !== undefined) {
        value += String.fromCodePoint(Math.min(parseInt(unicode[1], 16), 0x10ffff));
        j += unicode[0].length;
      } else if (ESCAPES[next] !== undefined) {
        value += ESCAPES[next];
        j += 2;
      } else {
        return { end: j + 2, value, interpolated, malformed: true };
      }
    } else if (ch === "'") {
      return { end: j + 1, value, interpolated, malformed: false };
    } else if (ch === '\n') {
      return { end: j, value, interpolated, malformed: true };
    } else if (ch === '$' && text[j + 1] === '{') {
      interpolated = true;
      const after = skipInterpolation(text, j + 2, nesting);
      if (after < 0) return { end: text.indexOf('\n', j) < 0 ? text.length : text.indexOf('\n', j), value, interpolated, malformed: true };
      j = after;
    } else {
      value += ch;
      j += 1;
    }
  }
  return { end: text.length, value, interpolated, malformed: true };
}

/** From just after `${`: the index after its closing `}`, or -1 (a line break, or nested too deeply). */
function skipInterpolation(text: string, from: number, nesting: number): number {
  if (nesting >= MAX_STRING_NESTING) return -1;
  let braces = 1;
  let j = from;
  while (j < text.length) {
    const ch = text[j] ?? '';
    if (ch === '\n') return -1;
    if (ch === "'") {
      const inner = scanString(text, j, nesting + 1);
      if (inner.malformed) return -1;
      j = inner.end;
      continue;
    }
    if (ch === '{') braces += 1;
    else if (ch === '}') {
      braces -= 1;
      if (braces === 0) return j + 1;
    }
    j += 1;
  }
  return -1;
}

// --- Declarations and values ----------------------------------------------------------------------

const OPENERS = new Set(['{', '[', '(']);
const CLOSERS = new Set(['}', ']', ')']);
/** A value goes on past a line break when the next line starts with one of these (`cond\n ? a\n : b`). */
const CONTINUATIONS = new Set(['?', ':', '??', '&&', '||', '.', '.?', '==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '%', '=~', '!~']);

interface Param {
  readonly name: string;
  /** Undefined without a default; otherwise the default as read (known only for a literal). */
  readonly fallback?: ModuleArgument;
}

interface Parsed {
  readonly arg: ModuleArgument;
  readonly next: number;
}

/** Where `c ? a : b` splits. */
interface Ternary {
  readonly question: number;
  readonly colon: number;
}

class SourceReader {
  private readonly lines: readonly string[];
  private params = new Map<string, Param>();
  /** False while reading parameter defaults: a default that names another parameter is not followed. */
  private resolving = false;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly text: string,
    private readonly file: string,
  ) {
    this.lines = text.split('\n');
  }

  modules(): BicepModule[] {
    // Declarations may come in any order: every parameter first, then the modules that use them.
    this.eachStatement((i) => (this.isKeyword(i, 'param') ? this.param(i) : undefined));
    this.resolving = true;
    const modules: BicepModule[] = [];
    this.eachStatement((i) => {
      if (!this.isKeyword(i, 'module')) return undefined;
      const read = this.module(i);
      if (read.module) modules.push(read.module);
      return read.next;
    });
    return modules;
  }

  /** Calls `at` on the first token of each top-level statement; it returns where it stopped, or undefined to skip the statement. */
  private eachStatement(at: (i: number) => number | undefined): void {
    let i = 0;
    while (i < this.tokens.length) {
      const t = this.tokens[i];
      if (t?.kind === 'newline') {
        i += 1;
        continue;
      }
      if (t?.kind === 'punct' && t.text === '@') {
        i = this.skipDecorator(i);
        continue;
      }
      const stopped = at(i);
      const next = this.skipStatement(stopped !== undefined && stopped > i ? stopped : i);
      i = Math.max(next, i + 1);
    }
  }

  private isKeyword(i: number, word: string): boolean {
    const t = this.tokens[i];
    const next = this.tokens[i + 1];
    return t?.kind === 'ident' && t.text === word && next?.kind === 'ident';
  }

  /** `param name type = default`: the default is whatever value follows the first `=` outside brackets. */
  private param(i: number): number {
    const name = this.tokens[i + 1]?.text ?? '';
    let j = i + 2;
    let depth = 0;
    for (; j < this.tokens.length; j++) {
      const t = this.tokens[j];
      if (t === undefined || (t.kind === 'newline' && depth === 0)) break;
      if (t.kind === 'punct' && OPENERS.has(t.text)) depth += 1;
      else if (t.kind === 'punct' && CLOSERS.has(t.text)) depth = Math.max(0, depth - 1);
      else if (t.kind === 'punct' && t.text === '=' && depth === 0) {
        const parsed = this.value(j + 1, this.lineAt(j + 1), 0);
        this.params.set(name, { name, fallback: parsed.arg });
        return parsed.next;
      }
    }
    this.params.set(name, { name });
    return j;
  }

  /** `module sym 'source' = [if (cond)] { … }` or `= [for … : [if (cond)] { … }]`. */
  private module(i: number): { module?: BicepModule; next: number } {
    const symbol = this.tokens[i + 1]?.text ?? '';
    const source = this.tokens[i + 2];
    if (source?.kind !== 'string' || source.value === undefined || !this.isPunct(i + 3, '=')) return { next: i + 1 };
    const at = this.lineAt(i);
    let j = i + 4;
    let loop = false;
    if (this.isPunct(j, '[') && this.tokens[this.skipNewlines(j + 1)]?.text === 'for') {
      loop = true;
      j = this.afterForHeader(this.skipNewlines(j + 1));
      if (j < 0) return { next: i + 1 };
    }
    let condition: ModuleArgument | undefined;
    if (this.tokens[j]?.kind === 'ident' && this.tokens[j]?.text === 'if' && this.isPunct(j + 1, '(')) {
      const parsed = this.parenthesized(j + 1, this.lineAt(j), 0);
      condition = parsed.arg;
      j = this.skipNewlines(parsed.next);
    }
    if (!this.isPunct(j, '{')) return { next: j };
    const body = this.value(j, at, 0);
    // A body that does not read as an object literal (never closed, garbled) makes nothing of the module.
    if (!body.arg.members) return { next: body.next };
    const params = body.arg.members && getMember(body.arg.members, 'params');
    const module: BicepModule = {
      symbol,
      source: source.value,
      at,
      loop,
      params: params?.members,
      ...(condition ? { condition } : {}),
      ...(params && !params.members ? { paramsAt: params.at } : {}),
    };
    return { module, next: body.next };
  }

  /** From `for`: the index after the `:` that ends `for x in collection:` (outside brackets), or -1. */
  private afterForHeader(i: number): number {
    let depth = 0;
    for (let j = i; j < this.tokens.length; j++) {
      const t = this.tokens[j];
      if (t?.kind !== 'punct') continue;
      if (OPENERS.has(t.text)) depth += 1;
      else if (CLOSERS.has(t.text)) {
        if (depth === 0) return -1;
        depth -= 1;
      } else if (t.text === ':' && depth === 0) return this.skipNewlines(j + 1);
    }
    return -1;
  }

  /** A value at `i`, `at` being where its key is. Stops at the end of the value (a line break, `,` or a closer). */
  private value(i: number, at: SourceLocation, depth: number): Parsed {
    const t = this.tokens[i];
    if (t === undefined || this.endsAt(i)) return { arg: { at, value: unknownValue('no value is written') }, next: i };
    if (depth >= MAX_DEPTH) return this.expression(i, at, 'it is nested too deeply to be read');
    if (t.kind === 'punct' && t.text === '{') return this.collection(i, at, depth, 'object');
    if (t.kind === 'punct' && t.text === '[' && this.tokens[this.skipNewlines(i + 1)]?.text !== 'for') return this.collection(i, at, depth, 'array');
    if (t.kind === 'punct' && t.text === '(') {
      const inner = this.parenthesized(i, at, depth);
      return this.endsAt(inner.next) ? inner : this.operation(i, at, depth);
    }
    const simple = this.simple(i, at);
    if (simple && this.endsAt(simple.next)) return simple;
    return this.operation(i, at, depth);
  }

  /** `( value )` from its `(`: the value inside when it is one, else the whole as an expression; next is after the `)`. */
  private parenthesized(i: number, at: SourceLocation, depth: number): Parsed {
    const close = this.closing(i);
    if (close < 0) return { arg: { at, value: unknownValue('"(" is never closed') }, next: this.tokens.length };
    const inner = this.value(this.skipNewlines(i + 1), at, depth + 1);
    if (this.skipNewlines(inner.next) === close) return { arg: inner.arg, next: close + 1 };
    return { arg: { at, value: unknownValue(`the expression ${quote(this.slice(i + 1, close))} is not evaluated without compiling`) }, next: close + 1 };
  }

  /** A literal, or a name standing alone; undefined for anything else. */
  private simple(i: number, at: SourceLocation): Parsed | undefined {
    const t = this.tokens[i];
    if (t === undefined) return undefined;
    if (t.kind === 'string') {
      if (t.malformed) return { arg: { at, value: unknownValue('a string that cannot be read') }, next: i + 1 };
      if (t.interpolated) return { arg: { at, value: unknownValue(`the interpolated string ${quote(t.text)} is not evaluated`) }, next: i + 1 };
      return { arg: { at, value: { known: true, value: t.value ?? '' } }, next: i + 1 };
    }
    if (t.kind === 'number' && /^\d+$/.test(t.text)) return { arg: { at, value: { known: true, value: Number(t.text) } }, next: i + 1 };
    const after = this.tokens[i + 1];
    if (t.kind === 'punct' && t.text === '-' && after?.kind === 'number' && /^\d+$/.test(after.text)) return { arg: { at, value: { known: true, value: -Number(after.text) } }, next: i + 2 };
    if (t.kind !== 'ident') return undefined;
    if (t.text === 'true' || t.text === 'false') return { arg: { at, value: { known: true, value: t.text === 'true' } }, next: i + 1 };
    if (t.text === 'null') return { arg: { at, value: { known: true, value: null } }, next: i + 1 };
    return { arg: this.reference(t.text, at), next: i + 1 };
  }

  /**
   * A name standing alone: a parameter's default, or unknown. A value given to the parameter by a
   * `.bicepparam` file (or a parameters JSON, or the caller of this file as a module) takes precedence
   * over the default; none is read here, so the default is taken.
   */
  private reference(name: string, at: SourceLocation): ModuleArgument {
    const param = this.resolving ? this.params.get(name) : undefined;
    const via = `parameter "${name}"`;
    if (param === undefined) {
      const what = this.resolving ? `"${name}" is not a parameter (variables, resources and module outputs are not evaluated without compiling)` : `the default names "${name}", which is not followed`;
      return { at, value: unknownValue(what) };
    }
    if (param.fallback === undefined) return { at, value: unknownValue(`parameter "${name}" has no default value (it is given at deployment)`), via };
    const fallback = param.fallback.value;
    return { at, value: fallback.known ? fallback : unknownValue(`the default of parameter "${name}": ${fallback.reason}`), via: `default of ${via}` };
  }

  /** An object or array literal that is the whole value; `{ … }.name` or `[ … ][0]` is an expression. */
  private collection(i: number, at: SourceLocation, depth: number, kind: 'object' | 'array'): Parsed {
    const literal = this.literal(i, at, depth, kind);
    return this.endsAt(literal.next) ? literal : this.expression(i, at);
  }

  /** An object `{ key: value … }` or an array `[ value … ]` from its opener, members separated by line breaks or commas; next is after its closer. */
  private literal(i: number, at: SourceLocation, depth: number, kind: 'object' | 'array'): Parsed {
    const close = kind === 'object' ? '}' : ']';
    const members = new Map<string, ModuleArgument>();
    const items: ModuleArgument[] = [];
    let unreadable: string | undefined;
    let j = i + 1;
    for (;;) {
      while (this.tokens[j]?.kind === 'newline' || this.isPunct(j, ',')) j += 1;
      const t = this.tokens[j];
      if (t === undefined) return { arg: { at, value: unknownValue(`"${kind === 'object' ? '{' : '['}" is never closed`) }, next: j };
      if (this.isPunct(j, close)) {
        j += 1;
        break;
      }
      if (t.kind === 'punct' && CLOSERS.has(t.text)) return { arg: { at, value: unknownValue(`"${t.text}" does not close "${kind === 'object' ? '{' : '['}"`) }, next: j };
      const start = j;
      if (kind === 'array') {
        const item = this.value(j, this.lineAt(j), depth + 1);
        items.push(item.arg);
        j = item.next;
      } else if ((t.kind === 'ident' || (t.kind === 'string' && t.value !== undefined)) && this.isPunct(j + 1, ':')) {
        const member = this.value(this.skipNewlines(j + 2), this.lineAt(j), depth + 1);
        members.set(t.kind === 'string' ? (t.value ?? '') : t.text, member.arg);
        j = member.next;
      } else {
        // A spread (`...x`) or something not understood: the object as a whole is not known.
        unreadable ??= `${quote(this.slice(j, this.expressionEnd(j)))} is not read`;
        j = this.expressionEnd(j);
      }
      if (j <= start) j = start + 1;
    }
    const arg: ModuleArgument =
      kind === 'object'
        ? { at, value: unreadable !== undefined ? unknownValue(unreadable) : wholeObject(members), members }
        : { at, value: wholeArray(items), items };
    return { arg, next: j };
  }

  /** A value that is not a lone literal or name, from `i` to where it ends: evaluated when it is one of the few forms read. */
  private operation(i: number, at: SourceLocation, depth: number): Parsed {
    const end = this.expressionEnd(i);
    return { arg: this.evaluate(i, end, at, depth), next: Math.max(end, i + 1) };
  }

  /**
   * The value of the tokens [from, to): a literal, a parameter, `!x`, `c ? a : b`, or one of these in
   * parentheses. Each step reads a strictly shorter range, at most MAX_DEPTH deep.
   */
  private evaluate(from: number, to: number, at: SourceLocation, depth: number): ModuleArgument {
    const [start, end] = this.trim(from, to);
    if (start >= end) return { at, value: unknownValue('no value is written') };
    if (depth >= MAX_DEPTH) return { at, value: unknownValue(`the expression ${quote(this.slice(start, end))} is nested too deeply to be read`) };
    const ternary = this.ternary(start, end);
    if (ternary) return this.conditional(start, ternary, end, at, depth);
    if (this.isPunct(start, '!') && this.isOneValue(start + 1, end)) return this.negation(start, end, at, depth);
    if (this.isPunct(start, '(') && this.closing(start) === end - 1) return this.evaluate(start + 1, end - 1, at, depth + 1);
    const kind = this.isPunct(start, '{') ? 'object' : this.isPunct(start, '[') && this.tokens[this.skipNewlines(start + 1)]?.text !== 'for' ? 'array' : undefined;
    if (kind) {
      const literal = this.literal(start, at, depth, kind);
      if (literal.next === end && (literal.arg.members ?? literal.arg.items)) return literal.arg;
    }
    const simple = kind ? undefined : this.simple(start, at);
    if (simple?.next === end) return simple.arg;
    return { at, value: unknownValue(`the expression ${quote(this.slice(start, end))} is not evaluated without compiling`) };
  }

  /** `c ? a : b`: only the branch the condition chooses is read; an unknown condition leaves the whole unknown. */
  private conditional(start: number, split: Ternary, end: number, at: SourceLocation, depth: number): ModuleArgument {
    const condition = this.evaluate(start, split.question, at, depth + 1);
    const whole = quote(this.slice(start, end));
    if (!condition.value.known) return { at, value: unknownValue(`the condition of ${whole}: ${condition.value.reason}`) };
    const chosen = condition.value.value;
    if (typeof chosen !== 'boolean') return { at, value: unknownValue(`the condition of ${whole} is ${describeValue(chosen)}, not true or false`) };
    const branch = chosen ? this.evaluate(split.question + 1, split.colon, at, depth + 1) : this.evaluate(split.colon + 1, end, at, depth + 1);
    const how = `as ${quote(this.slice(start, split.question))} is ${String(chosen)}${condition.via !== undefined ? ` (${condition.via})` : ''}`;
    return { ...branch, via: branch.via !== undefined ? `${branch.via}, ${how}` : how };
  }

  /** `!x` of a bool. */
  private negation(start: number, end: number, at: SourceLocation, depth: number): ModuleArgument {
    const operand = this.evaluate(start + 1, end, at, depth + 1);
    if (!operand.value.known) return operand;
    const value = operand.value.value;
    if (typeof value !== 'boolean') return { at, value: unknownValue(`${quote(this.slice(start, end))} negates ${describeValue(value)}, not true or false`) };
    return { at, value: { known: true, value: !value }, via: `not ${operand.via ?? quote(this.slice(start + 1, end))}` };
  }

  /** Whether [from, to) is one operand of `!`: more `!`, then one name or literal, or one parenthesized group (`!a == b` is not). */
  private isOneValue(from: number, to: number): boolean {
    let k = from;
    while (k < to && this.isPunct(k, '!')) k += 1;
    if (this.isPunct(k, '(')) return this.closing(k) === to - 1;
    const t = this.tokens[k];
    return k + 1 === to && (t?.kind === 'ident' || t?.kind === 'string' || t?.kind === 'number');
  }

  /** The top-level `?` of [from, to) and the `:` that pairs with it (nested conditionals counted), or undefined. */
  private ternary(from: number, to: number): Ternary | undefined {
    let depth = 0;
    let question = -1;
    let open = 0;
    for (let j = from; j < to; j++) {
      const t = this.tokens[j];
      if (t?.kind !== 'punct') continue;
      if (OPENERS.has(t.text)) depth += 1;
      else if (CLOSERS.has(t.text)) depth -= 1;
      else if (depth === 0 && t.text === '?') {
        if (question < 0) question = j;
        open += 1;
      } else if (depth === 0 && t.text === ':' && question >= 0) {
        open -= 1;
        if (open === 0) return { question, colon: j };
      }
    }
    return undefined;
  }

  /** [from, to) without the line breaks at either end. */
  private trim(from: number, to: number): [number, number] {
    let start = from;
    let end = to;
    while (start < end && this.tokens[start]?.kind === 'newline') start += 1;
    while (end > start && this.tokens[end - 1]?.kind === 'newline') end -= 1;
    return [start, end];
  }

  /** The index of the bracket that closes the one at `i`, or -1. */
  private closing(i: number): number {
    let open = 0;
    for (let j = i; j < this.tokens.length; j++) {
      const t = this.tokens[j];
      if (t?.kind === 'punct' && OPENERS.has(t.text)) open += 1;
      else if (t?.kind === 'punct' && CLOSERS.has(t.text)) {
        open -= 1;
        if (open === 0) return j;
      }
    }
    return -1;
  }

  /** Anything that is not a literal: unknown, said with its text. */
  private expression(i: number, at: SourceLocation, reason?: string): Parsed {
    const end = this.expressionEnd(i);
    const text = this.slice(i, end);
    return { arg: { at, value: unknownValue(reason ?? `the expression ${quote(text)} is not evaluated without compiling`) }, next: Math.max(end, i + 1) };
  }

  /** Where a value starting at `i` ends: at a line break (unless the next line continues it), `,` or a closer outside its brackets. */
  private expressionEnd(i: number): number {
    let depth = 0;
    let j = i;
    while (j < this.tokens.length) {
      const t = this.tokens[j];
      if (t === undefined) break;
      if (t.kind === 'punct' && OPENERS.has(t.text)) depth += 1;
      else if (t.kind === 'punct' && CLOSERS.has(t.text)) {
        if (depth === 0) break;
        depth -= 1;
      } else if (depth === 0 && t.kind === 'punct' && t.text === ',') break;
      else if (depth === 0 && t.kind === 'newline') {
        const next = this.skipNewlines(j);
        const n = this.tokens[next];
        if (n?.kind === 'punct' && CONTINUATIONS.has(n.text)) {
          j = next;
          continue;
        }
        break;
      }
      j += 1;
    }
    return j;
  }

  /** Whether the value has ended at `i`: nothing, `,`, a closer, or a line break the next line does not continue. */
  private endsAt(i: number): boolean {
    const t = this.tokens[i];
    if (t === undefined) return true;
    if (t.kind === 'punct') return t.text === ',' || CLOSERS.has(t.text);
    if (t.kind !== 'newline') return false;
    const n = this.tokens[this.skipNewlines(i)];
    return !(n?.kind === 'punct' && CONTINUATIONS.has(n.text));
  }

  private skipStatement(i: number): number {
    let depth = 0;
    let j = i;
    while (j < this.tokens.length) {
      const t = this.tokens[j];
      if (t?.kind === 'newline' && depth === 0) return j + 1;
      if (t?.kind === 'punct' && OPENERS.has(t.text)) depth += 1;
      else if (t?.kind === 'punct' && CLOSERS.has(t.text)) depth = Math.max(0, depth - 1);
      j += 1;
    }
    return j;
  }

  /** `@name` or `@name(…)`, possibly `@sys.name(…)`. */
  private skipDecorator(i: number): number {
    let j = i + 1;
    while (this.tokens[j]?.kind === 'ident' || this.isPunct(j, '.')) j += 1;
    if (!this.isPunct(j, '(')) return j;
    let depth = 0;
    for (; j < this.tokens.length; j++) {
      const t = this.tokens[j];
      if (t?.kind === 'punct' && OPENERS.has(t.text)) depth += 1;
      else if (t?.kind === 'punct' && CLOSERS.has(t.text)) {
        depth -= 1;
        if (depth <= 0) return j + 1;
      }
    }
    return j;
  }

  private skipNewlines(i: number): number {
    let j = i;
    while (this.tokens[j]?.kind === 'newline') j += 1;
    return j;
  }

  private isPunct(i: number, text: string): boolean {
    const t = this.tokens[i];
    return t?.kind === 'punct' && t.text === text;
  }

  private slice(from: number, to: number): string {
    const first = this.tokens[from];
    const last = this.tokens[Math.max(from, to - 1)];
    return first && last ? this.text.slice(first.start, last.end).replace(/\s+/g, ' ').trim() : '';
  }

  /** The location of the token's line: from the token to the end of its line. */
  private lineAt(i: number): SourceLocation {
    const t = this.tokens[i] ?? this.tokens[this.tokens.length - 1];
    const line = t?.line ?? 1;
    const column = t?.column ?? 1;
    const text = (this.lines[line - 1] ?? '').replace(/\r$/, '');
    return { file: this.file, region: { startLine: line, startColumn: column, endLine: line, endColumn: Math.max(column + 1, text.length + 1) } };
  }
}

const PAIRS: Readonly<Record<string, string>> = { '}': '{', ']': '[', ')': '(' };

function balanced(tokens: readonly Token[]): boolean {
  const open: string[] = [];
  for (const t of tokens) {
    if (t.kind !== 'punct') continue;
    if (OPENERS.has(t.text)) open.push(t.text);
    else if (CLOSERS.has(t.text) && open.pop() !== PAIRS[t.text]) return false;
  }
  return open.length === 0;
}

function getMember(members: ReadonlyMap<string, ModuleArgument>, key: string): ModuleArgument | undefined {
  for (const [k, v] of members) if (k.toLowerCase() === key) return v;
  return undefined;
}

function wholeObject(members: ReadonlyMap<string, ModuleArgument>): Resolved<unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, member] of members) {
    if (!member.value.known) return member.value;
    out[key] = member.value.value;
  }
  return { known: true, value: out };
}

function wholeArray(items: readonly ModuleArgument[]): Resolved<unknown> {
  const out: unknown[] = [];
  for (const item of items) {
    if (!item.value.known) return item.value;
    out.push(item.value.value);
  }
  return { known: true, value: out };
}

function unknownValue(reason: string): Resolved<never> {
  return { known: false, reason };
}

function quote(text: string): string {
  return `"${text.length > MAX_VIA ? `${text.slice(0, MAX_VIA - 1)}…` : text}"`;
}
