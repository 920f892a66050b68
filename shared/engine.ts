// Rules × documents → findings, and a status for every checklist item: satisfied, violated, or not
// evaluated (no evidence in the inputs; never counted as passed).

import { createHash } from 'node:crypto';
import { CHECKLIST, MISSING_EVIDENCE, type ChecklistId, type Evidence } from './checklist.js';
import { Inventory } from './documents/inventory.js';
import type { Path, Region } from './documents/locator.js';
import { describe, type ManifestObject, type ObjectRef } from './documents/manifest.js';
import type { Level } from './levels.js';
import { EMPTY_INFRASTRUCTURE, type Infrastructure, type ResourceBase } from './documents/cluster/model.js';
import {
  formatMessage,
  type ClusterRule,
  type ClusterViolation,
  type InfrastructureRule,
  type InventoryRule,
  type ObjectRule,
  type PodRule,
  type Rule,
  type Violation,
} from './rules/define-rule.js';
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
  /** What the cluster definitions in the inputs describe; none when omitted. */
  readonly infrastructure?: Infrastructure;
  readonly rules: readonly Rule[];
  readonly overrides: Readonly<Record<string, RuleOverride>>;
  readonly settings: RuleSettings;
  /** Results decided outside the rule registry (image scans): their findings and what they evaluated join the items. */
  readonly external?: readonly ExternalResult[];
}

/** Evidence one item got from outside the rules, e.g. SEC-4's image scans. */
export interface ExternalResult {
  readonly checklist: ChecklistId;
  readonly evidence: Evidence;
  /** Something was decided (at least one image scanned). */
  readonly evaluated: boolean;
  /** Why some or all of it could not be decided (no scanner installed, an image that timed out). */
  readonly notEvaluated: readonly string[];
  readonly findings: readonly Finding[];
}

export interface EngineResult {
  readonly findings: Finding[];
  readonly items: ItemResult[];
  /** Why a rule evaluated nothing (no subjects, or switched off), by rule id. */
  readonly ruleSkips: ReadonlyMap<string, string>;
}

export function evaluate(input: EngineInput): EngineResult {
  const inventory = new Inventory(input.objects);
  const infrastructure = input.infrastructure ?? EMPTY_INFRASTRUCTURE;
  const findings: Finding[] = [];
  const evaluated = new Map<ChecklistId, Set<Evidence>>();
  const inconclusive = new Map<ChecklistId, string[]>();
  const ruleSkips = new Map<string, string>();
  const externalReasons: ExternalReason[] = [];

  for (const rule of input.rules) {
    const override = input.overrides[rule.id];
    if (override === 'off') {
      ruleSkips.set(rule.id, 'switched off in the configuration');
      continue;
    }
    const level = override;
    const outcome =
      rule.target === 'cluster' || rule.target === 'infrastructure'
        ? runClusterRule(rule, infrastructure, input.settings, (v) => findings.push(clusterFinding(rule, v, level)))
        : { ran: runWorkloadRule(rule, inventory, (object, v) => findings.push(objectFinding(rule, object, v, level)), input.settings), unknown: [] };
    const evidence: Evidence = rule.target === 'cluster' || rule.target === 'infrastructure' ? 'cluster' : 'workload';
    if (outcome.unknown.length > 0) inconclusive.set(rule.checklist, [...(inconclusive.get(rule.checklist) ?? []), ...outcome.unknown]);
    if (outcome.ran) {
      const set = evaluated.get(rule.checklist) ?? new Set<Evidence>();
      set.add(evidence);
      evaluated.set(rule.checklist, set);
    } else if (outcome.unknown.length === 0) {
      ruleSkips.set(rule.id, `no ${subjectsOf(rule)} in the inputs`);
    }
  }

  for (const external of input.external ?? []) {
    findings.push(...external.findings);
    if (external.evaluated) evaluated.set(external.checklist, new Set([...(evaluated.get(external.checklist) ?? []), external.evidence]));
    externalReasons.push(...external.notEvaluated.map((reason) => ({ checklist: external.checklist, evidence: external.evidence, reason })));
  }

  dedupeFingerprints(findings);
  return { findings, items: itemResults(findings, evaluated, inconclusive, input.rules, ruleSkips, externalReasons), ruleSkips };
}

/** Runs one workload rule over its subjects; returns whether it had any subject. */
function runWorkloadRule(
  rule: ObjectRule<string> | PodRule<string> | InventoryRule<string>,
  inventory: Inventory,
  emit: (object: ManifestObject, v: Violation<string>) => void,
  settings: RuleSettings,
): boolean {
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

interface ClusterOutcome {
  /** At least one cluster (or the infrastructure as a whole) was decided. */
  readonly ran: boolean;
  /** Why some could not be decided: `aks1: enableAzureRBAC is the expression "[...]"`. */
  readonly unknown: string[];
}

/**
 * Runs a cluster rule per cluster. A cluster the rule could not decide (it called notEvaluated and
 * reported nothing) does not count as evaluated: its reason is kept so the item is never passed on it.
 */
function runClusterRule(
  rule: ClusterRule<string> | InfrastructureRule<string>,
  infrastructure: Infrastructure,
  settings: RuleSettings,
  emit: (v: ClusterViolation<string> & { readonly cluster: ResourceBase | undefined }) => void,
): ClusterOutcome {
  const unknown: string[] = [];
  if (rule.target === 'infrastructure') {
    let undecided: string | undefined;
    const ran = rule.check(infrastructure, (v) => emit({ ...v, cluster: undefined }), { infrastructure, settings, notEvaluated: (reason) => (undecided = reason) });
    if (undecided !== undefined) unknown.push(undecided);
    return { ran: ran && undecided === undefined, unknown };
  }
  let ran = false;
  for (const cluster of infrastructure.clusters) {
    let reported = false;
    let undecided: string | undefined;
    rule.check(
      cluster,
      (v) => {
        reported = true;
        emit({ ...v, cluster });
      },
      { infrastructure, settings, notEvaluated: (reason) => (undecided ??= reason) },
    );
    if (undecided !== undefined && !reported) unknown.push(`${cluster.displayName}: ${undecided}`);
    else ran = true;
  }
  return { ran, unknown };
}

function subjectsOf(rule: Rule): string {
  switch (rule.target) {
    case 'object':
      return rule.kinds === '*' ? 'Kubernetes objects' : rule.kinds.join(' or ');
    case 'pod':
      return 'workloads (Pods, Deployments, StatefulSets, DaemonSets, Jobs, CronJobs)';
    case 'inventory':
    case 'infrastructure':
      return rule.subjects;
    case 'cluster':
      return 'AKS cluster definitions';
  }
}

function objectFinding(rule: Rule, object: ManifestObject, violation: Violation<string>, override: Level | undefined): Finding {
  const path = violation.path ?? [];
  const located = object.locate(path);
  const pointer = toPointer(path);
  return {
    ruleId: rule.id,
    checklist: rule.checklist,
    level: override ?? violation.level ?? rule.severity,
    messageId: violation.messageId,
    message: message(rule, violation.messageId, { object: describe(object), ...violation.data }),
    file: object.file,
    region: located.region,
    approximate: object.approximate,
    object: { apiVersion: object.apiVersion, kind: object.kind, name: object.name, namespace: object.namespace },
    pointer,
    fingerprint: fingerprint([rule.id, violation.messageId, object.file, object.kind, object.namespace ?? '', object.name, pointer]),
  };
}

function clusterFinding(rule: Rule, violation: ClusterViolation<string> & { readonly cluster: ResourceBase | undefined }, override: Level | undefined): Finding {
  const subject = violation.subject ?? violation.cluster;
  return {
    ruleId: rule.id,
    checklist: rule.checklist,
    level: override ?? violation.level ?? rule.severity,
    messageId: violation.messageId,
    message: message(rule, violation.messageId, { ...(violation.cluster ? { cluster: violation.cluster.displayName } : {}), ...violation.data }),
    file: violation.at.file,
    region: violation.at.region,
    approximate: violation.at.approximate === true,
    object: subject ? { apiVersion: subject.format, kind: RESOURCE_KIND_LABEL, name: subject.displayName, namespace: undefined } : undefined,
    pointer: '',
    fingerprint: fingerprint([rule.id, violation.messageId, violation.at.file, subject?.id ?? '']),
  };
}

/** How a cluster-definition resource is named as a logical location. */
const RESOURCE_KIND_LABEL = 'AzureResource';

function message(rule: Rule, messageId: string, data: Readonly<Record<string, string | number>>): string {
  const template = (rule.messages as Record<string, string>)[messageId] ?? messageId;
  return formatMessage(template, data);
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
  inconclusive: ReadonlyMap<ChecklistId, readonly string[]>,
  rules: readonly Rule[],
  ruleSkips: ReadonlyMap<string, string>,
  externalReasons: readonly ExternalReason[],
): ItemResult[] {
  return CHECKLIST.map((item) => {
    const counts: Record<Level, number> = { error: 0, warning: 0, note: 0 };
    for (const f of findings) if (f.checklist === item.id) counts[f.level] += 1;
    const done = evaluated.get(item.id) ?? new Set<Evidence>();
    const itemRules = rules.filter((r) => r.checklist === item.id);
    const unknown = [...new Set(inconclusive.get(item.id) ?? [])];
    const external = externalReasons.filter((r) => r.checklist === item.id);
    const explained = new Set(external.map((r) => r.evidence));
    const notEvaluated = [
      ...item.evidence
        .filter((evidence) => !done.has(evidence) && !(evidence === 'cluster' && unknown.length > 0) && !explained.has(evidence))
        .map((evidence) => ({ evidence, reason: reasonNotEvaluated(evidence, itemRules, ruleSkips) })),
      ...unknown.map((reason) => ({ evidence: 'cluster' as const, reason })),
      ...external.map(({ evidence, reason }) => ({ evidence, reason })),
    ];
    // A value that could not be resolved, or an image that could not be scanned, never lets an item pass:
    // it stays not evaluated unless something is violated.
    const status: ItemStatus =
      counts.error + counts.warning > 0 ? 'violated' : unknown.length + external.length > 0 ? 'not-evaluated' : done.size > 0 ? 'satisfied' : 'not-evaluated';
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
export const EVIDENCE_READ: ReadonlySet<Evidence> = new Set<Evidence>(['workload', 'cluster', 'images']);

interface ExternalReason {
  readonly checklist: ChecklistId;
  readonly evidence: Evidence;
  readonly reason: string;
}

function reasonNotEvaluated(evidence: Evidence, rules: readonly Rule[], ruleSkips: ReadonlyMap<string, string>): string {
  if (!EVIDENCE_READ.has(evidence)) return NOT_READ_YET[evidence];
  const deciding = rules.filter((r) => r.evidence.includes(evidence));
  if (deciding.length === 0) return MISSING_EVIDENCE[evidence];
  // The rules that could decide it all had nothing to look at, or were switched off: say why, once each.
  const reasons = [...new Set(deciding.map((r) => ruleSkips.get(r.id)).filter((r): r is string => r !== undefined))];
  return reasons.length > 0 ? reasons.join('; ') : MISSING_EVIDENCE[evidence];
}
