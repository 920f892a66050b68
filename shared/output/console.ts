// What a person reads in a terminal or CI log: the scorecard, the most severe findings, the verdict.
// Every value from the scanned files goes through safeLine, so printing this can never run a runner
// command or repaint the terminal; colour is added afterwards, by us only.

import type { Finding, ItemStatus } from '../engine.js';
import type { Level } from '../levels.js';
import type { ImageRecord, ScanReport } from '../report.js';
import { SCANNER_TITLE, isImageFinding } from '../scanners/image-findings.js';
import { hasFix } from '../scanners/policy.js';
import { NO_FILE } from '../scanners/usages.js';
import { bySeverity, countLevels, countsText, locationText, plural, verdictText } from './findings.js';
import { safeLine, truncate } from './sanitize.js';
import { worstImageFirst } from './summary-images.js';

export interface ConsoleOptions {
  /** ANSI colours and symbols (a TTY); plain words otherwise, for logs and pipes. */
  readonly color: boolean;
  /** Findings listed at most; the rest are counted. */
  readonly maxFindings?: number;
  /** Images listed at most, one line each; the rest are counted. */
  readonly maxImages?: number;
}

export const DEFAULT_CONSOLE_FINDINGS = 50;
export const DEFAULT_CONSOLE_IMAGES = 10;

type Paint = (text: string) => string;
const ansi =
  (open: number, close = 39): Paint =>
  (text) =>
    `\u001b[${open}m${text}\u001b[${close}m`;
const red = ansi(31);
const green = ansi(32);
const yellow = ansi(33);
const cyan = ansi(36);
const dim = ansi(2, 22);
const bold = ansi(1, 22);

const WORD: Record<ItemStatus, string> = { satisfied: 'PASS', violated: 'FAIL', 'not-evaluated': 'N/A' };
const SYMBOL: Record<ItemStatus, string> = { satisfied: green('✔'), violated: red('✖'), 'not-evaluated': dim('○') };
const LEVEL_PAINT: Record<Level, Paint> = { error: red, warning: yellow, note: cyan };
/** Titles and locations longer than this are cut, so one long path does not push every column off screen. */
const MAX_COLUMN = 60;

export function renderConsole(report: ScanReport, options: ConsoleOptions): string {
  const paint = (p: Paint, text: string): string => (options.color ? p(text) : text);
  const out = [paint(bold, `${safeLine(report.tool.name)} ${safeLine(report.tool.version)}: AKS checklist`), inputsLine(report), '', ...scorecard(report, options.color, paint), ''];
  out.push(...images(report, options, paint));
  out.push(...findings(report, options, paint));
  for (const n of report.notifications) if (n.file === undefined) out.push(`${paint(LEVEL_PAINT[n.level], n.level)}: ${safeLine(n.message)}`, '');
  const symbol = report.gate.passed ? paint(green, options.color ? '✔' : 'PASS') : paint(red, options.color ? '✖' : 'FAIL');
  out.push(`${symbol} ${safeLine(verdictText(report))}`);
  return `${out.join('\n')}\n`;
}

/** `12 inputs scanned (40 objects), 3 skipped, 1 failed`: what the verdict stands on (Kubernetes objects and Azure resources). */
function inputsLine(report: ScanReport): string {
  const count = (status: string): number => report.inputs.filter((i) => i.status === status).length;
  const objects = report.inputs.reduce((sum, i) => sum + i.objects, 0);
  const parts = [`${plural(count('scanned'), 'input')} scanned (${plural(objects, 'object')})`];
  if (count('skipped') > 0) parts.push(`${count('skipped')} skipped`);
  if (count('failed') > 0) parts.push(`${count('failed')} failed`);
  return parts.join(', ') + (count('skipped') + count('failed') > 0 ? ' (the summary and the JSON report say why)' : '');
}

function scorecard(report: ScanReport, color: boolean, paint: (p: Paint, t: string) => string): string[] {
  const idWidth = Math.max(0, ...report.items.map((i) => i.id.length));
  const titles = report.items.map((i) => truncate(safeLine(i.title), MAX_COLUMN));
  const titleWidth = Math.max(0, ...titles.map((t) => t.length));
  return report.items.map((item, n) => {
    const status = color ? SYMBOL[item.status] : WORD[item.status].padEnd(4);
    const detail =
      item.status === 'violated'
        ? countsText(item.counts, true)
        : item.notEvaluated.length > 0
          ? paint(dim, `not evaluated: ${item.notEvaluated.map((e) => e.evidence).join(', ')}`)
          : '';
    return `  ${status}  ${item.id.padEnd(idWidth)}  ${(titles[n] ?? '').padEnd(titleWidth)}  ${detail}`.trimEnd();
  });
}

function findings(report: ScanReport, options: ConsoleOptions, paint: (p: Paint, t: string) => string): string[] {
  if (report.findings.length === 0) return ['No findings.', ''];
  const max = options.maxFindings ?? DEFAULT_CONSOLE_FINDINGS;
  const shown = [...report.findings].sort(bySeverity).slice(0, max);
  const rows = shown.map((f) => ({
    level: f.level,
    // The whole file:line:col, never cut: terminals and editors open it on a click.
    where: safeLine(whereText(f)),
    rule: safeLine(f.ruleId),
    message: safeLine(f.message),
  }));
  const lines = [`Findings: ${countsText(countLevels(report.findings))} (most severe first)`];
  for (const r of rows) {
    lines.push(`  ${paint(LEVEL_PAINT[r.level], r.level.padEnd(7))}  ${r.where}  ${paint(dim, r.rule)}`, `           ${r.message}`);
  }
  const left = report.findings.length - shown.length;
  if (left > 0) lines.push(`  … ${plural(left, 'more finding')} in the SARIF/JSON report`);
  return [...lines, ''];
}

/** An image given on the command line has no file:line; the image stands in. */
function whereText(f: Finding): string {
  return f.file === NO_FILE && isImageFinding(f) ? `${f.image} (given directly)` : locationText(f);
}

/** One line per image: `nginx:1.25  1 critical, 3 high, 0 medium, 2 low (4 fixable); 1 secret; Grype failed`. */
function images(report: ScanReport, options: ConsoleOptions, paint: (p: Paint, t: string) => string): string[] {
  const list = report.images;
  if (list === undefined) return [];
  const scanners = (report.scanners ?? []).map((s) => `${SCANNER_TITLE[s.name]}${s.version === undefined ? '' : ` ${s.version}`}`);
  const failed = list.filter((i) => i.scanners.length === 0).length;
  const head = `Images: ${plural(list.length, 'image')} (${list.length - failed} scanned, ${failed} not evaluated) with ${scanners.length === 0 ? 'no scanner' : scanners.join(', ')}`;
  // No scanner ran at all: one line says why, rather than the same reason on every image.
  if (scanners.length === 0 && failed === list.length && list.length > 0) {
    const reasons = [...new Set(list.flatMap((i) => i.failures.map((f) => f.reason)))];
    return [safeLine(`Images: ${plural(list.length, 'image')} not scanned: ${reasons.join('; ')}`), ''];
  }
  const max = options.maxImages ?? DEFAULT_CONSOLE_IMAGES;
  const lines = [safeLine(head), ...[...list].sort(worstImageFirst).slice(0, max).map((image) => `  ${safeLine(truncate(image.image, MAX_COLUMN * 2))}  ${imageDetail(image, paint)}`)];
  if (list.length > max) lines.push(`  … ${plural(list.length - max, 'more image')} in the summary/JSON report`);
  return [...lines, ''];
}

function imageDetail(image: ImageRecord, paint: (p: Paint, t: string) => string): string {
  const failures = image.failures.map((f) => (f.scanner === undefined ? f.reason : `${SCANNER_TITLE[f.scanner]} failed`));
  if (image.scanners.length === 0) return paint(dim, safeLine(truncate(`not evaluated: ${image.failures.map((f) => f.reason).join('; ')}`, MAX_COLUMN * 2)));
  const count = (severities: readonly string[]): number => image.vulnerabilities.filter((v) => severities.includes(v.vulnerability.severity)).length;
  const fixable = image.vulnerabilities.filter((v) => hasFix(v.vulnerability)).length;
  const parts = [`${count(['critical'])} critical, ${count(['high'])} high, ${count(['medium'])} medium, ${count(['low', 'negligible', 'unknown'])} low (${fixable} fixable)`];
  if (image.secrets.length > 0) parts.push(plural(image.secrets.length, 'secret'));
  if (image.os?.endOfSupport === true) parts.push(paint(red, safeLine(`${image.os.family} ${image.os.version} past end of support`)));
  if (failures.length > 0) parts.push(paint(dim, safeLine(failures.join(', '))));
  return parts.join('; ');
}
