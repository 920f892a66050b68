// Rules × documents → findings, and a status for every checklist item: satisfied, violated, or not
// evaluated (no evidence in the inputs; never counted as passed).

import { createHash } from 'node:crypto';
import { CHECKLIST, MISSING_EVIDENCE, type ChecklistId, type Evidence } from './checklist.js';
import { Inventory } from './documents/inventory.js';
import type { Path, Region } from './documents/locator.js';
import { describe, type ManifestObject, type ObjectRef } from './documents/manifest.js';
import type { Level } from './levels.js';
import { formatMessage, type Rule, type Violation } from './rules/define-rule.js';
import type { RuleSettings } from './rules/settings.js';

export type RuleOverride = Level | 'off';

export interface Finding {
  readonly ruleId: string;
  /** Undefined only for input problems (a manifest that cannot be parsed), which no checklist item owns. */
  readonly checklist: ChecklistId | undefined;
  readonly level: Level;
  readonly messageId: string;
  readonly message: string;
  readonly file: string;
  readonly region: Region;
  /** The line was found again in a Helm template by key, not read off the file itself. */
  readonly approximate: boolean;
  readonly object: ObjectRef | undefined;
  /** JSON pointer of the offending key inside the object. */
  readonly pointer: string;
  /** Stable across edits elsewhere in the file: rule, file, object identity and pointer, no line numbers. */
  readonly fingerprint: string;
}

export type ItemStatus = 'satisfied' | 'violated' | 'not-evaluated';

export interface ItemResult {
  readonly id: ChecklistId;
  readonly title: string;
  readonly status: ItemStatus;
  readonly counts: Readonly<Record<Level, number>>;
  /** Evidence kinds that some rule of this item evaluated. */
  readonly evaluated: readonly Evidence[];
  /** Evidence kinds the checklist names for the item that nothing evaluated, and why. */
  readonly notEvaluated: readonly { readonly evidence: Evidence; readonly reason: string }[];
}

export interface EngineInput {
  readonly objects: readonly ManifestObject[];
  readonly rules: readonly Rule[];
  readonly overrides: Readonly<Record<string, RuleOverride>>;
  readonly settings: RuleSettings;
}

export interface EngineResult {
  readonly findings: Finding[];
  readonly items: ItemResult[];
  /** Why a rule evaluated nothing (no subjects, or switched off), by rule id. */
  readonly ruleSkips: ReadonlyMap<string, string>;
}

export function evaluate(input: EngineInput): EngineResult {
  const inventory = new Inventory(input.objects);
  const findings: Finding[] = [];
  const evaluated = new Map<ChecklistId, Set<Evidence>>();
  const ruleSkips = new Map<string, string>();

  for (const rule of input.rules) {
    const override = input.overrides[rule.id];
    if (override === 'off') {
      ruleSkips.set(rule.id, 'switched off in the configuration');
      continue;
    }
    const emit = (object: ManifestObject, violation: Violation<string>): void => {
      findings.push(toFinding(rule, object, violation, override === undefined ? undefined : override));
    };
    if (runRule(rule, inventory, emit, input.settings)) {
      const set = evaluated.get(rule.checklist) ?? new Set<Evidence>();
      set.add('workload');
      evaluated.set(rule.checklist, set);
    } else {
      ruleSkips.set(rule.id, `no ${subjectsOf(rule)} in the inputs`);
    }
  }

  dedupeFingerprints(findings);
  return { findings, items: itemResults(findings, evaluated, input.rules, ruleSkips), ruleSkips };
}

/** Runs one rule over its subjects; returns whether it had any subject. */
function runRule(rule: Rule, inventory: Inventory, emit: (object: ManifestObject, v: Violation<string>) => void, settings: RuleSettings): boolean {
  switch (rule.target) {
    case 'object': {
      const subjects = rule.kinds === '*' ? inventory.objects : rule.kinds.flatMap((kind) => inventory.ofKind(kind));
      for (const object of subjects) rule.check(object, (v) => emit(object, v), settings);
      return subjects.length > 0;
    }
    case 'pod':
      for (const pod of inventory.pods) rule.check(pod, (v) => emit(pod.object, v), settings);
      return inventory.pods.length > 0;
    case 'inventory':
      return rule.check(inventory, (v) => emit(v.object, v), settings);
  }
}

function subjectsOf(rule: Rule): string {
  switch (rule.target) {
    case 'object':
      return rule.kinds === '*' ? 'Kubernetes objects' : rule.kinds.join(' or ');
    case 'pod':
      return 'workloads (Pods, Deployments, StatefulSets, DaemonSets, Jobs, CronJobs)';
    case 'inventory':
      return rule.subjects;
  }
}

function toFinding(rule: Rule, object: ManifestObject, violation: Violation<string>, override: Level | undefined): Finding {
  const path = violation.path ?? [];
  const located = object.locate(path);
  const data = { object: describe(object), ...violation.data };
  const template = (rule.messages as Record<string, string>)[violation.messageId] ?? violation.messageId;
  const pointer = toPointer(path);
  return {
    ruleId: rule.id,
    checklist: rule.checklist,
    level: override ?? violation.level ?? rule.severity,
    messageId: violation.messageId,
    message: formatMessage(template, data),
    file: object.file,
    region: located.region,
    approximate: object.approximate,
    object: { apiVersion: object.apiVersion, kind: object.kind, name: object.name, namespace: object.namespace },
    pointer,
    fingerprint: fingerprint([rule.id, violation.messageId, object.file, object.kind, object.namespace ?? '', object.name, pointer]),
  };
}

export function toPointer(path: Path): string {
  return path.map((segment) => '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function fingerprint(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/** The same object written twice gives the same fingerprint twice; SARIF consumers need them distinct. */
function dedupeFingerprints(findings: Finding[]): void {
  const seen = new Map<string, number>();
  findings.forEach((finding, i) => {
    const n = seen.get(finding.fingerprint) ?? 0;
    seen.set(finding.fingerprint, n + 1);
    if (n > 0) findings[i] = { ...finding, fingerprint: fingerprint([finding.fingerprint, String(n)]) };
  });
}

function itemResults(
  findings: readonly Finding[],
  evaluated: ReadonlyMap<ChecklistId, ReadonlySet<Evidence>>,
  rules: readonly Rule[],
  ruleSkips: ReadonlyMap<string, string>,
): ItemResult[] {
  return CHECKLIST.map((item) => {
    const counts: Record<Level, number> = { error: 0, warning: 0, note: 0 };
    for (const f of findings) if (f.checklist === item.id) counts[f.level] += 1;
    const done = evaluated.get(item.id) ?? new Set<Evidence>();
    const itemRules = rules.filter((r) => r.checklist === item.id);
    const notEvaluated = item.evidence
      .filter((evidence) => !done.has(evidence))
      .map((evidence) => ({ evidence, reason: reasonNotEvaluated(evidence, itemRules, ruleSkips) }));
    const status: ItemStatus = counts.error + counts.warning > 0 ? 'violated' : done.size > 0 ? 'satisfied' : 'not-evaluated';
    return { id: item.id, title: item.title, status, counts, evaluated: item.evidence.filter((e) => done.has(e)), notEvaluated };
  });
}

const NOT_READ_YET: Record<Evidence, string> = {
  workload: MISSING_EVIDENCE.workload,
  cluster: 'AKS cluster definitions (ARM, Bicep, Terraform) are not read by this version yet',
  images: 'image scanning (Trivy, Grype) is not in this version yet',
  live: 'the live cluster probe is not in this version yet',
};

/** The kinds of evidence this version can read; the others are named as such when missing. */
export const EVIDENCE_READ: ReadonlySet<Evidence> = new Set<Evidence>(['workload']);

function reasonNotEvaluated(evidence: Evidence, rules: readonly Rule[], ruleSkips: ReadonlyMap<string, string>): string {
  if (!EVIDENCE_READ.has(evidence)) return NOT_READ_YET[evidence];
  const deciding = rules.filter((r) => r.evidence.includes(evidence));
  if (deciding.length === 0) return MISSING_EVIDENCE[evidence];
  // The rules that could decide it all had nothing to look at, or were switched off: say why, once each.
  const reasons = [...new Set(deciding.map((r) => ruleSkips.get(r.id)).filter((r): r is string => r !== undefined))];
  return reasons.length > 0 ? reasons.join('; ') : MISSING_EVIDENCE[evidence];
}
