// Findings as build issues (`##vso[task.logissue type=error;sourcepath=…;linenumber=…;columnnumber=…]`),
// most severe first, within what the agent keeps per step; the summary says how many more the SARIF has.

import type { Finding } from '../shared/engine.js';
import { bySeverity, plural } from '../shared/output/findings.js';
import { safeLine, truncate } from '../shared/output/sanitize.js';
import { STDIN_NAME } from '../shared/sources/load.js';

/**
 * The agent keeps the first 10 errors and 10 warnings of a step as issues and only counts the rest
 * (azure-pipelines-agent, Agent.Worker/ExecutionContext.cs, `_maxIssueCount = 10`); the run's page
 * lists those (microsoft/azure-pipelines-tasks#11841). There is no notice type: notes are not issues.
 */
export const ISSUES_PER_STEP = { error: 10, warning: 10 } as const;
export type IssueType = keyof typeof ISSUES_PER_STEP;
export type IssueBudget = Record<IssueType, number>;

const MAX_MESSAGE = 1_000;

export interface Issue {
  readonly type: IssueType;
  readonly message: string;
  /** The rule id, shown as the issue's code. */
  readonly code: string;
  readonly sourcePath?: string;
  readonly line?: number;
  readonly column?: number;
}

export interface IssuePlan {
  readonly issues: readonly Issue[];
  /** Findings not listed as issues: notes, and what is over the limits. */
  readonly left: number;
}

/** `budget` is what is still free of each type (the adapter's own warnings and result line come off first). */
export function planIssues(findings: readonly Finding[], budget: Readonly<IssueBudget>): IssuePlan {
  const free: IssueBudget = { ...budget };
  const issues: Issue[] = [];
  for (const f of [...findings].sort(bySeverity)) {
    if (f.level === 'note' || free[f.level] <= 0) continue;
    free[f.level] -= 1;
    const text = `${f.checklist === undefined ? '' : `${f.checklist}: `}${f.message}${f.approximate ? ' (approximate location)' : ''}`;
    // Findings from stdin, and image findings of images given directly (no file), have no source path.
    const where = f.file === STDIN_NAME || f.file === '' ? {} : { sourcePath: safeLine(f.file), line: f.region.startLine, column: f.region.startColumn };
    issues.push({ type: f.level, message: safeLine(truncate(text, MAX_MESSAGE)), code: safeLine(f.ruleId), ...where });
  }
  return { issues, left: findings.length - issues.length };
}

/** The summary's last word on build issues: how many were listed and how many more the SARIF has. */
export function issueNote(plan: IssuePlan): string {
  const shown = plan.issues.length;
  if (shown + plan.left === 0) return '';
  const limits = `Azure Pipelines keeps ${ISSUES_PER_STEP.error} errors and ${ISSUES_PER_STEP.warning} warnings per step`;
  const what = shown === 0 ? 'no finding is listed as a build issue' : `the ${plural(shown, 'most severe finding is', 'most severe findings are')} listed as build issues`;
  const more = plan.left === 0 ? '' : `; ${plural(plan.left, 'more finding is', 'more findings are')} in the SARIF report, published as the CodeAnalysisLogs artifact (the Scans tab)`;
  return `> **Build issues:** ${what} (${limits})${more}.`;
}
