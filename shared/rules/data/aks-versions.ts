// The AKS support calendar of Kubernetes minor versions (SEC-5), and the scan-date clock the version rule reads.
//
// Compiled 2026-11-27 from "Supported Kubernetes versions in Azure Kubernetes Service (AKS)",
// https://learn.microsoft.com/azure/aks/supported-kubernetes-versions (the newest revision found: ms.date
// 2026-08-05, tables "AKS Kubernetes release calendar" and "LTS versions"; 1.27 and 1.28 from the 2025-07-29
// revision, whose tables still listed them). The page says: "Unless an explicit date is provided, the End of Life
// (EOL) date is the last day of the specified month", so a month "Mar 2026" is recorded as 2026-03-31, and the two
// explicit dates (1.30: Aug 22, 2025; 1.31: Nov 1, 2025) as given. AKS GA is a month on the page; 1.37's GA
// (Oct 2026) and every end date after today are the calendar's plan, which AKS may move (1.33's end moved from
// Jun to Jul 2026 between revisions): that is why a stale table is itself reported.
// Cross-checked against the AKS release notes: 1.35 GA and 1.32 deprecated (Azure/AKS#5703, 2026-04),
// 1.36 GA as an LTS version (Azure/AKS#5835, 2026-06).

import { compareVersions, formatVersion, parseKubernetesVersion, type KubernetesVersion } from './kubernetes-apis.js';

/** When the table was last checked against the source; the stale-data warning counts from here. */
export const AKS_VERSIONS_AS_OF = '2026-11-27';
export const AKS_VERSIONS_SOURCE = 'https://learn.microsoft.com/azure/aks/supported-kubernetes-versions';
/** A table older than this (as of vs the scan date) is reported: AKS adds a minor version every ~4 months. */
export const AKS_VERSIONS_STALE_AFTER_DAYS = 120;
/** Within this many days of the end of support, a version is reported as ending soon. */
export const ENDING_SOON_DAYS = 30;

export interface AksMinorVersion {
  readonly version: KubernetesVersion;
  /** Month the minor version became generally available in AKS, `YYYY-MM`. */
  readonly ga: string;
  /** Last day of AKS (community) support, `YYYY-MM-DD`, inclusive. */
  readonly endOfSupport: string;
  /** Last day of the paid Long-Term Support plan (Premium tier, supportPlan AKSLongTermSupport), where the page gives it. */
  readonly ltsEndOfSupport?: string;
}

const v = (minor: number, ga: string, endOfSupport: string, ltsEndOfSupport?: string): AksMinorVersion =>
  ltsEndOfSupport === undefined ? { version: { major: 1, minor }, ga, endOfSupport } : { version: { major: 1, minor }, ga, endOfSupport, ltsEndOfSupport };

/** Oldest first. Every minor older than the first ended before its end. */
export const AKS_VERSIONS: readonly AksMinorVersion[] = [
  v(27, '2023-07', '2024-07-31', '2025-07-31'),
  v(28, '2023-11', '2025-01-31', '2026-02-28'),
  v(29, '2024-03', '2025-03-31', '2026-04-30'),
  v(30, '2024-07', '2025-08-22', '2026-07-31'),
  v(31, '2024-11', '2025-11-01', '2026-11-30'),
  v(32, '2025-04', '2026-03-31', '2027-03-31'),
  v(33, '2025-06', '2026-07-31', '2027-07-31'),
  v(34, '2025-11', '2026-11-30', '2027-11-30'),
  v(35, '2026-03', '2027-03-31', '2028-03-31'),
  v(36, '2026-06', '2027-06-30', '2028-06-30'),
  v(37, '2026-10', '2027-10-31', '2028-10-31'),
];

/** The newest minor version in the table. */
export const AKS_VERSIONS_NEWEST: KubernetesVersion = AKS_VERSIONS[AKS_VERSIONS.length - 1]?.version ?? { major: 1, minor: 37 };

export type SupportStatus =
  /** Not a Kubernetes version (`latest`, `1.x`). */
  | { readonly status: 'invalid' }
  /** Newer than anything in the table: its support cannot have ended before the newest known version's. */
  | { readonly status: 'newer-than-data'; readonly version: string }
  | { readonly status: 'supported'; readonly version: string; readonly endOfSupport: string }
  | { readonly status: 'ending-soon'; readonly version: string; readonly endOfSupport: string; readonly daysLeft: number }
  /** Community support ended; still supported on the Long-Term Support plan until ltsEndOfSupport. */
  | { readonly status: 'lts-only'; readonly version: string; readonly endOfSupport: string; readonly ltsEndOfSupport: string }
  /** endOfSupport is undefined for a version older than the table (it ended before the oldest entry's end). */
  | { readonly status: 'out-of-support'; readonly version: string; readonly endOfSupport: string | undefined };

const DAY_MS = 24 * 60 * 60 * 1000;

/** Midnight UTC after the given day: a date's support lasts the whole day. */
function endExclusive(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) + DAY_MS;
}

/** Where a version stands in the AKS support window on the given day. Patch versions are ignored. */
export function supportStatus(text: string, today: Date): SupportStatus {
  const parsed = parseKubernetesVersion(text);
  if (parsed === undefined) return { status: 'invalid' };
  const version = formatVersion(parsed);
  const oldest = AKS_VERSIONS[0];
  if (compareVersions(parsed, AKS_VERSIONS_NEWEST) > 0) return { status: 'newer-than-data', version };
  if (oldest !== undefined && compareVersions(parsed, oldest.version) < 0) return { status: 'out-of-support', version, endOfSupport: undefined };
  const entry = AKS_VERSIONS.find((e) => compareVersions(e.version, parsed) === 0);
  if (entry === undefined) return { status: 'out-of-support', version, endOfSupport: undefined };
  const now = today.getTime();
  const end = endExclusive(entry.endOfSupport);
  if (now < end) {
    const daysLeft = Math.ceil((end - now) / DAY_MS);
    return daysLeft <= ENDING_SOON_DAYS ? { status: 'ending-soon', version, endOfSupport: entry.endOfSupport, daysLeft } : { status: 'supported', version, endOfSupport: entry.endOfSupport };
  }
  if (entry.ltsEndOfSupport !== undefined && now < endExclusive(entry.ltsEndOfSupport)) {
    return { status: 'lts-only', version, endOfSupport: entry.endOfSupport, ltsEndOfSupport: entry.ltsEndOfSupport };
  }
  return { status: 'out-of-support', version, endOfSupport: entry.endOfSupport };
}

/** Whole days between the table's as-of date and the scan date (negative when the clock is behind it). */
export function dataAgeDays(today: Date): number {
  return Math.floor((today.getTime() - Date.parse(`${AKS_VERSIONS_AS_OF}T00:00:00Z`)) / DAY_MS);
}

export function isDataStale(today: Date): boolean {
  return dataAgeDays(today) > AKS_VERSIONS_STALE_AFTER_DAYS;
}

// The scan date. RuleSettings should carry it (a configured date, defaulting to the run's start), so a run has one
// date for every rule; until it does, rules read it here and tests pin it with setClockForTests.
const systemClock = (): Date => new Date();
let clock: () => Date = systemClock;

/** The day of the scan. */
export function scanDate(): Date {
  return clock();
}

/** Pins the scan date for a test; pass undefined to go back to the system clock. */
export function setClockForTests(next: (() => Date) | undefined): void {
  clock = next ?? systemClock;
}
