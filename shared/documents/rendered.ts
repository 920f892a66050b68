// Rendered Helm (and Kustomize) output points back into the repository: a finding in the rendered
// stream is placed in the template file named by `# Source:`. Rendering moves lines, so the line
// is found again by key: the n-th `key:` in the template for the n-th occurrence in the rendered
// document. Such locations are marked approximate.

import type { Locator, Located, Path } from './locator.js';

export interface TemplateSource {
  /** Repo-relative path of the template or base file. */
  readonly file: string;
  /** Its text, when it could be read; without it findings sit on line 1. */
  readonly text: string | undefined;
}

export function mapIntoTemplate(source: TemplateSource, rendered: Locator, path: Path): Located {
  const at = rendered.locate(path);
  const key = [...at.found].reverse().find((segment): segment is string => typeof segment === 'string');
  const whole = { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 };
  if (source.text === undefined || key === undefined) return { region: whole, found: at.found };
  const lines = source.text.split(/\r?\n/);
  const pattern = new RegExp(`^(\\s*(?:-\\s+)?)${escapeRegExp(key)}\\s*:`);
  const matches: number[] = [];
  lines.forEach((line, i) => {
    if (pattern.test(line)) matches.push(i);
  });
  const index = matches[Math.min(occurrence(at.found), matches.length - 1)];
  if (index === undefined) return { region: whole, found: at.found };
  const line = lines[index] ?? '';
  const column = (pattern.exec(line)?.[1]?.length ?? 0) + 1;
  return { region: { startLine: index + 1, startColumn: column, endLine: index + 1, endColumn: line.length + 1 }, found: at.found };
}

/**
 * Which occurrence of the key to take: the sum of the list indexes on the way (the second container's
 * `image` is occurrence 1). A template that loops over a list has one occurrence; the last one is taken.
 */
function occurrence(found: Path): number {
  let n = 0;
  for (const segment of found) if (typeof segment === 'number') n += segment;
  return n;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
