// Azure DevOps task adapter: task inputs → the core's config → scan → SARIF, summary, result.
// Thin on purpose; everything it decides is decided in shared/.

import * as tl from 'azure-pipelines-task-lib/task';
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { parseConfig, type InputName } from '../shared/config.js';
import { ConfigurationError } from '../shared/errors.js';
import { toMarkdownSummary } from '../shared/output/summary.js';
import { safeLine } from '../shared/output/sanitize.js';
import { runScan, writeReports } from '../shared/run.js';

/** Azure DevOps names inputs in camelCase: fail-on → failOn. */
function taskInputName(name: InputName): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

async function run(): Promise<void> {
  const cwd = tl.getVariable('Build.SourcesDirectory') ?? process.cwd();
  try {
    const config = parseConfig((name) => {
      const value = tl.getInput(taskInputName(name), false);
      return name === 'sarif-file' && !value ? join(tl.getVariable('Agent.TempDirectory') ?? cwd, 'aks-gate.sarif') : value;
    });
    const report = await runScan(config, {
      cwd,
      logger: { info: (m) => console.log(safeLine(m)), warn: (m) => tl.warning(safeLine(m)), debug: (m) => tl.debug(safeLine(m)) },
    });
    await writeReports(report, config, cwd);
    const summaryPath = join(tl.getVariable('Agent.TempDirectory') ?? cwd, 'aks-gate-summary.md');
    await writeFile(summaryPath, toMarkdownSummary(report));
    tl.uploadSummary(summaryPath);
    if (report.gate.passed) tl.setResult(tl.TaskResult.Succeeded, 'aks-gate: the checklist gate passed.');
    else tl.setResult(tl.TaskResult.Failed, `aks-gate: ${report.gate.blocking} finding(s) at or above "${report.gate.failOn}".`);
  } catch (error) {
    const message = error instanceof ConfigurationError ? safeLine(error.message) : `internal error, please report it: ${error instanceof Error ? error.message : String(error)}`;
    tl.setResult(tl.TaskResult.Failed, `aks-gate: ${message}`);
  }
}

void run();
