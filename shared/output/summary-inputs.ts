// The summary's inputs section: what was scanned, skipped or failed and why. Failures and skips are the
// part a reader acts on, so they come first and stay open; a long list of scanned files is collapsed.

import type { InputRecord, InputStatus } from '../report.js';
import { plural } from './findings.js';
import { details, header, md, row } from './markdown.js';

const ORDER: readonly InputStatus[] = ['failed', 'skipped', 'scanned'];
const ICON: Record<InputStatus, string> = { failed: '❌ failed', skipped: '⏭️ skipped', scanned: '✅ scanned' };
/** Tables longer than this are collapsed into <details>. */
const OPEN_ROWS = 10;
/** Room for a table header and a <details> wrapper. */
const TABLE_OVERHEAD = 300;

export function inputsSection(inputs: readonly InputRecord[], maxBytes: number): string {
  if (inputs.length === 0) return '### Inputs\n\nNo inputs were given.';
  const count = (status: InputStatus): number => inputs.filter((i) => i.status === status).length;
  const intro = `${plural(inputs.length, 'input')}: ${ORDER.map((s) => `${count(s).toLocaleString('en-US')} ${s}`).join(', ')}.`;
  const sorted = ORDER.flatMap((status) => inputs.filter((i) => i.status === status));
  // A short list is one table; a long one keeps the problems open and folds the scanned files away.
  const groups: readonly { label: string; rows: readonly InputRecord[] }[] =
    inputs.length <= OPEN_ROWS
      ? [{ label: 'Inputs', rows: sorted }]
      : [
          { label: 'Inputs not scanned', rows: sorted.filter((i) => i.status !== 'scanned') },
          { label: 'Scanned inputs', rows: sorted.filter((i) => i.status === 'scanned') },
        ];
  const parts = ['### Inputs', intro];
  let budget = maxBytes - byteLength(parts.join('\n\n'));
  let left = 0;
  for (const { label, rows } of groups) {
    const table = capped(rows, budget);
    left += rows.length - table.shown;
    if (table.shown === 0) continue;
    const block = rows.length > OPEN_ROWS ? details(`${label} (${rows.length.toLocaleString('en-US')})`, table.text) : table.text;
    parts.push(block);
    budget -= byteLength(block) + 2;
  }
  if (left > 0) parts.push(`… and ${plural(left, 'more input')} not listed, to keep this summary small.`);
  return parts.join('\n\n');
}

function capped(rows: readonly InputRecord[], budget: number): { text: string; shown: number } {
  const lines = [header(['Status', 'Input', 'Documents', 'Objects', 'Reason'], [2, 3])];
  let used = TABLE_OVERHEAD;
  for (const input of rows) {
    const line = row([ICON[input.status], md(input.path, 300), String(input.documents), String(input.objects), md(input.reason ?? '', 300)]);
    used += byteLength(line) + 1;
    if (used > budget) break;
    lines.push(line);
  }
  return { text: lines.join('\n'), shown: lines.length - 1 };
}

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
