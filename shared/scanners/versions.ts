// Scanner versions are compared as major.minor.patch numbers; anything else (`dev`, `[not provided]`,
// a fork's own scheme) is unknown, which the caller reports instead of guessing.

export type VersionTriple = readonly [number, number, number];

/** `0.69.4`, `v0.69.4`, `0.70.0-rc.1+abc` → [0, 69, 4]; otherwise undefined. */
export function parseVersion(text: string | undefined): VersionTriple | undefined {
  const match = /^v?(\d{1,6})\.(\d{1,6})\.(\d{1,6})(?:[-+][0-9A-Za-z.+-]*)?$/.exec(text?.trim() ?? '');
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** Negative when a < b, 0 when equal, positive when a > b. */
export function compareVersions(a: VersionTriple, b: VersionTriple): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** Whether `version` is at least `minimum`; undefined when `version` is not a number triple. */
export function atLeast(version: string | undefined, minimum: string): boolean | undefined {
  const parsed = parseVersion(version);
  const floor = parseVersion(minimum);
  if (parsed === undefined || floor === undefined) return undefined;
  return compareVersions(parsed, floor) >= 0;
}

/** The version as a clean triple string (`v0.69.4` → `0.69.4`), or undefined. */
export function canonicalVersion(text: string | undefined): string | undefined {
  return parseVersion(text)?.join('.');
}
