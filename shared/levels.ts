// Severity levels, as SARIF names them, and the gate threshold.

export const LEVELS = ['error', 'warning', 'note'] as const;
export type Level = (typeof LEVELS)[number];

export const FAIL_ON = ['error', 'warning', 'note', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

const RANK: Record<Level, number> = { error: 3, warning: 2, note: 1 };

export function levelRank(level: Level): number {
  return RANK[level];
}

/** True when a finding of this level reaches the threshold, i.e. fails the gate. */
export function reaches(level: Level, threshold: FailOn): boolean {
  return threshold !== 'never' && RANK[level] >= RANK[threshold];
}

export function isLevel(value: string): value is Level {
  return (LEVELS as readonly string[]).includes(value);
}
