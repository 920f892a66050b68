// The scan as SARIF 2.1.0, shaped for GitHub code scanning (and read as well by Azure DevOps' SARIF
// viewer): one run, every active rule as a descriptor, one result per finding with a stable
// fingerprint, and the run's notifications.

import type * as sarif from 'sarif';
import type { Finding } from '../engine.js';
import { levelRank, type Level } from '../levels.js';
import type { Notification, ScanReport } from '../report.js';
import { securitySeverityOf, type Rule } from '../rules/define-rule.js';
import { INPUT_PROBLEM } from '../rules/input-problem.js';
import { byLocation, plural } from './findings.js';
import { physicalLocation } from './sarif-location.js';
import { inputProblemDescriptor, ruleDescriptor, unknownDescriptor } from './sarif-rules.js';

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

export function toSarif(report: ScanReport, options: SarifOptions = {}): sarif.Log {
  const maxResults = options.maxResults ?? GITHUB_SARIF_LIMITS.resultsPerRun;
  const catalog = ruleCatalog(report);
  const kept = mostSevere(report.findings, maxResults, catalog.severityOf).sort(byLocation);
  const left = report.findings.length - kept.length;
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
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: driver(report, catalog.descriptors) },
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
  /** The rule's security-severity as a number, to rank findings of the same level. */
  readonly severityOf: (ruleId: string) => number;
}

/** Active rules, sorted by id, plus descriptors for the rule ids that findings use but no active rule has. */
function ruleCatalog(report: ScanReport): RuleCatalog {
  const rules = new Map<string, { descriptor: sarif.ReportingDescriptor; rule?: Rule }>();
  for (const { rule, level } of report.rules) {
    if (level !== 'off') rules.set(rule.id, { descriptor: ruleDescriptor(rule, level), rule });
  }
  for (const f of report.findings) {
    if (rules.has(f.ruleId)) continue;
    rules.set(f.ruleId, { descriptor: f.ruleId === INPUT_PROBLEM.id ? inputProblemDescriptor() : unknownDescriptor(f.ruleId) });
  }
  const ids = [...rules.keys()].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  return {
    descriptors: ids.map((id) => rules.get(id)?.descriptor ?? unknownDescriptor(id)),
    indexOf: (id) => index.get(id) ?? -1,
    severityOf: (id) => {
      const rule = rules.get(id)?.rule;
      return rule === undefined ? 0 : Number(securitySeverityOf(rule));
    },
  };
}

function driver(report: ScanReport, rules: readonly sarif.ReportingDescriptor[]): sarif.ToolComponent {
  const { name, version, informationUri } = report.tool;
  return {
    name,
    version,
    ...(/^\d+\.\d+\.\d+(?:[-+].*)?$/.test(version) ? { semanticVersion: version } : {}),
    informationUri,
    rules: [...rules],
  };
}

function mostSevere(findings: readonly Finding[], max: number, severityOf: (ruleId: string) => number): Finding[] {
  if (findings.length <= max) return [...findings];
  return [...findings]
    .sort((a, b) => levelRank(b.level) - levelRank(a.level) || severityOf(b.ruleId) - severityOf(a.ruleId) || byLocation(a, b))
    .slice(0, max);
}

function toResult(f: Finding, ruleIndex: number): sarif.Result {
  const object = f.object;
  const logical: sarif.LogicalLocation[] =
    object === undefined || object.name === ''
      ? []
      : [{ name: object.name, fullyQualifiedName: [object.namespace, object.kind, object.name].filter((p) => p !== undefined && p !== '').join('/'), kind: 'resource' }];
  const properties: sarif.PropertyBag = {
    ...(f.checklist === undefined ? {} : { checklist: f.checklist }),
    ...(f.approximate ? { approximateLocation: true } : {}),
  };
  return {
    ruleId: f.ruleId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: f.level,
    message: { text: f.message },
    locations: [{ physicalLocation: physicalLocation(f.file, f.region), ...(logical.length > 0 ? { logicalLocations: logical } : {}) }],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
  };
}

function toNotification(n: Notification): sarif.Notification {
  const level: Level = n.level;
  return {
    level,
    message: { text: n.message },
    ...(n.file === undefined ? {} : { locations: [{ physicalLocation: physicalLocation(n.file, n.region) }] }),
  };
}
