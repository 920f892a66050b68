// Markdown escaping for text that comes from scanned files. The summary is rendered by GitHub (step
// summary, PR comment) and Azure DevOps (build summary tab): a manifest must not be able to break a
// table (`|`), inject HTML (`<img src=…>`), an image or link (`![](https://tracker)`), code spans or
// math, nor smuggle a runner command into a log that prints the file.

import { safeLine, truncate } from './sanitize.js';

// Backslash escapes work for every ASCII punctuation character in CommonMark/GFM; `<`, `>` and `&`
// become entities because raw HTML is parsed before escapes would apply in some renderers.
const ENTITY: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/** One-line, command-safe, Markdown-inert text for a paragraph or a table cell. */
export function md(text: string, max = 500): string {
  return truncate(safeLine(text), max).replace(/[\\`*_[\]|$~!#]|[<>&]/g, (c) => ENTITY[c] ?? `\\${c}`);
}

/** A table row from already-escaped cells. */
export function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** A table header with its alignment line; `right` columns hold numbers. */
export function header(cells: readonly string[], right: readonly number[] = []): string {
  return `${row(cells)}\n${row(cells.map((_, i) => (right.includes(i) ? '---:' : '---')))}`;
}

/** Wraps a block in a collapsed <details> with an escaped summary. */
export function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}
