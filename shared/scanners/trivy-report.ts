// Trivy's `--format json` report (SchemaVersion 2, Trivy 0.20 and later) → ImageReport.
// Schema: aquasecurity/trivy pkg/types (Report, Result, DetectedVulnerability) and pkg/fanal/types
// (OS, SecretFinding). Secrets carry the matched line (`Match`) and the surrounding code (`Code`):
// neither is ever read, so neither can reach an output.
import {
  LIMITS,
  cleanText,
  describeJson,
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
  type ImageSecret,
  type OperatingSystem,
  type ParseResult,
  type Vulnerability,
} from './report.js';

export const TRIVY_SCHEMA_VERSION = 2;

export const TRIVY_LEGACY_REASON =
  'Trivy reports before SchemaVersion 2 (Trivy 0.20) are not supported; upgrade Trivy';

export function parseTrivyReport(json: unknown): ParseResult {
  // Before 0.20 the report was a bare array of results. Reading it would need a second code path for
  // a format Trivy stopped writing in 2021; refusing it tells the user the one thing to do.
  if (Array.isArray(json)) return { ok: false, reason: TRIVY_LEGACY_REASON };
  if (!isRecord(json)) return { ok: false, reason: 'Trivy report: expected a JSON object (trivy --format json)' };
  if (looksLikeSarif(json)) return { ok: false, reason: 'Trivy report: this is SARIF; run Trivy with --format json' };
  const version = json.SchemaVersion;
  if (version === undefined) return { ok: false, reason: 'Trivy report: no SchemaVersion; not a Trivy JSON report' };
  if (version !== TRIVY_SCHEMA_VERSION) {
    const shown = typeof version === 'number' ? String(version) : `(${describeJson(version)})`;
    return { ok: false, reason: `Trivy report: SchemaVersion ${shown} is not supported (only ${TRIVY_SCHEMA_VERSION})` };
  }
  return guardParse('Trivy', () => readReport(json));
}

function readReport(json: Record<string, unknown>): ImageReport {
  const metadata = looseRecord(json.Metadata);
  // Goldens name a tarball in ArtifactName; a real `trivy image ref` names the ref. Either is "as the report names it".
  const image = looseText(json.ArtifactName, LIMITS.name) ?? looseTexts(metadata?.RepoTags, 1)[0];
  if (image === undefined) shapeError('ArtifactName', 'a non-empty string', json.ArtifactName);
  const vulnerabilities: Vulnerability[] = [];
  const secrets: ImageSecret[] = [];
  readList(json.Results, 'Results').forEach((entry, i) => {
    const path = `Results[${i}]`;
    const result = readRecord(entry, path);
    const target = readOptionalText(result.Target, `${path}.Target`, LIMITS.path) ?? '';
    const type = looseText(result.Type);
    readList(result.Vulnerabilities, `${path}.Vulnerabilities`).forEach((v, j) => {
      vulnerabilities.push(readVulnerability(readRecord(v, `${path}.Vulnerabilities[${j}]`), `${path}.Vulnerabilities[${j}]`, type));
    });
    readList(result.Secrets, `${path}.Secrets`).forEach((s, j) => {
      secrets.push(readSecret(readRecord(s, `${path}.Secrets[${j}]`), `${path}.Secrets[${j}]`, target));
    });
  });
  return withoutUndefined({
    image,
    imageId: looseText(metadata?.ImageID, LIMITS.id),
    scanner: 'trivy' as const,
    scannerVersion: looseText(looseRecord(json.Trivy)?.Version, LIMITS.id),
    os: readOs(metadata?.OS),
    vulnerabilities,
    secrets,
  });
}

function readOs(value: unknown): OperatingSystem | undefined {
  const os = looseRecord(value);
  const family = looseText(os?.Family);
  if (os === undefined || family === undefined) return undefined;
  // EOSL is `omitempty`: absent means Trivy knows of no end of support, so false rather than unknown.
  return { family, version: looseText(os.Name) ?? '', endOfSupport: os.EOSL === true };
}

function readVulnerability(v: Record<string, unknown>, path: string, type: string | undefined): Vulnerability {
  const id = readId(v.VulnerabilityID, `${path}.VulnerabilityID`);
  // FixedVersion is one string; several fix branches are comma-separated ("1.2.3, 1.3.1").
  const fixed = readOptionalText(v.FixedVersion, `${path}.FixedVersion`, LIMITS.path) ?? '';
  return withoutUndefined({
    id,
    aliases: looseTexts(v.VendorIDs, LIMITS.listItems, LIMITS.id).filter((alias) => alias !== id),
    package: withoutUndefined({
      name: readId(v.PkgName, `${path}.PkgName`, LIMITS.name),
      version: readOptionalText(v.InstalledVersion, `${path}.InstalledVersion`) ?? '',
      type,
      path: looseText(v.PkgPath, LIMITS.path),
    }),
    fixedVersions: uniqueCapped(fixed.split(',').map((f) => f.trim()).filter((f) => f !== ''), LIMITS.listItems),
    severity: readSeverity(v.Severity, `${path}.Severity`),
    cvss: readCvss(v.CVSS),
    status: looseText(v.Status, 40),
    title: looseText(v.Title, LIMITS.title) ?? looseText(v.Description, LIMITS.title),
    primaryUrl: looseUrl(v.PrimaryURL),
    references: looseUrls(v.References),
    scanners: ['trivy' as const],
  });
}

/** CVSS is a map from source (nvd, redhat, ghsa …) to scores; the highest V3Score wins. */
function readCvss(value: unknown): Cvss | undefined {
  let best: Cvss | undefined;
  for (const [source, entry] of Object.entries(looseRecord(value) ?? {})) {
    const scores = looseRecord(entry);
    const score = looseScore(scores?.V3Score);
    if (score === undefined) continue;
    best = higherCvss(best, withoutUndefined({ score, vector: looseText(scores?.V3Vector), source: cleanText(source, 64) }));
  }
  return best;
}

function readSecret(s: Record<string, unknown>, path: string, target: string): ImageSecret {
  const ruleId = readId(s.RuleID, `${path}.RuleID`);
  const line = s.StartLine;
  return withoutUndefined({
    ruleId,
    category: looseText(s.Category, 64) ?? '',
    severity: readSeverity(s.Severity, `${path}.Severity`),
    title: looseText(s.Title, LIMITS.title) ?? ruleId,
    target,
    startLine: typeof line === 'number' && Number.isSafeInteger(line) && line > 0 ? line : undefined,
  });
}
