// Findings as workflow-command annotations (`::error file=…,line=…,col=…::message`), most severe
// first, within what GitHub keeps per step; the summary says how many more the SARIF file holds.

import type { AnnotationProperties } from '@actions/core';
import type { Finding } from '../shared/engine.js';
import type { Level } from '../shared/levels.js';
import { bySeverity, plural } from '../shared/output/findings.js';
import { md } from '../shared/output/markdown.js';
import { safeLine, truncate } from '../shared/output/sanitize.js';
import { STDIN_NAME } from '../shared/sources/load.js';

/**
 * GitHub keeps 10 error, 10 warning and 10 notice annotations per step and 50 per job; the rest are
 * dropped without a word (actions/toolkit, docs/problem-matchers.md, "Limitations").
 */
export const ANNOTATIONS_PER_STEP = { error: 10, warning: 10, notice: 10 } as const;
export type AnnotationKind = keyof typeof ANNOTATIONS_PER_STEP;
export type AnnotationBudget = Record<AnnotationKind, number>;

const KIND: Record<Level, AnnotationKind> = { error: 'error', warning: 'warning', note: 'notice' };
/** An annotation is a one-line hint on a file; the summary and the SARIF carry the full text. */
const MAX_MESSAGE = 1_000;

export interface Annotation {
  readonly kind: AnnotationKind;
  readonly message: string;
  readonly properties: AnnotationProperties;
}

export interface AnnotationPlan {
  readonly annotations: readonly Annotation[];
  /** Findings not annotated: over the limits. */
  readonly left: number;
}

/** `budget` is what is still free of each kind (the adapter's own warnings and failure line come off first). */
export function planAnnotations(findings: readonly Finding[], budget: Readonly<AnnotationBudget>): AnnotationPlan {
  const free: AnnotationBudget = { ...budget };
  const annotations: Annotation[] = [];
  for (const finding of [...findings].sort(bySeverity)) {
    const kind = KIND[finding.level];
    if (free[kind] <= 0) continue;
    free[kind] -= 1;
    annotations.push(toAnnotation(finding, kind));
  }
  return { annotations, left: findings.length - annotations.length };
}

function toAnnotation(f: Finding, kind: AnnotationKind): Annotation {
  const title = f.checklist === undefined ? f.ruleId : `${f.ruleId} (${f.checklist})`;
  const message = f.approximate ? `${f.message} (approximate location)` : f.message;
  // Columns only with a single line: GitHub ignores them on a range of lines.
  // Findings from stdin, and image findings of images given directly (no file), have no place in the repository.
  const where: AnnotationProperties = f.file === STDIN_NAME || f.file === '' ? {} : { file: safeLine(f.file), startLine: f.region.startLine, startColumn: f.region.startColumn };
  return { kind, message: safeLine(truncate(message, MAX_MESSAGE)), properties: { title: safeLine(title), ...where } };
}

/** The summary's last word on annotations: how many were shown and how many more the SARIF file has. */
export function annotationNote(plan: AnnotationPlan, sarifFile: string): string {
  const shown = plan.annotations.length;
  if (shown + plan.left === 0) return '';
  const limits = `GitHub keeps ${ANNOTATIONS_PER_STEP.error} error, ${ANNOTATIONS_PER_STEP.warning} warning and ${ANNOTATIONS_PER_STEP.notice} notice annotations per step`;
  const what = shown === 0 ? 'no finding is annotated' : `the ${plural(shown, 'most severe finding is', 'most severe findings are')} annotated on the files`;
  const more = plan.left === 0 ? '' : `; ${plural(plan.left, 'more finding is', 'more findings are')} in the SARIF file ${md(sarifFile)}`;
  return `> **Annotations:** ${what} (${limits})${more}.`;
}
