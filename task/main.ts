// Azure DevOps task adapter: task inputs → the core's config → scan → SARIF (CodeAnalysisLogs artifact),
// log, build issues, output variables, run summary and the task result. Everything it decides is
// decided in shared/.

import * as tl from 'azure-pipelines-task-lib/task';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigurationError } from '../shared/errors.js';
import { renderConsole } from '../shared/output/console.js';
import { countLevels, verdictText } from '../shared/output/findings.js';
import { safeLine } from '../shared/output/sanitize.js';
import { toMarkdownSummary } from '../shared/output/summary.js';
import type { Logger } from '../shared/platform.js';
import type { ScanReport } from '../shared/report.js';
import { runScan, writeReports } from '../shared/run.js';
import { PIPELINE_DEFAULTS, readTaskInputs, withTaskNames } from './inputs.js';
import { ISSUES_PER_STEP, issueNote, planIssues, type IssueBudget } from './issues.js';
import { OUTPUT_VARIABLES, outputValues } from './outputs.js';

/** The folder and artifact name the SARIF SAST Scans Tab extension reads. */
const CODE_ANALYSIS_LOGS = 'CodeAnalysisLogs';
const DEFAULT_SARIF = PIPELINE_DEFAULTS['sarif-file'] ?? 'aks-gate.sarif';
/** The file name is the section's title on the run's Extensions tab. */
const SUMMARY_NAME = 'aks-gate.md';

async function run(): Promise<void> {
  const cwd = tl.getVariable('Build.SourcesDirectory') || tl.getVariable('System.DefaultWorkingDirectory') || process.cwd();
  const tempDir = tl.getVariable('Agent.TempDirectory') || tmpdir();
  // The core's own warnings are build issues too, and count against the same per-step limit.
  const budget: IssueBudget = { ...ISSUES_PER_STEP };
  const logger: Logger = {
    info: (m) => console.log(safeLine(m)),
    warn: (m) => {
      if (budget.warning > 0) {
        budget.warning -= 1;
        tl.warning(safeLine(m));
      } else console.log(`warning: ${safeLine(m)}`);
    },
    debug: (m) => tl.debug(safeLine(m)),
  };
  try {
    // The task's messages are in task.json, one folder above the bundle (in the repository and in the .vsix).
    tl.setResourcePath(join(__dirname, '..', 'task.json'));
    const { config, summary } = readTaskInputs(tl);
    const report = await runScan(config, { cwd, logger });
    const sarifFile = resolve(cwd, config.sarifFile ?? DEFAULT_SARIF);
    await writeReports(report, { ...config, sarifFile }, cwd);
    // Already command-safe (every scanned value goes through safeLine); task-lib's filter is the second lock.
    tl.writeExternalOutput(renderConsole(report, { color: false }), { source: 'repository' });

    const result = taskResult(report);
    // setResult logs its message as an issue of its own.
    if (result === tl.TaskResult.Failed) budget.error -= 1;
    if (result === tl.TaskResult.SucceededWithIssues) budget.warning -= 1;
    const plan = planIssues(report.findings, budget);
    for (const issue of plan.issues) {
      tl.logIssue(issue.type === 'error' ? tl.IssueType.Error : tl.IssueType.Warning, issue.message, issue.sourcePath, issue.line, issue.column, issue.code);
    }

    tl.uploadArtifact(CODE_ANALYSIS_LOGS, sarifFile, CODE_ANALYSIS_LOGS);
    console.log(tl.loc('SarifPublished', safeLine(sarifFile), CODE_ANALYSIS_LOGS));
    const values = outputValues(report, sarifFile);
    for (const name of OUTPUT_VARIABLES) tl.setVariable(name, values[name], false, true);
    if (summary) {
      const note = issueNote(plan);
      const summaryFile = join(tempDir, SUMMARY_NAME);
      await mkdir(tempDir, { recursive: true });
      await writeFile(summaryFile, note === '' ? toMarkdownSummary(report) : `${toMarkdownSummary(report)}\n${note}\n`);
      tl.uploadSummary(summaryFile);
    }
    tl.setResult(result, `aks-gate: ${verdictText(report)}`);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      tl.setResult(tl.TaskResult.Failed, `aks-gate: ${safeLine(withTaskNames(error.message))}`);
    } else {
      if (error instanceof Error && error.stack) tl.debug(safeLine(error.stack));
      tl.setResult(tl.TaskResult.Failed, `aks-gate: internal error, please report it: ${safeLine(error instanceof Error ? error.message : String(error))}`);
    }
  }
}

/** Failed when the gate fails; SucceededWithIssues when errors or warnings stay below fail-on. */
function taskResult(report: ScanReport): tl.TaskResult {
  if (!report.gate.passed) return tl.TaskResult.Failed;
  const counts = countLevels(report.findings);
  return counts.error + counts.warning > 0 ? tl.TaskResult.SucceededWithIssues : tl.TaskResult.Succeeded;
}

void run();
