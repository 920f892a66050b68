// The task's output variables, the same six the GitHub Action sets as outputs (there in kebab-case).

import { countLevels } from '../shared/output/findings.js';
import type { ScanReport } from '../shared/report.js';

export const OUTPUT_VARIABLES = ['sarifFile', 'passed', 'errors', 'warnings', 'itemsViolated', 'itemsNotEvaluated'] as const;
export type OutputVariable = (typeof OUTPUT_VARIABLES)[number];

export function outputValues(report: ScanReport, sarifFile: string): Record<OutputVariable, string> {
  const counts = countLevels(report.findings);
  const items = (status: string): string => String(report.items.filter((i) => i.status === status).length);
  return {
    sarifFile,
    passed: String(report.gate.passed),
    errors: String(counts.error),
    warnings: String(counts.warning),
    itemsViolated: items('violated'),
    itemsNotEvaluated: items('not-evaluated'),
  };
}
