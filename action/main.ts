// GitHub Action adapter: action inputs → the core's config → scan → SARIF, log, annotations, outputs,
// job summary, and a failed step when the gate fails. Everything it decides is decided in shared/.

import * as core from '@actions/core';
import { randomUUID } from 'node:crypto';
import { ConfigurationError } from '../shared/errors.js';
import { renderConsole } from '../shared/output/console.js';
import { verdictText } from '../shared/output/findings.js';
import { safeLine } from '../shared/output/sanitize.js';
import { toMarkdownSummary } from '../shared/output/summary.js';
import type { Logger } from '../shared/platform.js';
import type { ScanReport } from '../shared/report.js';
import { runScan, writeReports } from '../shared/run.js';
import { ANNOTATIONS_PER_STEP, annotationNote, planAnnotations, type AnnotationBudget } from './annotations.js';
import { PIPELINE_DEFAULTS, readActionInputs } from './inputs.js';
import { OUTPUTS, outputValues } from './outputs.js';

const DEFAULT_SARIF = PIPELINE_DEFAULTS['sarif-file'] ?? 'aks-gate.sarif';

async function run(): Promise<void> {
  const cwd = process.env.GITHUB_WORKSPACE || process.cwd();
  // The core's own warnings are annotations too, and count against the same per-step limits.
  const budget: AnnotationBudget = { ...ANNOTATIONS_PER_STEP };
  const logger: Logger = {
    info: (m) => core.info(safeLine(m)),
    warn: (m) => {
      if (budget.warning > 0) {
        budget.warning -= 1;
        core.warning(safeLine(m));
      } else core.info(`warning: ${safeLine(m)}`);
    },
    debug: (m) => core.debug(safeLine(m)),
  };
  try {
    const { config, summary } = readActionInputs((name) => core.getInput(name));
    const report = await runScan(config, { cwd, logger });
    const sarifFile = config.sarifFile ?? DEFAULT_SARIF;
    await writeReports(report, { ...config, sarifFile }, cwd);
    printReport(report);

    // core.setFailed is an error annotation of its own.
    if (!report.gate.passed) budget.error -= 1;
    const plan = planAnnotations(report.findings, budget);
    for (const a of plan.annotations) core[a.kind](a.message, a.properties);

    const values = outputValues(report, sarifFile);
    for (const name of OUTPUTS) core.setOutput(name, values[name]);
    if (summary && process.env.GITHUB_STEP_SUMMARY) {
      const note = annotationNote(plan, sarifFile);
      await core.summary.addRaw(note === '' ? toMarkdownSummary(report) : `${toMarkdownSummary(report)}\n${note}\n`).write();
    }
    if (report.gate.passed) core.info(`aks-gate: ${verdictText(report)}`);
    else core.setFailed(`aks-gate: ${verdictText(report)}`);
  } catch (error) {
    if (error instanceof ConfigurationError) core.setFailed(`aks-gate: ${safeLine(error.message)}`);
    else {
      if (error instanceof Error && error.stack) core.debug(safeLine(error.stack));
      core.setFailed(`aks-gate: internal error, please report it: ${safeLine(error instanceof Error ? error.message : String(error))}`);
    }
  }
}

/**
 * The console report is already command-safe (every scanned value goes through safeLine); commands are
 * also stopped around it, as GitHub advises for output a step does not control line by line.
 */
function printReport(report: ScanReport): void {
  const token = randomUUID();
  process.stdout.write(`::stop-commands::${token}\n`);
  process.stdout.write(renderConsole(report, { color: false }));
  process.stdout.write(`::${token}::\n`);
}

void run();
