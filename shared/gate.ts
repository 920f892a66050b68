// The pass/fail decision, pure: the gate fails when any finding reaches the threshold.

import type { Finding } from './engine.js';
import { reaches, type FailOn } from './levels.js';
import type { GateResult } from './report.js';

export function decideGate(findings: readonly Pick<Finding, 'level'>[], failOn: FailOn): GateResult {
  const blocking = findings.filter((f) => reaches(f.level, failOn)).length;
  return { failOn, passed: blocking === 0, blocking };
}
