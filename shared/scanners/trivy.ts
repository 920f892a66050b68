// Trivy's command lines. Flag names are from Trivy's CLI reference
// (docs/docs/references/configuration/cli/trivy_image.md and trivy_version.md in aquasecurity/trivy):
//   trivy version --format json                       → {"Version", "VulnerabilityDB": {"UpdatedAt", …}}
//   trivy image --download-db-only / --download-java-db-only
//   trivy image --skip-db-update --skip-java-db-update --offline-scan --server URL --cache-dir DIR
//               --cache-backend memory --format json --output FILE --timeout 300s
//
// Why these choices:
// - The vulnerability DB and the Java index DB are downloaded once, before the scans. A scan that finds
//   a jar and has no Java DB cannot skip its download ("The first run cannot skip downloading Java DB"),
//   and two scans downloading it at once corrupt each other, so the Java DB is fetched up front too.
// - Before Trivy 0.68.0 every scan opened the vulnerability DB (BoltDB) for writing, so a second process
//   waited for the first, then failed with "cache may be in use by another process" (aquasecurity/trivy
//   #650, #3145, trivy-db #560). 0.68.0 opens it read-only (aquasecurity/trivy #9750). The image scan
//   cache is still BoltDB, so parallel scans use the in-memory scan cache (`--cache-backend memory`,
//   Trivy ≥ 0.53). Older Trivy scans one image at a time instead, with a warning.
// - Client/server mode: the server owns the DB; nothing is downloaded locally.

import type { ImageReference } from '../documents/image-ref.js';
import { parseTrivyReport } from './trivy-report.js';
import { parseJsonAnswer, readTime, type Command, type DbAnswer, type ImageScanner, type ScannerSetup, type VersionAnswer, type VersionAssessment } from './scanner.js';
import { atLeast, canonicalVersion } from './versions.js';

/** The first release that opens the vulnerability DB read-only, so scans can run side by side. */
export const TRIVY_MIN_VERSION = '0.68.0';
/** Releases that must never run: 0.69.4 was published by attackers (a supply-chain compromise). */
export const TRIVY_REFUSED_VERSIONS: Readonly<Record<string, string>> = {
  '0.69.4': 'refusing Trivy 0.69.4, a compromised release; install another version',
};

export const trivy: ImageScanner = {
  name: 'trivy',
  title: 'Trivy',

  versionCommand(setup) {
    return { args: ['version', '--format', 'json', ...cacheDirArgs(setup)], env: setup.env };
  },

  readVersion(stdout) {
    const answer = parseJsonAnswer(stdout);
    if (answer === undefined) return undefined;
    return { version: versionText(answer.Version), ...dbFrom(answer) };
  },

  assessVersion(version, setup): VersionAssessment {
    const canonical = canonicalVersion(version);
    const refused = canonical === undefined ? undefined : TRIVY_REFUSED_VERSIONS[canonical];
    if (refused !== undefined) return { refuse: refused, warnings: [] };
    const recent = atLeast(version, TRIVY_MIN_VERSION);
    if (recent === true) return { warnings: [] };
    const what = recent === undefined ? `Trivy reports no release number ("${version ?? 'none'}")` : `Trivy ${version ?? ''} is older than ${TRIVY_MIN_VERSION}`;
    // A server serializes DB access itself; only a local DB needs the scans in single file.
    if (setup.server !== undefined) return { warnings: [`${what}, the oldest version aks-gate supports; upgrade Trivy.`] };
    return {
      warnings: [`${what}, the oldest version aks-gate supports: it locks its vulnerability DB during a scan, so images are scanned by Trivy one at a time. Upgrade Trivy to scan in parallel.`],
      maxParallel: 1,
    };
  },

  dbUpdateCommands(setup) {
    if (setup.offline || setup.server !== undefined) return [];
    return [
      { args: ['image', '--download-db-only', '--no-progress', ...cacheDirArgs(setup)], env: setup.env },
      { args: ['image', '--download-java-db-only', '--no-progress', ...cacheDirArgs(setup)], env: setup.env },
    ];
  },

  dbStatusCommand(setup) {
    return trivy.versionCommand(setup);
  },

  readDbStatus(stdout): DbAnswer {
    const answer = parseJsonAnswer(stdout);
    const db = answer === undefined ? { dbUpdatedAt: undefined, hasDb: false } : dbFrom(answer);
    // The Java DB identifies jars by their digests: a newer one can find what an older one did not.
    const java = answer?.JavaDB;
    const javaUpdated = typeof java === 'object' && java !== null ? readTime((java as Record<string, unknown>).UpdatedAt) : undefined;
    return {
      dbUpdatedAt: db.dbUpdatedAt,
      hasDb: db.hasDb === true,
      ...(javaUpdated === undefined ? {} : { auxiliaryDbs: `java-db ${javaUpdated}` }),
      ...(db.hasDb === true ? {} : { problem: 'there is no Trivy vulnerability DB in the cache' }),
    };
  },

  scanCommand(setup, image: ImageReference, reportFile, assessment): Command {
    const parallel = assessment.maxParallel === undefined && setup.server === undefined;
    const args = [
      'image',
      '--format', 'json',
      '--output', reportFile,
      // Vulnerabilities (SEC-4) and secrets baked into the image (SEC-6); not misconfigurations.
      '--scanners', 'vuln,secret',
      '--skip-db-update',
      '--skip-java-db-update',
      // Trivy ≥ 0.67 lists every package by default; the gate only reads vulnerabilities.
      '--list-all-pkgs=false',
      '--no-progress',
      '--timeout', `${Math.max(1, Math.ceil(setup.timeoutMs / 1000))}s`,
      ...cacheDirArgs(setup),
      ...(parallel ? ['--cache-backend', 'memory'] : []),
      ...(setup.offline ? ['--offline-scan'] : []),
      ...(setup.server !== undefined ? ['--server', setup.server] : []),
      // Everything after `--` is an argument, whatever it looks like.
      '--',
      image.normalized,
    ];
    return { args, env: setup.env };
  },

  parseReport: parseTrivyReport,
};

function cacheDirArgs(setup: ScannerSetup): string[] {
  return setup.cacheDir === undefined ? [] : ['--cache-dir', setup.cacheDir];
}

function versionText(value: unknown): string | undefined {
  return typeof value === 'string' && /^[\w.+-]{1,64}$/.test(value.trim()) ? value.trim() : undefined;
}

/** `VulnerabilityDB` is present only when a DB is in the cache (pkg/version/version.go). */
function dbFrom(answer: Record<string, unknown>): Pick<VersionAnswer, 'dbUpdatedAt' | 'hasDb'> {
  const db = answer.VulnerabilityDB;
  if (typeof db !== 'object' || db === null) return { dbUpdatedAt: undefined, hasDb: false };
  return { dbUpdatedAt: readTime((db as Record<string, unknown>).UpdatedAt), hasDb: true };
}
