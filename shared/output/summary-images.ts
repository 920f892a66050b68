// The summary's image section (CHECKLIST.md SEC-4, SEC-6): one row per image with who scanned it, its
// base OS, its vulnerabilities by severity (and how many have a fix), its secrets and where it is used;
// or why it was not evaluated. Plus the note on what GitHub's result limit left out of the SARIF file.

import type { Level } from '../levels.js';
import type { ImageRecord, ScanReport, ScannerRecord } from '../report.js';
import { SCANNER_TITLE, isImageFinding } from '../scanners/image-findings.js';
import { hasFix } from '../scanners/policy.js';
import type { Severity } from '../scanners/report.js';
import { NO_FILE } from '../scanners/usages.js';
import { countLevels, countsText, plural } from './findings.js';
import { header, md, row } from './markdown.js';
import { GITHUB_SARIF_LIMITS, selectSarifFindings } from './sarif.js';
import { byteLength } from './summary-inputs.js';

/** Severity columns; negligible and unknown are counted under Low. */
const COLUMNS: readonly { readonly title: string; readonly severities: readonly Severity[] }[] = [
  { title: 'Critical', severities: ['critical'] },
  { title: 'High', severities: ['high'] },
  { title: 'Medium', severities: ['medium'] },
  { title: 'Low/other', severities: ['low', 'negligible', 'unknown'] },
];
const TABLE_OVERHEAD = 400;

export function imagesSection(report: ScanReport, maxBytes: number): string {
  const images = report.images;
  if (images === undefined) return '';
  if (images.length === 0) return '### Images\n\nNo container images in the inputs.';
  const failed = images.filter((i) => i.scanners.length === 0).length;
  const intro =
    `${plural(images.length, 'image')}: ${(images.length - failed).toLocaleString('en-US')} scanned, ${failed.toLocaleString('en-US')} not evaluated. ` +
    `Scanners: ${scannersText(report.scanners ?? [])}.`;
  const leftOut = images.some((i) => i.ignored + i.unfixedDropped > 0);
  const titles = ['Image', 'Scanned by', 'Base OS', ...COLUMNS.map((c) => c.title), 'Secrets', ...(leftOut ? ['Left out'] : []), 'Used in'];
  const numeric = [...COLUMNS.map((_, i) => 3 + i), 3 + COLUMNS.length];
  const lines = [header(titles, numeric)];
  let used = byteLength(intro) + TABLE_OVERHEAD;
  for (const image of [...images].sort(worstImageFirst)) {
    const line = imageRow(image, leftOut);
    used += byteLength(line) + 1;
    if (used > maxBytes) break;
    lines.push(line);
  }
  const left = images.length - (lines.length - 1);
  const more = left > 0 ? [`… and ${plural(left, 'more image')} not listed, to keep this summary small; the JSON report lists every image.`] : [];
  return ['### Images', intro, lines.join('\n'), ...more].join('\n\n');
}

function scannersText(scanners: readonly ScannerRecord[]): string {
  if (scanners.length === 0) return 'none ran';
  return scanners
    .map((s) => `${SCANNER_TITLE[s.name]}${s.version === undefined ? '' : ` ${s.version}`}${s.dbUpdatedAt === undefined ? '' : ` (DB of ${s.dbUpdatedAt.slice(0, 10)})`}`)
    .map((t) => md(t))
    .join(', ');
}

function imageRow(image: ImageRecord, leftOut: boolean): string {
  const failures = image.failures.map((f) => `❌ ${md(f.scanner === undefined ? f.reason : `${SCANNER_TITLE[f.scanner]}: ${f.reason}`, 200)}`);
  const where = usedIn(image);
  if (image.scanners.length === 0) {
    const dash = COLUMNS.map(() => '–');
    return row([md(image.image), `⚪ not evaluated<br>${failures.join('<br>')}`, '–', ...dash, '–', ...(leftOut ? ['–'] : []), where]);
  }
  const scanned = image.scanners.map((s) => md(`${SCANNER_TITLE[s.name]}${s.version === undefined ? '' : ` ${s.version}`}`)).join(', ');
  const os = image.os === undefined ? 'unknown' : `${md(`${image.os.family} ${image.os.version}`.trim())}${image.os.endOfSupport === true ? ' ❌ past end of support' : ''}`;
  const counts = COLUMNS.map(({ severities }) => {
    const matching = image.vulnerabilities.filter((v) => severities.includes(v.vulnerability.severity));
    const fixable = matching.filter((v) => hasFix(v.vulnerability)).length;
    return fixable > 0 ? `${matching.length} (${fixable} fixable)` : String(matching.length);
  });
  const skipped = [image.ignored > 0 ? `${image.ignored} ignored` : '', image.unfixedDropped > 0 ? `${image.unfixedDropped} unfixed` : ''].filter((t) => t !== '').join(', ');
  return row([md(image.image), [scanned, ...failures].join('<br>'), os, ...counts, String(image.secrets.length), ...(leftOut ? [skipped || '0'] : []), where]);
}

/** `k8s/a.yaml:14 (Deployment shop/api) and 2 more`; `given directly` for `--image`. */
function usedIn(image: ImageRecord): string {
  const first = image.usages[0];
  if (first === undefined) return '–';
  const place =
    first.file === NO_FILE
      ? 'given directly'
      : `${first.file}${first.region === undefined ? '' : `:${first.region.startLine}`}${first.object === undefined ? '' : ` (${first.object.kind} ${first.object.namespace ? `${first.object.namespace}/` : ''}${first.object.name})`}`;
  const more = image.usages.length - 1;
  return `${md(place, 300)}${more > 0 ? ` and ${more} more` : ''}`;
}

/** Images with the most errors (then warnings) first; not-evaluated ones after the violated ones; then by name. */
export function worstImageFirst(a: ImageRecord, b: ImageRecord): number {
  const score = (i: ImageRecord): number[] => {
    const count = (level: Level): number => i.vulnerabilities.filter((v) => v.level === level).length;
    const errors = count('error') + i.secrets.length + (i.os?.endOfSupport === true ? 1 : 0);
    return [errors, count('warning'), i.scanners.length === 0 ? 1 : 0, count('note')];
  };
  const sa = score(a);
  const sb = score(b);
  const k = sa.findIndex((n, i) => n !== sb[i]);
  if (k >= 0) return (sb[k] ?? 0) - (sa[k] ?? 0);
  return a.image < b.image ? -1 : a.image > b.image ? 1 : 0;
}

/** Says what GitHub's result limit left out of the SARIF file; '' when nothing was. */
export function sarifLeftOutNote(report: ScanReport): string {
  const { left } = selectSarifFindings(report);
  if (left.length === 0) return '';
  const images = left.filter(isImageFinding).length;
  const ofImages = images === 0 ? '' : `, ${images.toLocaleString('en-US')} of them about images`;
  return (
    `> **SARIF:** GitHub code scanning keeps at most ${GITHUB_SARIF_LIMITS.resultsPerRun.toLocaleString('en-US')} results per run, so the SARIF file ` +
    `leaves out the ${plural(left.length, 'least severe finding')} of ${report.findings.length.toLocaleString('en-US')} ` +
    `(${countsText(countLevels(left), true)}${ofImages}). The JSON report has all of them.`
  );
}
