// The Markdown summary for GitHub's job summary and Azure DevOps' build summary tab: the verdict, a
// scorecard of every checklist item, the findings grouped by item and the inputs. GitHub refuses a step
// summary over 1 MiB, so the output is capped well below that; the SARIF carries every finding.

import type { Finding, ItemResult, ItemStatus } from '../engine.js';
import { levelRank, type Level } from '../levels.js';
import type { ScanReport } from '../report.js';
import { INPUT_PROBLEM } from '../rules/input-problem.js';
import { bySeverity, countsText, countLevels, locationText, plural, verdictText } from './findings.js';
import { header, md, row } from './markdown.js';
import { isImageFinding } from '../scanners/image-findings.js';
import { NO_FILE } from '../scanners/usages.js';
import { GITHUB_SARIF_LIMITS } from './sarif.js';
import { imagesSection, sarifLeftOutNote } from './summary-images.js';
import { byteLength, inputsSection } from './summary-inputs.js';

export interface SummaryOptions {
  /** Upper bound of the output in UTF-8 bytes. */
  readonly maxBytes?: number;
}

/** A fifth of GitHub's 1 MiB step-summary limit: other steps of the job write summaries too. */
export const DEFAULT_SUMMARY_BYTES = 200_000;
/** Room kept for the "left out" note and the joins between sections. */
const RESERVE = 1_000;
const MAX_NOTICES = 20;

const STATUS: Record<ItemStatus, string> = { satisfied: '✅ satisfied', violated: '❌ violated', 'not-evaluated': '⚪ not evaluated' };
const LEVEL: Record<Level, string> = { error: '🔴 error', warning: '🟠 warning', note: '🔵 note' };

export function toMarkdownSummary(report: ScanReport, options: SummaryOptions = {}): string {
  const maxBytes = options.maxBytes ?? DEFAULT_SUMMARY_BYTES;
  const head = [verdict(report), scorecard(report.items), notices(report)].filter((s) => s !== '').join('\n\n');
  const inputs = inputsSection(report.inputs, Math.floor(maxBytes / 4));
  const images = imagesSection(report, Math.floor(maxBytes / 4));
  const sarif = sarifLeftOutNote(report);
  const findings = findingsSection(report, maxBytes - byteLength(head) - byteLength(images) - byteLength(sarif) - byteLength(inputs) - RESERVE);
  return `${[head, images, findings, sarif, inputs].filter((s) => s !== '').join('\n\n')}\n`;
}

function verdict(report: ScanReport): string {
  const icon = report.gate.passed ? '✅' : '❌';
  return `## ${icon} aks-gate: gate ${report.gate.passed ? 'passed' : 'failed'}\n\n${md(verdictText(report), 2_000)}`;
}

function scorecard(items: readonly ItemResult[]): string {
  const lines = [header(['Status', 'Item', 'Title', 'Errors', 'Warnings', 'Notes', 'Not evaluated'], [3, 4, 5])];
  for (const item of items) {
    const reasons = item.notEvaluated.map((n) => `**${n.evidence}**: ${md(n.reason)}`).join('<br>');
    lines.push(row([STATUS[item.status], md(item.id), md(item.title), ...(['error', 'warning', 'note'] as const).map((l) => String(item.counts[l])), reasons]));
  }
  return `### Checklist\n\n${lines.join('\n')}`;
}

function notices(report: ScanReport): string {
  if (report.notifications.length === 0) return '';
  const shown = report.notifications.slice(0, MAX_NOTICES).map((n) => {
    const where = n.file === undefined ? '' : ` (${md(n.region ? `${n.file}:${n.region.startLine}` : n.file)})`;
    return `- ${LEVEL[n.level]}: ${md(n.message)}${where}`;
  });
  const more = report.notifications.length - shown.length;
  return ['### Notices', shown.join('\n'), ...(more > 0 ? [`… and ${plural(more, 'more notice')}.`] : [])].join('\n\n');
}

interface Group {
  readonly key: string;
  readonly heading: string;
  readonly order: number;
  readonly findings: Finding[];
}

function findingsSection(report: ScanReport, budget: number): string {
  if (report.findings.length === 0) return '### Findings\n\nNo findings.';
  // Choose what fits most severe first across all items, then show it grouped by item.
  const groups = new Map<string, Group>();
  let used = byteLength('### Findings\n\n');
  let shown = 0;
  for (const f of [...report.findings].sort(bySeverity)) {
    const group = groups.get(groupKey(f)) ?? newGroup(f, report);
    const cost = byteLength(findingRow(f)) + 1 + (groups.has(group.key) ? 0 : byteLength(group.heading) + 200);
    if (used + cost > budget) break;
    used += cost;
    shown += 1;
    group.findings.push(f);
    groups.set(group.key, group);
  }
  const ordered = [...groups.values()].sort((a, b) => worst(b) - worst(a) || a.order - b.order);
  const blocks = ordered.map((g) => `${g.heading}\n\n${header(['Level', 'Location', 'Rule', 'Message'])}\n${g.findings.map(findingRow).join('\n')}`);
  const left = report.findings.length - shown;
  if (left > 0) blocks.push(`> **Note:** ${plural(left, 'more finding')} not shown, to keep this summary small; ${whereAll(report.findings.length)}.`);
  return `### Findings\n\n${blocks.join('\n\n')}`;
}

function whereAll(total: number): string {
  return total > GITHUB_SARIF_LIMITS.resultsPerRun
    ? `the JSON report has all ${total.toLocaleString('en-US')} (the SARIF report keeps the ${GITHUB_SARIF_LIMITS.resultsPerRun.toLocaleString('en-US')} most severe)`
    : 'the SARIF and JSON reports have all of them';
}

function groupKey(f: Finding): string {
  return f.checklist ?? INPUT_PROBLEM.id;
}

function newGroup(f: Finding, report: ScanReport): Group {
  const key = groupKey(f);
  const index = report.items.findIndex((i) => i.id === key);
  const item = report.items[index];
  // Input problems come before every item of the same severity: nothing in a broken file was checked.
  const counts = countsText(countLevels(report.findings.filter((x) => groupKey(x) === key)), true);
  const title = item === undefined ? (key === INPUT_PROBLEM.id ? INPUT_PROBLEM.title : key) : `${item.id} ${item.title}`;
  const heading = `#### ${md(title)} (${counts})`;
  return { key, heading, order: index, findings: [] };
}

function worst(group: Group): number {
  return Math.max(...group.findings.map((f) => levelRank(f.level)));
}

function findingRow(f: Finding): string {
  const rule = /^[a-z0-9-]+$/.test(f.ruleId) ? `\`${f.ruleId}\`` : md(f.ruleId);
  // An image given on the command line has no line anywhere: the image is where it is.
  const place = f.file === NO_FILE && isImageFinding(f) ? `${f.image} (given directly)` : locationText(f, false);
  const where = `${md(place)}${f.approximate ? ' (approx.)' : ''}`;
  return row([LEVEL[f.level], where, rule, md(f.message)]);
}
