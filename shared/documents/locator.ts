// Maps a path inside a parsed YAML/JSON document back to the line and column it was written at.
// Nothing is located until a rule reports something, so a clean scan pays nothing for positions.

import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/** 1-based, end column exclusive, as SARIF regions are. */
export interface Region {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export type Path = readonly (string | number)[];

export interface Located {
  readonly region: Region;
  /** The part of the path that exists in the document; shorter than asked when a key is missing. */
  readonly found: Path;
}

export class Locator {
  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
    private readonly text: string,
  ) {}

  /**
   * The region of the key at the end of `path` (with its value when that is a scalar), or of the deepest
   * node that exists on the way there: the object itself when the key is missing.
   */
  locate(path: Path): Located {
    let node: unknown = this.doc.contents;
    let start = this.startOf(node);
    let end: number | undefined;
    const found: (string | number)[] = [];
    for (const segment of path) {
      node = this.deref(node);
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        if (pair === undefined || !isScalar(pair.key) || pair.key.range == null) break;
        start = pair.key.range[0];
        const value = this.deref(pair.value);
        end = isScalar(value) && value.range ? value.range[1] : pair.key.range[1];
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item: unknown = node.items[segment];
        if (item === undefined || item === null) break;
        start = this.startOf(item);
        const value = this.deref(item);
        end = isScalar(value) && value.range ? value.range[1] : undefined;
        node = item;
      } else {
        break;
      }
      found.push(segment);
    }
    return { region: this.region(start, end), found };
  }

  private deref(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.doc) : node;
  }

  private startOf(node: unknown): number {
    const range = (node as Node | null | undefined)?.range;
    return range ? range[0] : 0;
  }

  /** A region from `start` to `end`, or to the end of the start's line when the end is unknown or on a later line. */
  private region(start: number, end: number | undefined): Region {
    const from = this.lines.linePos(start);
    const lineEnd = this.endOfLine(start);
    const to = end !== undefined && end <= lineEnd ? end : lineEnd;
    const toPos = this.lines.linePos(to);
    return { startLine: from.line, startColumn: from.col, endLine: toPos.line, endColumn: Math.max(toPos.col, from.col + 1) };
  }

  private endOfLine(offset: number): number {
    const newline = this.text.indexOf('\n', offset);
    let end = newline === -1 ? this.text.length : newline;
    if (end > offset && this.text.charCodeAt(end - 1) === 13) end -= 1;
    return end;
  }
}

/** A region for a line and column reported by a parser, covering the rest of that line. */
export function regionAt(line: number, column: number): Region {
  return { startLine: line, startColumn: column, endLine: line, endColumn: column + 1 };
}
