// The scan as plain JSON for scripts and dashboards: every finding (the SARIF may be capped for GitHub,
// this never is), flat and sorted by location, with explicit nulls instead of missing keys so jq
// filters do not have to guess.

import type { ChecklistId, Evidence } from '../checklist.js';
import type { ItemStatus } from '../engine.js';
import type { Level } from '../levels.js';
import type { GateResult, ImageRecord, InputRecord, Notification, ScanReport } from '../report.js';
import { isImageFinding } from '../scanners/image-findings.js';
import { hasFix } from '../scanners/policy.js';
import { SEVERITIES, type ScannerName, type Severity } from '../scanners/report.js';
import { NO_FILE } from '../scanners/usages.js';
import { byLocation } from './findings.js';

/** Bumped when a field changes meaning or goes away; new fields do not bump it. */
export const JSON_REPORT_VERSION = 1;

export interface JsonObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | null;
}

export interface JsonFinding {
  readonly ruleId: string;
  readonly checklist: ChecklistId | null;
  readonly level: Level;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
  readonly object: JsonObjectRef | null;
  readonly fingerprint: string;
  /** The image an image-scan finding is about (normalized); null for every other finding. A "" file means the image was given directly. */
  readonly image: string | null;
}

export interface JsonItem {
  readonly id: ChecklistId;
  readonly title: string;
  readonly status: ItemStatus;
  readonly counts: Readonly<Record<Level, number>>;
  readonly evaluated: readonly Evidence[];
  readonly notEvaluated: readonly { readonly evidence: Evidence; readonly reason: string }[];
}

export interface JsonInput {
  readonly path: string;
  readonly status: InputRecord['status'];
  readonly reason: string | null;
  readonly documents: number;
  readonly objects: number;
}

export interface JsonReport {
  readonly version: typeof JSON_REPORT_VERSION;
  readonly tool: ScanReport['tool'];
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly gate: GateResult;
  readonly items: readonly JsonItem[];
  readonly findings: readonly JsonFinding[];
  readonly inputs: readonly JsonInput[];
  readonly notifications: readonly Notification[];
  /** The image scanners that ran; [] when none did or images were not scanned. */
  readonly scanners: readonly { readonly name: ScannerName; readonly version: string | null; readonly dbUpdatedAt: string | null }[];
  /** Every image, briefly: the vulnerabilities themselves are the findings. [] when images were not scanned. */
  readonly images: readonly JsonImage[];
}

export interface JsonImage {
  readonly image: string;
  readonly scanners: readonly { readonly name: ScannerName; readonly version: string | null }[];
  /** Why a scanner could not scan it; when `scanners` is empty the image was not evaluated. */
  readonly notEvaluated: readonly { readonly scanner: ScannerName | null; readonly reason: string }[];
  readonly os: { readonly family: string; readonly version: string; readonly endOfSupport: boolean | null } | null;
  /** Reported vulnerabilities by severity (ignored and dropped ones are not counted), and how many of them have a fix. */
  readonly vulnerabilities: Readonly<Record<Severity, number>>;
  readonly fixable: Readonly<Record<Severity, number>>;
  readonly ignored: number;
  readonly unfixedDropped: number;
  readonly secrets: number;
  /** file "" (and line null) for an image given on the command line. */
  readonly usages: readonly { readonly file: string; readonly line: number | null; readonly object: JsonObjectRef | null; readonly container: string | null }[];
}

export function toJsonReport(report: ScanReport): JsonReport {
  return {
    version: JSON_REPORT_VERSION,
    tool: { ...report.tool },
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    gate: { ...report.gate },
    items: report.items.map(({ id, title, status, counts, evaluated, notEvaluated }) => ({ id, title, status, counts, evaluated, notEvaluated })),
    findings: [...report.findings].sort(byLocation).map((f) => ({
      ruleId: f.ruleId,
      checklist: f.checklist ?? null,
      level: f.level,
      file: f.file,
      line: f.region.startLine,
      column: f.region.startColumn,
      endLine: f.region.endLine,
      endColumn: f.region.endColumn,
      message: f.message,
      object: f.object === undefined ? null : { ...f.object, namespace: f.object.namespace ?? null },
      fingerprint: f.fingerprint,
      image: isImageFinding(f) ? f.image : null,
    })),
    inputs: report.inputs.map((i) => ({ path: i.path, status: i.status, reason: i.reason ?? null, documents: i.documents, objects: i.objects })),
    notifications: report.notifications,
    scanners: (report.scanners ?? []).map((s) => ({ name: s.name, version: s.version ?? null, dbUpdatedAt: s.dbUpdatedAt ?? null })),
    images: (report.images ?? []).map(jsonImage),
  };
}

function jsonImage(image: ImageRecord): JsonImage {
  const bySeverity = (keep: (i: ImageRecord['vulnerabilities'][number]) => boolean): Record<Severity, number> => {
    const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
    for (const v of image.vulnerabilities) if (keep(v)) counts[v.vulnerability.severity] += 1;
    return counts;
  };
  return {
    image: image.image,
    scanners: image.scanners.map((s) => ({ name: s.name, version: s.version ?? null })),
    notEvaluated: image.failures.map((f) => ({ scanner: f.scanner ?? null, reason: f.reason })),
    os: image.os === undefined ? null : { family: image.os.family, version: image.os.version, endOfSupport: image.os.endOfSupport ?? null },
    vulnerabilities: bySeverity(() => true),
    fixable: bySeverity((v) => hasFix(v.vulnerability)),
    ignored: image.ignored,
    unfixedDropped: image.unfixedDropped,
    secrets: image.secrets.length,
    usages: image.usages.map((u) => ({
      file: u.file,
      line: u.file === NO_FILE ? null : (u.region?.startLine ?? null),
      object: u.object === undefined ? null : { ...u.object, namespace: u.object.namespace ?? null },
      container: u.container ?? null,
    })),
  };
}
