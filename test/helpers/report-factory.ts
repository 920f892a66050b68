// Hand-built ScanReports for the writers' tests (and anyone else's): every field has a sensible
// default, derived from the findings where it can be (rules, items, inputs, gate), so a test states
// only what it is about.

import { CHECKLIST, MISSING_EVIDENCE, type ChecklistId, type Evidence } from '../../shared/checklist.js';
import type { Region } from '../../shared/documents/locator.js';
import type { ObjectRef } from '../../shared/documents/manifest.js';
import { fingerprint, type Finding, type ItemResult, type ItemStatus } from '../../shared/engine.js';
import { reaches, type FailOn, type Level } from '../../shared/levels.js';
import type { InputRecord, Notification, ScanReport } from '../../shared/report.js';
import { defineRule, type ObjectRule, type Rule } from '../../shared/rules/define-rule.js';
import { INPUT_PROBLEM } from '../../shared/rules/input-problem.js';

export type ActiveRule = ScanReport['rules'][number];

/** A rule with complete metadata that never reports anything on its own. */
export function makeRule(overrides: Partial<Omit<ObjectRule<string>, 'target'>> = {}): Rule {
  const id = overrides.id ?? 'test-rule';
  return defineRule<string>({
    id,
    checklist: 'SEC-1',
    title: `Title of ${id}`,
    severity: 'error',
    evidence: ['workload'],
    kinds: '*',
    messages: { found: '{{object}} is wrong.' },
    help: `What \`${id}\` checks and why it matters.`,
    remediation: 'Fix the object and scan again.',
    references: [`https://example.com/docs/${id}`, 'https://example.com/more'],
    check: () => undefined,
    ...overrides,
    target: 'object',
  });
}

export interface FindingInit extends Partial<Omit<Finding, 'region' | 'object'>> {
  /** Shorthand for region.startLine (and endLine). */
  readonly line?: number;
  readonly column?: number;
  readonly region?: Partial<Region>;
  /** Fields of the object; `null` for a finding about no object (an unparseable file). */
  readonly object?: Partial<ObjectRef> | null;
}

/** A finding whose fingerprint is computed as the engine does: from identity, never from the line. */
export function makeFinding(init: FindingInit = {}): Finding {
  const { line, column, region, object: objectInit, ...rest } = init;
  const startLine = region?.startLine ?? line ?? 1;
  const startColumn = region?.startColumn ?? column ?? 1;
  const object: ObjectRef | undefined =
    objectInit === null ? undefined : { apiVersion: 'v1', kind: 'Service', name: 'api', namespace: 'shop', ...objectInit };
  const ruleId = rest.ruleId ?? 'test-rule';
  const messageId = rest.messageId ?? 'found';
  const file = rest.file ?? 'k8s/app.yaml';
  const pointer = rest.pointer ?? '/spec/type';
  return {
    ruleId,
    checklist: 'checklist' in init ? init.checklist : ruleId === INPUT_PROBLEM.id ? undefined : 'SEC-1',
    level: 'error',
    messageId,
    message: `${object === undefined ? 'The file' : `${object.kind} ${object.name}`} is wrong.`,
    file,
    region: { startLine, startColumn, endLine: region?.endLine ?? startLine, endColumn: region?.endColumn ?? startColumn + 10 },
    approximate: false,
    object,
    pointer,
    fingerprint: fingerprint([ruleId, messageId, file, object?.kind ?? '', object?.namespace ?? '', object?.name ?? '', pointer]),
    ...rest,
  };
}

/** A finding for a file that could not be parsed. */
export function makeInputProblem(file: string, line = 1, message = 'Nested mappings are not allowed in compact mappings'): Finding {
  return makeFinding({ ruleId: INPUT_PROBLEM.id, messageId: 'parse', checklist: undefined, file, line, message, object: null, pointer: '' });
}

export function makeInput(path: string, overrides: Partial<InputRecord> = {}): InputRecord {
  return { path, status: 'scanned', documents: 1, objects: 1, ...overrides };
}

/**
 * Items as the engine would derive them: counts from the findings; an item with an active rule counts
 * its workload evidence as evaluated, everything else is not evaluated with the usual reason.
 */
export function makeItems(findings: readonly Finding[], rules: readonly ActiveRule[], overrides: Partial<Record<ChecklistId, Partial<ItemResult>>> = {}): ItemResult[] {
  return CHECKLIST.map((item) => {
    const counts: Record<Level, number> = { error: 0, warning: 0, note: 0 };
    for (const f of findings) if (f.checklist === item.id) counts[f.level] += 1;
    const active = rules.some((r) => r.level !== 'off' && r.rule.checklist === item.id);
    const evaluated: Evidence[] = active ? item.evidence.filter((e) => e === 'workload') : [];
    const notEvaluated = item.evidence.filter((e) => !evaluated.includes(e)).map((evidence) => ({ evidence, reason: MISSING_EVIDENCE[evidence] }));
    const status: ItemStatus = counts.error + counts.warning > 0 ? 'violated' : evaluated.length > 0 ? 'satisfied' : 'not-evaluated';
    return { id: item.id, title: item.title, status, counts, evaluated, notEvaluated, ...overrides[item.id] };
  });
}

export interface ReportInit {
  readonly findings?: readonly Finding[];
  /** Defaults to one rule per rule id the findings use (at its default level). */
  readonly rules?: readonly ActiveRule[];
  readonly items?: readonly ItemResult[];
  /** Defaults to every file the findings name, scanned. */
  readonly inputs?: readonly InputRecord[];
  readonly notifications?: readonly Notification[];
  readonly failOn?: FailOn;
  readonly version?: string;
}

export function makeReport(init: ReportInit = {}): ScanReport {
  const findings = init.findings ?? [];
  const rules = init.rules ?? rulesFor(findings);
  const failOn = init.failOn ?? 'error';
  const blocking = findings.filter((f) => reaches(f.level, failOn)).length;
  return {
    tool: { name: 'aks-gate', version: init.version ?? '0.1.0', informationUri: 'https://github.com/example/aks-gate' },
    startedAt: '2025-01-02T03:04:05.000Z',
    finishedAt: '2025-01-02T03:04:06.500Z',
    inputs: init.inputs ?? [...new Set(findings.map((f) => f.file))].sort().map((path) => makeInput(path)),
    rules,
    findings,
    items: init.items ?? makeItems(findings, rules),
    notifications: init.notifications ?? [],
    gate: { failOn, passed: blocking === 0, blocking },
  };
}

function rulesFor(findings: readonly Finding[]): ActiveRule[] {
  const byId = new Map<string, ChecklistId>();
  for (const f of findings) if (f.checklist !== undefined && !byId.has(f.ruleId)) byId.set(f.ruleId, f.checklist);
  return [...byId].map(([id, checklist]) => {
    const rule = makeRule({ id, checklist });
    return { rule, level: rule.severity };
  });
}
