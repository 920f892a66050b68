// Orderings and counts every writer shares, so the SARIF, the summary, the JSON and the console list the
// same findings in the same order and never disagree on a number.

import type { Finding } from '../engine.js';
import { LEVELS, levelRank, type Level } from '../levels.js';
import type { ScanReport } from '../report.js';

function compareText(a: string, b: string): number {
  // Code-unit order, not localeCompare: output must not depend on the machine's locale.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** File, line, column, rule, then fingerprint: a total order, so output is byte-for-byte reproducible. */
export function byLocation(a: Finding, b: Finding): number {
  return (
    compareText(a.file, b.file) ||
    a.region.startLine - b.region.startLine ||
    a.region.startColumn - b.region.startColumn ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.fingerprint, b.fingerprint)
  );
}

/** Most severe first, then by location. */
export function bySeverity(a: Finding, b: Finding): number {
  return levelRank(b.level) - levelRank(a.level) || byLocation(a, b);
}

export function countLevels(findings: readonly Finding[]): Record<Level, number> {
  const counts: Record<Level, number> = { error: 0, warning: 0, note: 0 };
  for (const f of findings) counts[f.level] += 1;
  return counts;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}

/** "2 errors, 1 warning, 0 notes"; with `nonZero`, "2 errors, 1 warning" (and "no findings" for none). */
export function countsText(counts: Readonly<Record<Level, number>>, nonZero = false): string {
  const levels = nonZero ? LEVELS.filter((level) => counts[level] > 0) : LEVELS;
  return levels.length === 0 ? 'no findings' : levels.map((level) => plural(counts[level], level)).join(', ');
}

/** `path:line:column`, the form editors and terminals turn into links. */
export function locationText(f: Finding, withColumn = true): string {
  return withColumn ? `${f.file}:${f.region.startLine}:${f.region.startColumn}` : `${f.file}:${f.region.startLine}`;
}

/** The gate's outcome in one plain sentence (callers add symbols and markup). */
export function verdictText(report: ScanReport): string {
  const { gate } = report;
  const counts = countsText(countLevels(report.findings));
  const scanned = plural(report.inputs.filter((i) => i.status === 'scanned').length, 'input');
  const outcome = gate.passed ? 'Gate passed' : 'Gate failed';
  const blocking =
    gate.failOn === 'never'
      ? 'findings are reported, never blocking'
      : gate.blocking === 0
        ? `no findings at or above "${gate.failOn}"`
        : `${plural(gate.blocking, 'finding')} at or above "${gate.failOn}"`;
  return `${outcome}: ${blocking} (fail-on: ${gate.failOn}); ${counts} in ${scanned} scanned.`;
}
