// Scanner results → findings on the `image:` line of every place an image is used, plus what the image
// scans decided for the checklist: SEC-4 (vulnerabilities, end-of-support OS) and SEC-6 (secrets
// inside images, Trivy only). One finding per vulnerability per usage; the rule id is the
// vulnerability id, as Trivy and Grype write it in their own SARIF.

import type { Region } from '../documents/locator.js';
import { describe } from '../documents/manifest.js';
import { fingerprint, type ExternalResult, type Finding } from '../engine.js';
import type { Level } from '../levels.js';
import type { ImageRecord, ImageUsageRecord, Notification, ScannerRecord } from '../report.js';
import { mergeReports, type MergedImageReport, type ScannerRun } from './merge.js';
import { EOSL_RULE_ID, applyImagePolicy, expiredIgnores, hasFix, secretRuleId, type IgnoreEntry, type ImagePolicy } from './policy.js';
import type { ImageReport, ImageSecret, ScannerName, Vulnerability } from './report.js';
import { NO_FILE, type ImageUsage, type ImageUsages, type UsedImage } from './usages.js';

export const SCANNER_TITLE: Readonly<Record<ScannerName, string>> = { trivy: 'Trivy', grype: 'Grype' };
export const SCANNER_URI: Readonly<Record<ScannerName, string>> = { trivy: 'https://github.com/aquasecurity/trivy', grype: 'https://github.com/anchore/grype' };

/** Metadata of the findings image scans produce: the single source for SARIF descriptors and docs. */
export const IMAGE_RULES = {
  vulnerability: {
    checklist: 'SEC-4',
    help:
      'A package inside the image has a known vulnerability. With the default policy, critical and high vulnerabilities that have a fix ' +
      'are errors, the rest warnings (critical, high, medium) or notes (low, negligible, unknown).',
    remediation:
      'Update the package to a fixed version: rebuild the image on a patched base image or bump the dependency, then deploy the new tag or digest. ' +
      'A vulnerability that does not apply can be ignored in the configuration file with a reason and an expiry date.',
  },
  endOfSupport: {
    id: EOSL_RULE_ID,
    checklist: 'SEC-4',
    title: 'Image base OS is still supported',
    help: "The image's base operating system release is past its end of support (Trivy `Metadata.OS.EOSL`): it gets no more security fixes, so its vulnerabilities stay.",
    remediation: 'Rebuild the image on a supported release of its base image (for example a current Debian, Alpine or Ubuntu tag) and deploy it.',
    references: ['https://endoflife.date/'],
  },
  secret: {
    checklist: 'SEC-6',
    help:
      "Trivy's secret scanner found a credential (a key, a token, a password) in a file of the image. Anyone who can pull the image can read it. " +
      'aks-gate never shows the value.',
    remediation:
      'Remove the secret from the image (and from its build context), rotate it, and give it to the workload at run time from Azure Key Vault ' +
      '(the Secrets Store CSI driver) with workload identity.',
    references: ['https://trivy.dev/latest/docs/scanner/secret/', 'https://learn.microsoft.com/azure/aks/csi-secrets-store-driver'],
  },
} as const;

/** A finding about an image: the image travels with it so writers can name it (SARIF logical location, summary). */
export interface ImageFinding extends Finding {
  /** Normalized reference. */
  readonly image: string;
}

export function isImageFinding(f: Finding): f is ImageFinding {
  return typeof (f as Partial<ImageFinding>).image === 'string';
}

/** Findings of an image given on the command line have no file: this is their (unused) region. */
export const NO_REGION: Region = { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };

/** One scanner's answer for one image; runner.ts's ScanOutcome fits. */
export type ScanOutcomeLike = { readonly ok: true; readonly report: ImageReport } | { readonly ok: false; readonly reason: string };

/** What the runner returns (runner.ts's ScanRun fits). */
export interface ImageScanResults {
  readonly images: readonly { readonly image: string; readonly results: Partial<Record<ScannerName, ScanOutcomeLike>> }[];
  readonly scanners: readonly ScannerRecord[];
  /** Set when no scanner could run at all. */
  readonly notEvaluated?: { readonly reason: string; readonly hint?: string };
}

export interface ImageFindingsInput {
  readonly usages: ImageUsages;
  readonly scan: ImageScanResults;
  readonly policy: ImagePolicy;
  /** The scan date: ignore entries expire against it. */
  readonly today: Date;
}

export interface ImageFindingsResult {
  /** For `evaluate({ external })`: SEC-4 and SEC-6, evidence 'images'. */
  readonly external: readonly ExternalResult[];
  /** `report.images`. */
  readonly images: readonly ImageRecord[];
  /** `report.scanners`. */
  readonly scanners: readonly ScannerRecord[];
  /** Ignore entries past their date (they were not applied). */
  readonly expired: readonly IgnoreEntry[];
  /** Expired ignore entries and invalid images given directly, as notices for the report. */
  readonly notifications: readonly Notification[];
}

/** Not-evaluated reasons listed one by one at most; the summary's image table has every image. */
const MAX_REASONS = 10;

export function imageFindings(input: ImageFindingsInput): ImageFindingsResult {
  const { usages, scan, policy, today } = input;
  const byImage = new Map(scan.images.map((s) => [s.image, s.results]));
  const noScanner = scan.notEvaluated === undefined ? undefined : `no image scanner ran: ${scan.notEvaluated.reason}${scan.notEvaluated.hint ? ` (${scan.notEvaluated.hint})` : ''}`;
  const sec4: Finding[] = [];
  const sec6: Finding[] = [];
  const failures: string[] = [];
  const trivyFailures: string[] = [];
  let scanned = 0;
  let secretScanned = 0;
  let trivyRan = false;
  const images: ImageRecord[] = [];

  for (const used of usages.images) {
    const results = byImage.get(used.image) ?? {};
    const ok: ImageReport[] = [];
    const failed: { scanner?: ScannerName; reason: string }[] = [];
    for (const name of Object.keys(SCANNER_TITLE) as ScannerName[]) {
      const outcome = results[name];
      if (outcome === undefined) continue;
      if (name === 'trivy') trivyRan = true;
      if (outcome.ok) ok.push(outcome.report);
      else failed.push({ scanner: name, reason: outcome.reason });
    }
    // The runner answers for every image it is given; one it never saw was not evaluated by anyone.
    if (ok.length === 0 && failed.length === 0) failed.push({ reason: noScanner ?? 'no scanner result for this image' });
    if (noScanner === undefined) {
      for (const f of failed) {
        const text = `${used.image}: ${f.scanner === undefined ? '' : `${SCANNER_TITLE[f.scanner]} `}${f.reason}`;
        failures.push(text);
        if (f.scanner !== 'grype') trivyFailures.push(text);
      }
    }
    const merged = mergeOne(ok, used.image);
    if (merged === undefined) {
      images.push(record(used, [], failed, undefined, [], 0, 0, []));
      continue;
    }
    scanned += 1;
    if (ok.some((r) => r.scanner === 'trivy')) secretScanned += 1;
    const outcome = applyImagePolicy(merged, used.image, policy, today);
    for (const usage of used.usages) {
      for (const { vulnerability, level } of outcome.reported) sec4.push(vulnerabilityFinding(used.image, usage, vulnerability, level));
      if (outcome.endOfSupport) sec4.push(endOfSupportFinding(used.image, usage, merged));
      for (const secret of outcome.secrets) sec6.push(secretFinding(used.image, usage, secret));
    }
    const scanners = merged.scanners.map((s) => versioned(s, scan.scanners));
    images.push(record(used, scanners, failed, merged, outcome.reported, outcome.ignored.length, outcome.unfixed.length, outcome.secrets));
  }

  const sec4Reasons = noScanner !== undefined ? [noScanner] : usages.images.length === 0 ? [NO_IMAGES] : capped(failures, 'image scans failed');
  const sec6Reasons =
    noScanner !== undefined
      ? [noScanner]
      : usages.images.length === 0
        ? [NO_IMAGES]
        : !trivyRan
          ? [GRYPE_HAS_NO_SECRETS]
          : capped(trivyFailures, 'images were not scanned for secrets by Trivy');
  const expired = expiredIgnores(policy, today);
  return {
    external: [
      { checklist: 'SEC-4', evidence: 'images', evaluated: scanned > 0, notEvaluated: sec4Reasons, findings: sec4 },
      { checklist: 'SEC-6', evidence: 'images', evaluated: secretScanned > 0, notEvaluated: sec6Reasons, findings: sec6 },
    ],
    images,
    scanners: scan.scanners.map(({ name, version, dbUpdatedAt }) => ({ name, ...(version === undefined ? {} : { version }), ...(dbUpdatedAt === undefined ? {} : { dbUpdatedAt }) })),
    expired,
    notifications: [...expired.map(expiredNotice), ...usages.invalid.filter((i) => i.source === 'listed').map(invalidListedNotice)],
  };
}

export const NO_IMAGES = 'no valid container image references in the inputs to scan';
export const GRYPE_HAS_NO_SECRETS = "Grype does not look for secrets inside images; only Trivy's secret scanner decides this (add Trivy to the scan)";

function capped(reasons: readonly string[], what: string): string[] {
  if (reasons.length <= MAX_REASONS) return [...reasons];
  return [...reasons.slice(0, MAX_REASONS), `… and ${reasons.length - MAX_REASONS} more ${what} (the summary lists every image)`];
}

function mergeOne(reports: readonly ImageReport[], image: string): MergedImageReport | undefined {
  if (reports.length === 0) return undefined;
  // Both reports are of the reference the runner gave them: one image, whatever ids the reports carry.
  const same = reports.map((r) => {
    const copy: ImageReport = { ...r, image };
    delete (copy as { imageId?: string }).imageId;
    return copy;
  });
  return mergeReports(same)[0];
}

/** The version the runner asked the binary for beats the one a report names (goldens say "dev"). */
function versioned(run: ScannerRun, scanners: readonly ScannerRecord[]): ScannerRun {
  const version = scanners.find((s) => s.name === run.name)?.version ?? run.version;
  return version === undefined ? { name: run.name } : { name: run.name, version };
}

function record(
  used: UsedImage,
  scanners: readonly ScannerRun[],
  failures: ImageRecord['failures'],
  merged: MergedImageReport | undefined,
  vulnerabilities: readonly { vulnerability: Vulnerability; level: Level }[],
  ignored: number,
  unfixedDropped: number,
  secrets: readonly ImageSecret[],
): ImageRecord {
  const os = merged?.os;
  const usages: ImageUsageRecord[] = used.usages.map(({ file, region, object, container }) => ({ file, region, object, container }));
  return { image: used.image, usages, scanners, failures, ...(os === undefined ? {} : { os }), vulnerabilities, ignored, unfixedDropped, secrets };
}

// ── Findings ────────────────────────────────────────────────────────────────────────────────────────

/** `Container "web" in Deployment shop/api uses IMAGE`, or `Image IMAGE` when it was given directly. */
function subject(image: string, usage: ImageUsage, verb: string): string {
  return usage.object === undefined || usage.container === undefined ? `Image ${image} ${verb}` : `${usage.container} in ${describe(usage.object)} uses ${image}, which ${verb}`;
}

export function scannersText(scanners: readonly ScannerName[]): string {
  return [...new Set(scanners)].map((s) => SCANNER_TITLE[s]).join(' and ');
}

const MAX_FIXES_SHOWN = 5;

function vulnerabilityFinding(image: string, usage: ImageUsage, v: Vulnerability, level: Level): ImageFinding {
  const cvss = v.cvss === undefined ? '' : `, CVSS ${v.cvss.score.toFixed(1)}`;
  const pkg = v.package.version === '' ? `${v.package.name} (version unknown)` : `${v.package.name} ${v.package.version}`;
  const fixes = v.fixedVersions.slice(0, MAX_FIXES_SHOWN).join(', ') + (v.fixedVersions.length > MAX_FIXES_SHOWN ? ', …' : '');
  const fix = hasFix(v) ? `fixed in ${fixes}` : 'no fix is available yet';
  const message = `${subject(image, usage, 'has')} ${v.id} (${v.severity}${cvss}) in ${pkg}; ${fix}. Found by ${scannersText(v.scanners)}.`;
  return finding(v.id, 'SEC-4', level, 'vulnerability', message, image, usage, [v.package.name, v.package.version]);
}

function endOfSupportFinding(image: string, usage: ImageUsage, report: MergedImageReport): ImageFinding {
  const os = report.os === undefined ? 'base OS' : `base OS ${report.os.family} ${report.os.version}`.trimEnd();
  const start = usage.object === undefined || usage.container === undefined ? `The ${os} of image ${image}` : `${usage.container} in ${describe(usage.object)} uses ${image}, whose ${os}`;
  const message = `${start} is past its end of support and gets no more security fixes.`;
  return finding(EOSL_RULE_ID, 'SEC-4', 'error', 'endOfSupport', message, image, usage, []);
}

function secretFinding(image: string, usage: ImageUsage, secret: ImageSecret): ImageFinding {
  const where = `${secret.target === '' ? 'a file of the image' : secret.target}${secret.startLine === undefined ? '' : `:${secret.startLine}`}`;
  const kind = secret.category === '' ? secret.title : `${secret.title} (${secret.category})`;
  const message = `${subject(image, usage, 'contains')} a secret Trivy found: ${kind} in ${where}. The value is not shown; remove it from the image and rotate it.`;
  return finding(secretRuleId(secret), 'SEC-6', 'error', 'secret', message, image, usage, [secret.target, String(secret.startLine ?? '')]);
}

function finding(
  ruleId: string,
  checklist: 'SEC-4' | 'SEC-6',
  level: Level,
  messageId: string,
  message: string,
  image: string,
  usage: ImageUsage,
  identity: readonly string[],
): ImageFinding {
  const object = usage.object;
  return {
    ruleId,
    checklist,
    level,
    messageId,
    message,
    file: usage.file,
    region: usage.region ?? NO_REGION,
    approximate: usage.approximate,
    object,
    pointer: usage.pointer,
    // No line numbers: the alert survives edits elsewhere in the file.
    fingerprint: fingerprint([ruleId, image, ...identity, usage.file, object?.kind ?? '', object?.namespace ?? '', object?.name ?? '', usage.containerKey]),
    image,
  };
}

// ── Notices ─────────────────────────────────────────────────────────────────────────────────────────

function expiredNotice(entry: IgnoreEntry): Notification {
  const narrowed = [entry.image === undefined ? '' : ` for image ${entry.image}`, entry.package === undefined ? '' : ` in ${entry.package}`].join('');
  return {
    level: 'warning',
    message: `The image ignore entry for ${entry.id}${narrowed} expired on ${entry.expires ?? ''} and no longer applies ("${entry.reason}"); fix the image or renew the entry.`,
  };
}

function invalidListedNotice(invalid: ImageUsages['invalid'][number]): Notification {
  const shown = invalid.shown === undefined ? 'An image given to scan' : `The image "${invalid.shown}"`;
  const where = invalid.usage.file === NO_FILE ? {} : { file: invalid.usage.file, ...(invalid.usage.region === undefined ? {} : { region: invalid.usage.region }) };
  return { level: 'error', message: `${shown} was not scanned: ${invalid.reason}.`, ...where };
}
