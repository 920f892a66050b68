// The scan as SARIF 2.1.0, shaped for GitHub code scanning (and read as well by Azure DevOps' SARIF
// viewer): one run, every active rule as a descriptor, one result per finding with a stable
// fingerprint, and the run's notifications.

import type * as sarif from 'sarif';
import type { Finding } from '../engine.js';
import { levelRank, type Level } from '../levels.js';
import type { Notification, ScanReport, ScannerRecord } from '../report.js';
import { securitySeverityOf } from '../rules/define-rule.js';
import { INPUT_PROBLEM } from '../rules/input-problem.js';
import { SCANNER_TITLE, SCANNER_URI, isImageFinding } from '../scanners/image-findings.js';
import { NO_FILE } from '../scanners/usages.js';
import { byLocation, plural } from './findings.js';
import { physicalLocation, toUriReference } from './sarif-location.js';
import { ImageRuleIndex, inputProblemDescriptor, ruleDescriptor, unknownDescriptor } from './sarif-rules.js';

/**
 * GitHub code scanning's SARIF upload limits
 * (https://docs.github.com/en/code-security/code-scanning/troubleshooting-sarif-uploads/results-exceed-limit,
 * https://docs.github.com/en/code-security/code-scanning/troubleshooting-sarif-uploads/file-too-large).
 * Results: 25,000 per run are accepted but only 5,000 are kept, "prioritized by severity" — which
 * github/docs#38085 reports is not what happens. So aks-gate keeps the 5,000 most severe itself.
 * Rules per run (25,000) and the 10 MB gzip-compressed file size are far beyond what aks-gate writes
 * (a few dozen rules; 5,000 results with one location each is a few MB before compression).
 * Locations per result (1,000; 100 shown): aks-gate writes one. Tags per rule: see MAX_TAGS_PER_RULE.
 */
export const GITHUB_SARIF_LIMITS = {
  resultsPerRun: 5_000,
  rulesPerRun: 25_000,
  locationsPerResult: 1_000,
  tagsPerRule: 20,
  gzipFileBytes: 10 * 1024 * 1024,
} as const;

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'aksGate/v1';

export interface SarifOptions {
  /** Results to keep at most; GitHub's limit unless a test wants a smaller one. */
  readonly maxResults?: number;
}

export interface SarifSelection {
  /** The findings the SARIF file holds, in output order. */
  readonly kept: Finding[];
  /** The findings left out to stay within GitHub's limit (the least severe). */
  readonly left: Finding[];
}

/** Which findings fit into the SARIF file: all, or the most severe `maxResults`. The summary says what was left out. */
export function selectSarifFindings(report: ScanReport, maxResults: number = GITHUB_SARIF_LIMITS.resultsPerRun): SarifSelection {
  if (report.findings.length <= maxResults) return { kept: [...report.findings].sort(byLocation), left: [] };
  const severityOf = securitySeverityIndex(report);
  const ranked = [...report.findings].sort((a, b) => levelRank(b.level) - levelRank(a.level) || severityOf(b.ruleId) - severityOf(a.ruleId) || byLocation(a, b));
  return { kept: ranked.slice(0, maxResults).sort(byLocation), left: ranked.slice(maxResults) };
}

export function toSarif(report: ScanReport, options: SarifOptions = {}): sarif.Log {
  const maxResults = options.maxResults ?? GITHUB_SARIF_LIMITS.resultsPerRun;
  const { kept, left: leftOut } = selectSarifFindings(report, maxResults);
  const left = leftOut.length;
  const catalog = ruleCatalog(report, kept);
  const notifications = report.notifications.map(toNotification);
  if (left > 0) {
    notifications.push({
      level: 'warning',
      message: {
        text:
          `${plural(left, 'finding')} of ${report.findings.length.toLocaleString('en-US')} left out of this SARIF file: GitHub code scanning ` +
          `keeps at most ${maxResults.toLocaleString('en-US')} results per run, so the most severe were kept. The JSON report lists all of them.`,
      },
    });
  }
  const extensions = (report.scanners ?? []).map(scannerComponent);
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: driver(report, catalog.descriptors), ...(extensions.length > 0 ? { extensions } : {}) },
        automationDetails: { id: 'aks-gate/' },
        invocations: [
          {
            // The report exists only when the run finished; unreadable inputs are notifications, not a failed run.
            executionSuccessful: true,
            startTimeUtc: report.startedAt,
            endTimeUtc: report.finishedAt,
            toolExecutionNotifications: notifications,
          },
        ],
        columnKind: 'utf16CodeUnits',
        results: kept.map((f) => toResult(f, catalog.indexOf(f.ruleId))),
        ...(left > 0 ? { properties: { resultsLeftOut: left } } : {}),
      },
    ],
  };
}

interface RuleCatalog {
  readonly descriptors: readonly sarif.ReportingDescriptor[];
  readonly indexOf: (ruleId: string) => number;
}

/**
 * Active rules, sorted by id, plus a descriptor for each rule id the kept findings use but no active
 * rule has: one per vulnerability id, end-of-support OS and image secret rule, else a bare one.
 */
function ruleCatalog(report: ScanReport, kept: readonly Finding[]): RuleCatalog {
  const rules = new Map<string, sarif.ReportingDescriptor>();
  for (const { rule, level } of report.rules) {
    if (level !== 'off') rules.set(rule.id, ruleDescriptor(rule, level));
  }
  const images = new ImageRuleIndex(report.images ?? []);
  for (const f of kept) {
    if (rules.has(f.ruleId)) continue;
    const descriptor = f.ruleId === INPUT_PROBLEM.id ? inputProblemDescriptor() : (images.descriptor(f.ruleId) ?? unknownDescriptor(f.ruleId));
    rules.set(f.ruleId, descriptor);
  }
  const ids = [...rules.keys()].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  return {
    descriptors: ids.map((id) => rules.get(id) ?? unknownDescriptor(id)),
    indexOf: (id) => index.get(id) ?? -1,
  };
}

/** A rule's security-severity as a number, to rank findings of the same level when some must go. */
function securitySeverityIndex(report: ScanReport): (ruleId: string) => number {
  const rules = new Map(report.rules.map(({ rule }) => [rule.id, rule]));
  const images = new ImageRuleIndex(report.images ?? []);
  return (id) => {
    const rule = rules.get(id);
    return rule === undefined ? (images.securitySeverity(id) ?? 0) : Number(securitySeverityOf(rule));
  };
}

/** An image scanner as a SARIF tool extension: its version and how fresh its vulnerability data was. */
function scannerComponent(scanner: ScannerRecord): sarif.ToolComponent {
  const bare = scanner.version?.replace(/^v/, '');
  return {
    name: SCANNER_TITLE[scanner.name],
    ...(scanner.version === undefined ? {} : { version: scanner.version }),
    ...(bare !== undefined && SEMVER.test(bare) ? { semanticVersion: bare } : {}),
    informationUri: SCANNER_URI[scanner.name],
    ...(scanner.dbUpdatedAt === undefined ? {} : { properties: { vulnerabilityDbUpdatedAt: scanner.dbUpdatedAt } }),
  };
}

const SEMVER = /^\d+\.\d+\.\d+(?:[-+].*)?$/;

function driver(report: ScanReport, rules: readonly sarif.ReportingDescriptor[]): sarif.ToolComponent {
  const { name, version, informationUri } = report.tool;
  return {
    name,
    version,
    ...(SEMVER.test(version) ? { semanticVersion: version } : {}),
    informationUri,
    rules: [...rules],
  };
}

function toResult(f: Finding, ruleIndex: number): sarif.Result {
  const object = f.object;
  const logical: sarif.LogicalLocation[] =
    object === undefined || object.name === ''
      ? []
      : [{ name: object.name, fullyQualifiedName: [object.namespace, object.kind, object.name].filter((p) => p !== undefined && p !== '').join('/'), kind: 'resource' }];
  const image = isImageFinding(f) ? f.image : undefined;
  if (image !== undefined) logical.push({ name: image, fullyQualifiedName: image, kind: 'resource' });
  const properties: sarif.PropertyBag = {
    ...(f.checklist === undefined ? {} : { checklist: f.checklist }),
    ...(f.approximate ? { approximateLocation: true } : {}),
    ...(image === undefined ? {} : { image }),
  };
  return {
    ruleId: f.ruleId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: f.level,
    message: { text: f.message },
    locations: [{ physicalLocation: resultLocation(f, image), ...(logical.length > 0 ? { logicalLocations: logical } : {}) }],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
  };
}

/**
 * A finding of an image given on the command line has no file. SARIF would allow a result with a
 * logical location only, but GitHub code scanning refuses the whole upload then ("locationFromSarifResult:
 * expected at least one location" / "expected artifact location", github/codeql-action#2459). So, as
 * Trivy and Grype do for image scans, the image reference stands in as the artifact (a relative URI
 * with no base: it names no file of the repository) on line 1; the image is the logical location too.
 */
function resultLocation(f: Finding, image: string | undefined): sarif.PhysicalLocation {
  if (f.file !== NO_FILE || image === undefined) return physicalLocation(f.file, f.region);
  return { artifactLocation: { uri: toUriReference(image) }, region: { startLine: 1 } };
}

function toNotification(n: Notification): sarif.Notification {
  const level: Level = n.level;
  return {
    level,
    message: { text: n.message },
    ...(n.file === undefined ? {} : { locations: [{ physicalLocation: physicalLocation(n.file, n.region) }] }),
  };
}
