// The step's outputs, the same six the Azure DevOps task sets as output variables (in camelCase).

import { countLevels } from '../shared/output/findings.js';
import type { ScanReport } from '../shared/report.js';

export const OUTPUTS = ['sarif-file', 'passed', 'errors', 'warnings', 'items-violated', 'items-not-evaluated'] as const;
export type OutputName = (typeof OUTPUTS)[number];

export function outputValues(report: ScanReport, sarifFile: string): Record<OutputName, string> {
  const counts = countLevels(report.findings);
  const items = (status: string): string => String(report.items.filter((i) => i.status === status).length);
  return {
    'sarif-file': sarifFile,
    passed: String(report.gate.passed),
    errors: String(counts.error),
    warnings: String(counts.warning),
    'items-violated': items('violated'),
    'items-not-evaluated': items('not-evaluated'),
  };
}
