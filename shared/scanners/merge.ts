// Trivy and Grype scan the same image with different databases; a team should see each flaw in each
// package once, with both scanners named as witnesses, not twice with slightly different wording.
import {
  LIMITS,
  higherCvss,
  moreSevere,
  severityRank,
  uniqueCapped,
  withoutUndefined,
  type ImageReport,
  type ImageSecret,
  type OperatingSystem,
  type ScannerName,
  type Vulnerability,
} from './report.js';

export interface ScannerRun {
  readonly name: ScannerName;
  readonly version?: string;
}

export interface MergedImageReport {
  /** The name the first report used. */
  readonly image: string;
  readonly imageId?: string;
  /** Every scanner whose report went in, once per name and version. */
  readonly scanners: readonly ScannerRun[];
  readonly os?: OperatingSystem;
  /** Most severe first, then by id and package. */
  readonly vulnerabilities: readonly Vulnerability[];
  /** From Trivy only: Grype has no secret scanner. */
  readonly secrets: readonly ImageSecret[];
}

/**
 * Groups reports by image, then merges each group. Two reports are of the same image when they give the
 * same image id (Trivy and Grype both report the config digest) or, lacking one, name it the same; so a
 * report never lends its findings to another image.
 */
export function mergeReports(reports: readonly ImageReport[]): MergedImageReport[] {
  const groups: Group[] = [];
  for (const report of reports) {
    const [group, ...alsoMatched] = groups.filter((g) => g.some((other) => sameImage(report, other)));
    if (group === undefined) {
      groups.push([report]);
      continue;
    }
    // A report can match two groups (one by name, one by id): they were one image all along.
    group.push(...alsoMatched.flat(), report);
    for (const g of alsoMatched) groups.splice(groups.indexOf(g), 1);
  }
  return groups.map(mergeGroup);
}

type Group = [ImageReport, ...ImageReport[]];

/** The image ids decide when both reports have one (a tag can move between two scans); otherwise the names. */
function sameImage(a: ImageReport, b: ImageReport): boolean {
  return a.imageId !== undefined && b.imageId !== undefined ? a.imageId === b.imageId : a.image === b.image;
}

function mergeGroup(reports: Group): MergedImageReport {
  const first = reports[0];
  const scanners = new Map<string, ScannerRun>();
  for (const r of reports) scanners.set(`${r.scanner}@${r.scannerVersion ?? ''}`, withoutUndefined({ name: r.scanner, version: r.scannerVersion }));
  return withoutUndefined({
    image: first.image,
    imageId: reports.find((r) => r.imageId !== undefined)?.imageId,
    scanners: [...scanners.values()],
    os: mergeOs(reports),
    vulnerabilities: mergeVulnerabilities(reports.flatMap((r) => r.vulnerabilities)),
    secrets: mergeSecrets(reports.filter((r) => r.scanner === 'trivy').flatMap((r) => r.secrets)),
  });
}

/** Trivy's OS wins: it always decides end of support, Grype only sometimes says. */
function mergeOs(reports: readonly ImageReport[]): OperatingSystem | undefined {
  return reports.find((r) => r.scanner === 'trivy' && r.os)?.os ?? reports.find((r) => r.os)?.os;
}

function mergeSecrets(secrets: readonly ImageSecret[]): ImageSecret[] {
  const seen = new Map<string, ImageSecret>();
  for (const s of secrets) seen.set(JSON.stringify([s.ruleId, s.target, s.startLine ?? 0]), s);
  return [...seen.values()];
}

/**
 * One entry per flaw per package: the same package is the same name and installed version; the same
 * flaw is the same id, or one's id among the other's aliases (Grype's GHSA-… related to Trivy's CVE-…).
 */
export function mergeVulnerabilities(vulnerabilities: readonly Vulnerability[]): Vulnerability[] {
  const byPackage = new Map<string, Vulnerability[]>();
  for (const v of vulnerabilities) {
    const key = JSON.stringify([v.package.name, v.package.version]);
    const entries = byPackage.get(key) ?? [];
    const index = entries.findIndex((e) => sameFlaw(e, v));
    const existing = entries[index];
    if (existing === undefined) entries.push(v);
    else entries[index] = mergeTwo(existing, v);
    byPackage.set(key, entries);
  }
  return [...byPackage.values()].flat().sort(compareVulnerabilities);
}

function sameFlaw(a: Vulnerability, b: Vulnerability): boolean {
  return a.id === b.id || a.aliases.includes(b.id) || b.aliases.includes(a.id);
}

function mergeTwo(a: Vulnerability, b: Vulnerability): Vulnerability {
  // A CVE id is the one people search for; keep it as the id when either side has one.
  const [primary, other] = !isCve(a.id) && isCve(b.id) ? [b, a] : [a, b];
  const id = primary.id;
  // The status that goes with a fix beats one that says there is none.
  const statusSource = a.fixedVersions.length === 0 && b.fixedVersions.length > 0 ? b : a;
  return withoutUndefined({
    id,
    aliases: uniqueCapped([...primary.aliases, other.id, ...other.aliases].filter((alias) => alias !== id), LIMITS.listItems),
    package: withoutUndefined({
      name: a.package.name,
      version: a.package.version,
      type: a.package.type ?? b.package.type,
      path: a.package.path ?? b.package.path,
    }),
    fixedVersions: uniqueCapped([...a.fixedVersions, ...b.fixedVersions], LIMITS.listItems),
    severity: moreSevere(a.severity, b.severity),
    cvss: higherCvss(a.cvss, b.cvss),
    status: statusSource.status ?? a.status ?? b.status,
    title: a.title ?? b.title,
    primaryUrl: a.primaryUrl ?? b.primaryUrl,
    references: uniqueCapped([...a.references, ...b.references], LIMITS.references),
    scanners: [...new Set([...a.scanners, ...b.scanners])].sort(),
  });
}

function isCve(id: string): boolean {
  return /^CVE-\d{4}-\d+$/i.test(id);
}

function compareVulnerabilities(a: Vulnerability, b: Vulnerability): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    compareText(a.id, b.id) ||
    compareText(a.package.name, b.package.name) ||
    compareText(a.package.version, b.package.version)
  );
}

/** By code unit, not locale, so the order is the same on every runner. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
