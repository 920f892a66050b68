// GitHub Action adapter: action inputs → the core's config → scan → SARIF, step summary, outputs.
// Thin on purpose; everything it decides is decided in shared/.

import * as core from '@actions/core';
import { parseConfig } from '../shared/config.js';
import { ConfigurationError } from '../shared/errors.js';
import { toMarkdownSummary } from '../shared/output/summary.js';
import { safeLine } from '../shared/output/sanitize.js';
import { runScan, writeReports } from '../shared/run.js';

async function run(): Promise<void> {
  const cwd = process.env.GITHUB_WORKSPACE ?? process.cwd();
  try {
    const config = parseConfig((name) => (name === 'sarif-file' ? core.getInput(name) || 'aks-gate.sarif' : core.getInput(name)));
    const report = await runScan(config, {
      cwd,
      logger: { info: (m) => core.info(safeLine(m)), warn: (m) => core.warning(safeLine(m)), debug: (m) => core.debug(safeLine(m)) },
    });
    await writeReports(report, config, cwd);
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(toMarkdownSummary(report)).write();
    const count = (level: string): number => report.findings.filter((f) => f.level === level).length;
    core.setOutput('sarif-file', config.sarifFile ?? '');
    core.setOutput('passed', String(report.gate.passed));
    core.setOutput('errors', String(count('error')));
    core.setOutput('warnings', String(count('warning')));
    core.setOutput('items-violated', String(report.items.filter((i) => i.status === 'violated').length));
    core.setOutput('items-not-evaluated', String(report.items.filter((i) => i.status === 'not-evaluated').length));
    if (!report.gate.passed) core.setFailed(`aks-gate: ${report.gate.blocking} finding(s) at or above "${report.gate.failOn}"; see the summary and the SARIF report.`);
  } catch (error) {
    if (error instanceof ConfigurationError) core.setFailed(`aks-gate: ${safeLine(error.message)}`);
    else core.setFailed(`aks-gate: internal error, please report it: ${error instanceof Error ? error.message : String(error)}`);
  }
}

void run();
