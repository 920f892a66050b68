// JSON with positions, fast enough for the 45,000-line compiled ARM templates people commit: the
// values come from the native JSON.parse, and one tokenizing pass records where every object key and
// array item starts, so a finding can point at the exact property line.

import type { Path, Region } from './locator.js';

export type JsonParse =
  | { readonly ok: true; readonly value: unknown; readonly positions: JsonPositions }
  | { readonly ok: false; readonly message: string; readonly line: number; readonly column: number };

export class JsonPositions {
  constructor(
    private readonly text: string,
    /** JSON pointer (`/resources/0/properties`) → offset of the key (for members) or of the value (for items and the root). */
    private readonly offsets: ReadonlyMap<string, number>,
    private readonly lineStarts: readonly number[],
  ) {}

  /** Region of the member at `path`, or of the deepest existing parent when it is missing. */
  locate(path: Path): { readonly region: Region; readonly found: Path } {
    for (let length = path.length; length >= 0; length -= 1) {
      const prefix = path.slice(0, length);
      const offset = this.offsets.get(pointerOf(prefix));
      if (offset !== undefined) return { region: this.regionAt(offset), found: prefix };
    }
    return { region: this.regionAt(0), found: [] };
  }

  /** True when the member at `path` is written in the file. */
  has(path: Path): boolean {
    return this.offsets.has(pointerOf(path));
  }

  private regionAt(offset: number): Region {
    const line = this.lineOf(offset);
    const start = this.lineStarts[line - 1] ?? 0;
    let end = this.text.indexOf('\n', offset);
    if (end === -1) end = this.text.length;
    if (this.text.charCodeAt(end - 1) === 13) end -= 1;
    const trimmed = this.text.slice(offset, end).replace(/[\s,]+$/, '');
    return { startLine: line, startColumn: offset - start + 1, endLine: line, endColumn: offset - start + 1 + Math.max(1, trimmed.length) };
  }

  private lineOf(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }
}

export function pointerOf(path: Path): string {
  return path.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function parseJsonWithPositions(source: string): JsonParse {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Node 20 quotes the source in its message instead of giving an offset (and that text must not be
    // echoed), so the offset is found again by a small validating scan.
    const offset = firstInvalidOffset(text);
    const line = lineOfOffset(lineStarts, offset);
    return { ok: false, message: 'invalid JSON', line, column: offset - (lineStarts[line - 1] ?? 0) + 1 };
  }
  return { ok: true, value, positions: new JsonPositions(text, indexOffsets(text), lineStarts) };
}

/** The offset of the first character that makes `text` invalid JSON (iterative; bounded by the text). */
export function firstInvalidOffset(text: string): number {
  let i = 0;
  const skip = (): void => {
    while (i < text.length && isSpace(text.charCodeAt(i))) i += 1;
  };
  // Each entry: what the container expects next.
  const stack: ('object-key' | 'object-colon' | 'object-value' | 'object-next' | 'array-value' | 'array-next')[] = [];
  let expectValue = true;
  for (;;) {
    skip();
    if (i >= text.length) return text.length;
    const c = text[i];
    const top = stack[stack.length - 1];
    if (top === 'object-key') {
      if (c === '}') { stack.pop(); i += 1; expectValue = false; continue; }
      if (c !== '"') return i;
      const end = scanString(text, i);
      if (end < 0) return i;
      i = end;
      stack[stack.length - 1] = 'object-colon';
      continue;
    }
    if (top === 'object-colon') {
      if (c !== ':') return i;
      i += 1;
      stack[stack.length - 1] = 'object-value';
      expectValue = true;
      continue;
    }
    if (!expectValue) {
      if (top === undefined) return i; // trailing garbage
      if (c === ',') { i += 1; stack[stack.length - 1] = top === 'object-next' ? 'object-key' : 'array-value'; expectValue = top !== 'object-next'; if (top === 'object-next') { skip(); if (text[i] === '}') return i; } continue; }
      if ((c === '}' && top === 'object-next') || (c === ']' && top === 'array-next')) { stack.pop(); i += 1; continue; }
      return i;
    }
    // A value is expected.
    if (top === 'object-value') stack[stack.length - 1] = 'object-next';
    else if (top === 'array-value') stack[stack.length - 1] = 'array-next';
    if (c === '{') { stack.push('object-key'); i += 1; continue; }
    if (c === '[') {
      i += 1;
      skip();
      if (text[i] === ']') { i += 1; expectValue = false; continue; }
      stack.push('array-value');
      continue;
    }
    if (c === '"') {
      const end = scanString(text, i);
      if (end < 0) return i;
      i = end;
    } else {
      const literal = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
      if (!literal) return i;
      i += literal[0].length;
    }
    expectValue = false;
  }
}

function scanString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i += 2;
    else if (c === 0x22) return i + 1;
    else if (c < 0x20) return -1;
    else i += 1;
  }
  return -1;
}

function lineOfOffset(lineStarts: readonly number[], offset: number): number {
  let line = 1;
  while (line < lineStarts.length && (lineStarts[line] ?? Infinity) <= offset) line += 1;
  return line;
}

/** One pass over valid JSON: records the offset of every member key and array item by pointer. */
function indexOffsets(text: string): Map<string, number> {
  const offsets = new Map<string, number>();
  // Each frame: the pointer of the container, whether it is an array, the next item index, the pending member name.
  const stack: { pointer: string; array: boolean; index: number }[] = [];
  let pendingKey: { pointer: string; offset: number } | undefined;
  let i = 0;
  const valueStart = (offset: number): string => {
    const top = stack[stack.length - 1];
    if (top === undefined) {
      offsets.set('', offset);
      return '';
    }
    if (top.array) {
      const pointer = `${top.pointer}/${top.index}`;
      top.index += 1;
      offsets.set(pointer, offset);
      return pointer;
    }
    const key = pendingKey;
    pendingKey = undefined;
    if (key === undefined) return top.pointer;
    offsets.set(key.pointer, key.offset);
    return key.pointer;
  };
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      stack.push({ pointer: valueStart(i), array: c === 0x5b, index: 0 });
      i += 1;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
      i += 1;
    } else if (c === 0x22 /* " */) {
      const end = stringEnd(text, i);
      const top = stack[stack.length - 1];
      let j = end;
      while (j < text.length && isSpace(text.charCodeAt(j))) j += 1;
      if (top !== undefined && !top.array && text.charCodeAt(j) === 0x3a /* : */ && pendingKey === undefined) {
        const name = JSON.parse(text.slice(i, end)) as string;
        pendingKey = { pointer: `${top.pointer}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`, offset: i };
        i = j + 1;
      } else {
        valueStart(i);
        i = end;
      }
    } else if (isSpace(c) || c === 0x2c /* , */ || c === 0x3a /* : */) {
      i += 1;
    } else {
      // A number, true, false or null.
      valueStart(i);
      while (i < text.length && !isDelimiter(text.charCodeAt(i))) i += 1;
    }
  }
  return offsets;
}

function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i += 2;
    else if (c === 0x22) return i + 1;
    else i += 1;
  }
  return text.length;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function isDelimiter(c: number): boolean {
  return isSpace(c) || c === 0x2c || c === 0x7d || c === 0x5d;
}
