// The scan as plain JSON for scripts and dashboards: every finding (the SARIF may be capped for GitHub,
// this never is), flat and sorted by location, with explicit nulls instead of missing keys so jq
// filters do not have to guess.

import type { ChecklistId, Evidence } from '../checklist.js';
import type { ItemStatus } from '../engine.js';
import type { Level } from '../levels.js';
import type { GateResult, InputRecord, Notification, ScanReport } from '../report.js';
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
    })),
    inputs: report.inputs.map((i) => ({ path: i.path, status: i.status, reason: i.reason ?? null, documents: i.documents, objects: i.objects })),
    notifications: report.notifications,
  };
}
