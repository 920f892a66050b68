// A rule is metadata plus one small pure function. The metadata is the single source for the SARIF
// rule descriptor, the summary, the README rule table and the docs; the function only reads
// normalized documents and reports violations by message id.

import type { ChecklistId, Evidence } from '../checklist.js';
import type { Path } from '../documents/locator.js';
import type { ManifestObject } from '../documents/manifest.js';
import type { PodTemplate } from '../documents/workloads.js';
import type { Inventory } from '../documents/inventory.js';
import type { AksCluster, Infrastructure, ResourceBase, SourceLocation } from '../documents/cluster/model.js';
import type { Level } from '../levels.js';
import type { RuleSettings } from './settings.js';

export interface Violation<M extends string> {
  readonly messageId: M;
  /** Values for the message's `{{placeholders}}`. `{{object}}` is filled in for you. Never a secret's value. */
  readonly data?: Readonly<Record<string, string | number>>;
  /** Path of the offending key inside the object; the object itself when omitted. */
  readonly path?: Path;
  /** Only when one rule reports at two levels (e.g. public error, IP-restricted warning). */
  readonly level?: Level;
}

export type Report<M extends string> = (violation: Violation<M>) => void;
export type ReportOn<M extends string> = (violation: Violation<M> & { readonly object: ManifestObject }) => void;

interface RuleMeta<M extends string> {
  /** Unique, kebab-case, equal to the file name; the SARIF ruleId. */
  readonly id: string;
  /** The one checklist item this rule decides (part of). */
  readonly checklist: ChecklistId;
  readonly title: string;
  /** Default level; users may override it per rule. */
  readonly severity: Level;
  /** 0.0–10.0 for SARIF `security-severity`; derived from the severity when omitted. */
  readonly securitySeverity?: number;
  /** Which inputs can decide it. */
  readonly evidence: readonly Evidence[];
  readonly messages: Readonly<Record<M, string>>;
  /** Markdown: what is checked and why it matters. */
  readonly help: string;
  /** A full sentence (or more) saying how to fix it. */
  readonly remediation: string;
  readonly references: readonly string[];
  /** Extra SARIF tags besides the checklist id and "security". */
  readonly tags?: readonly string[];
}

/** Runs once per object of the given kinds ('*' for every object). */
export interface ObjectRule<M extends string> extends RuleMeta<M> {
  readonly target: 'object';
  readonly kinds: readonly string[] | '*';
  check(object: ManifestObject, report: Report<M>, settings: RuleSettings): void;
}

/** Runs once per pod template (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, …). */
export interface PodRule<M extends string> extends RuleMeta<M> {
  readonly target: 'pod';
  check(pod: PodTemplate, report: Report<M>, settings: RuleSettings): void;
}

/** Runs once over all objects, for checks across objects (an HPA for each Deployment). */
export interface InventoryRule<M extends string> extends RuleMeta<M> {
  readonly target: 'inventory';
  /** What it looks at, for "not evaluated: no … in the inputs". */
  readonly subjects: string;
  /** Returns whether there was anything to evaluate. */
  check(inventory: Inventory, report: ReportOn<M>, settings: RuleSettings): boolean;
}

/** A violation in a cluster definition: placed on the field's line, or the resource's when the field is missing. */
export interface ClusterViolation<M extends string> {
  readonly messageId: M;
  /** Values for the message's placeholders; `{{cluster}}` is filled in for you. */
  readonly data?: Readonly<Record<string, string | number>>;
  readonly at: SourceLocation;
  /** The resource the finding is about (a node pool, a gateway); the cluster when omitted. Part of the fingerprint. */
  readonly subject?: ResourceBase;
  readonly level?: Level;
}

export interface ClusterContext {
  readonly infrastructure: Infrastructure;
  readonly settings: RuleSettings;
  /**
   * The rule could not decide for this cluster because a value it needs is unknown (an unresolved expression or
   * variable): the item is reported as not evaluated with this reason, never as passed.
   */
  notEvaluated(reason: string): void;
}

/** Runs once per AKS cluster in the cluster definitions. */
export interface ClusterRule<M extends string> extends RuleMeta<M> {
  readonly target: 'cluster';
  check(cluster: AksCluster, report: (violation: ClusterViolation<M>) => void, context: ClusterContext): void;
}

/** Runs once over all cluster definitions together (regions, traffic routing across clusters). */
export interface InfrastructureRule<M extends string> extends RuleMeta<M> {
  readonly target: 'infrastructure';
  readonly subjects: string;
  /** Returns whether there was anything to evaluate. */
  check(infrastructure: Infrastructure, report: (violation: ClusterViolation<M>) => void, context: ClusterContext): boolean;
}

export type Rule<M extends string = string> = ObjectRule<M> | PodRule<M> | InventoryRule<M> | ClusterRule<M> | InfrastructureRule<M>;

/** Generic over the message ids, so that reporting an id the rule does not define is a compile error. */
export function defineRule<M extends string>(rule: ObjectRule<M>): ObjectRule<M>;
export function defineRule<M extends string>(rule: PodRule<M>): PodRule<M>;
export function defineRule<M extends string>(rule: InventoryRule<M>): InventoryRule<M>;
export function defineRule<M extends string>(rule: ClusterRule<M>): ClusterRule<M>;
export function defineRule<M extends string>(rule: InfrastructureRule<M>): InfrastructureRule<M>;
export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}

/** Fills `{{placeholders}}`; an unknown placeholder stays visible so a test catches it. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

const SECURITY_SEVERITY: Record<Level, number> = { error: 8.0, warning: 5.0, note: 2.0 };

export function securitySeverityOf(rule: Rule): string {
  return (rule.securitySeverity ?? SECURITY_SEVERITY[rule.severity]).toFixed(1);
}
