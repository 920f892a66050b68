// Grype's `-o json` report → ImageReport. Schema: anchore/grype grype/presenter/models (Document,
// Match, Vulnerability, Fix, Cvss, source, distribution, descriptor). Grype's JSON has no schema
// version, so both shapes are read by field:
//   current (grype ≥ 0.12): vulnerability.fix {versions, state}, cvss[] {version, vector, metrics.baseScore}, urls
//   old (grype < 0.12):     vulnerability.fixedInVersion, cvssV3 {baseScore, vector}, links
// `ignoredMatches` are left out on purpose: the user's grype config ignored them.
import {
  LIMITS,
  guardParse,
  higherCvss,
  isRecord,
  looksLikeSarif,
  looseRecord,
  looseScore,
  looseText,
  looseTexts,
  looseUrl,
  looseUrls,
  readId,
  readList,
  readOptionalText,
  readRecord,
  readSeverity,
  shapeError,
  uniqueCapped,
  withoutUndefined,
  type Cvss,
  type ImageReport,
  type OperatingSystem,
  type ParseResult,
  type Vulnerability,
} from './report.js';

export function parseGrypeReport(json: unknown): ParseResult {
  if (!isRecord(json)) return { ok: false, reason: 'Grype report: expected a JSON object (grype -o json)' };
  if (looksLikeSarif(json)) return { ok: false, reason: 'Grype report: this is SARIF; run Grype with -o json' };
  if (!('matches' in json)) return { ok: false, reason: 'Grype report: no "matches"; not a Grype JSON report' };
  return guardParse('Grype', () => readReport(json));
}

function readReport(json: Record<string, unknown>): ImageReport {
  const source = looseRecord(json.source);
  const target = source?.target;
  const image = readImageName(target);
  if (image === undefined) shapeError('source.target', 'an image reference', target);
  const vulnerabilities = readList(json.matches, 'matches').map((m, i) => readMatch(readRecord(m, `matches[${i}]`), `matches[${i}]`));
  return withoutUndefined({
    image,
    imageId: isRecord(target) ? looseText(target.imageID, LIMITS.id) : undefined,
    scanner: 'grype' as const,
    scannerVersion: looseText(looseRecord(json.descriptor)?.version, LIMITS.id),
    os: readDistro(json.distro, json.alertsByPackage),
    vulnerabilities,
    secrets: [],
  });
}

/** An image scan names what the user typed; a directory scan or an unknown source is a plain string. */
function readImageName(target: unknown): string | undefined {
  if (!isRecord(target)) return looseText(target, LIMITS.name);
  return looseText(target.userInput, LIMITS.name) ?? looseTexts(target.tags, 1)[0] ?? looseText(target.imageID, LIMITS.id);
}

function readDistro(value: unknown, alerts: unknown): OperatingSystem | undefined {
  const distro = looseRecord(value);
  const family = looseText(distro?.name);
  if (distro === undefined || family === undefined) return undefined;
  // Recent grype lists end-of-life distros as a per-package "distro-eol" alert; older grype never says,
  // which is "unknown" (absent), not "supported".
  const eol = Array.isArray(alerts) && alerts.some((p) => isRecord(p) && Array.isArray(p.alerts) && p.alerts.some((a) => isRecord(a) && a.type === 'distro-eol'));
  return withoutUndefined({ family, version: looseText(distro.version) ?? '', endOfSupport: eol ? true : undefined });
}

function readMatch(match: Record<string, unknown>, path: string): Vulnerability {
  const v = readRecord(match.vulnerability, `${path}.vulnerability`);
  const artifact = readRecord(match.artifact, `${path}.artifact`);
  const id = readId(v.id, `${path}.vulnerability.id`);
  const related = (Array.isArray(match.relatedVulnerabilities) ? match.relatedVulnerabilities : []).filter(isRecord);
  const fix = readFix(v, `${path}.vulnerability`);
  const firstLocation = (Array.isArray(artifact.locations) ? artifact.locations : []).find(isRecord);
  return withoutUndefined({
    id,
    aliases: uniqueCapped(related.flatMap((r) => looseText(r.id, LIMITS.id) ?? []).filter((alias) => alias !== id), LIMITS.listItems),
    package: withoutUndefined({
      name: readId(artifact.name, `${path}.artifact.name`, LIMITS.name),
      version: readOptionalText(artifact.version, `${path}.artifact.version`) ?? '',
      type: looseText(artifact.type),
      path: looseText(firstLocation?.path, LIMITS.path),
    }),
    fixedVersions: fix.versions,
    severity: readSeverity(v.severity, `${path}.vulnerability.severity`),
    // The match's own record (a distro's) often has no score; the related NVD/GHSA record usually has.
    cvss: readCvss(v) ?? related.reduce<Cvss | undefined>((best, r) => higherCvss(best, readCvss(r)), undefined),
    status: fix.state,
    title: looseText(v.description, LIMITS.title) ?? related.map((r) => looseText(r.description, LIMITS.title)).find((t) => t !== undefined),
    primaryUrl: looseUrl(v.dataSource),
    references: uniqueCapped([...looseUrls(v.urls), ...looseUrls(v.links), ...related.flatMap((r) => looseUrls(r.urls))], LIMITS.references),
    scanners: ['grype' as const],
  });
}

/** Fixed versions and state from either schema. Versions decide "has a fix" for the gate, so they are read strictly. */
function readFix(v: Record<string, unknown>, path: string): { versions: string[]; state: string | undefined } {
  const fix = v.fix === undefined || v.fix === null ? {} : readRecord(v.fix, `${path}.fix`);
  const versions = readList(fix.versions, `${path}.fix.versions`).flatMap((entry, i) => readOptionalText(entry, `${path}.fix.versions[${i}]`) || []);
  const legacy = readOptionalText(v.fixedInVersion, `${path}.fixedInVersion`);
  if (legacy !== undefined && legacy !== '') versions.push(legacy);
  const unique = uniqueCapped(versions, LIMITS.listItems);
  // An old report without a state, or a current one with state "", still says "fixed" by listing versions.
  const state = looseText(fix.state, 40) ?? (unique.length > 0 ? 'fixed' : undefined);
  return { versions: unique, state };
}

/** The highest v3 base score of a vulnerability record, current (`cvss[]`) or old (`cvssV3`) schema. */
function readCvss(v: Record<string, unknown>): Cvss | undefined {
  let best: Cvss | undefined;
  for (const entry of Array.isArray(v.cvss) ? v.cvss : []) {
    if (!isRecord(entry) || !looseText(entry.version)?.startsWith('3')) continue;
    const score = looseScore(looseRecord(entry.metrics)?.baseScore);
    if (score === undefined) continue;
    // Grype's own distro records carry no source; their namespace says who scored them.
    const source = looseText(entry.source, 64) ?? looseText(v.namespace, 64);
    best = higherCvss(best, withoutUndefined({ score, vector: looseText(entry.vector), source }));
  }
  const old = looseRecord(v.cvssV3);
  const oldScore = looseScore(old?.baseScore);
  if (oldScore !== undefined) best = higherCvss(best, withoutUndefined({ score: oldScore, vector: looseText(old?.vector) }));
  return best;
}
