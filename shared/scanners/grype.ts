// Grype's command lines. Flags and environment variables are from Anchore's Grype CLI reference
// (oss.anchore.com/docs/reference/commands/grype: `grype help`, `grype config`, `grype db …`):
//   grype version -o json                 → {"application": "grype", "version": "0.100.0", …} (anchore/clio)
//   grype db update ; grype db status -o json → {"schemaVersion", "built", "path", "valid", …}
//   grype IMAGE -o json --file FILE
//   GRYPE_DB_AUTO_UPDATE=false  GRYPE_CHECK_FOR_APP_UPDATE=false  GRYPE_DB_VALIDATE_AGE=false
//   GRYPE_DB_CACHE_DIR=DIR
//
// Grype reads its DB (SQLite) read-only during a scan, so scans run side by side once the single
// `grype db update` is done; with auto-update on, every scan would check and possibly replace the DB
// under the others (anchore/grype #859, #2023).

import type { ImageReference } from '../documents/image-ref.js';
import { parseGrypeReport } from './grype-report.js';
import { parseJsonAnswer, readTime, type Command, type DbAnswer, type ImageScanner, type ScannerSetup } from './scanner.js';
import { atLeast } from './versions.js';

/** DB schema v6 arrived in 0.88.0; Anchore stopped publishing schema v5 data in March 2026 (anchore/grype-db #912). */
export const GRYPE_MIN_VERSION = '0.88.0';

export const GRYPE_ENV = {
  autoUpdate: 'GRYPE_DB_AUTO_UPDATE',
  appUpdate: 'GRYPE_CHECK_FOR_APP_UPDATE',
  validateAge: 'GRYPE_DB_VALIDATE_AGE',
  cacheDir: 'GRYPE_DB_CACHE_DIR',
} as const;

/**
 * Grype reads `scheme:rest` as a source scheme (`registry:`, `docker:`, `oci-dir:` …). A normalized
 * reference only has a `:` before its first `/` when the registry has a port, so a registry host
 * named like a scheme (`registry:5000/app`) would be misread; such images are pulled explicitly.
 */
const GRYPE_SCHEMES = new Set(['docker', 'podman', 'docker-archive', 'oci-archive', 'oci-dir', 'oci-registry', 'registry', 'singularity', 'dir', 'file', 'sbom', 'purl', 'cpe']);

export const grype: ImageScanner = {
  name: 'grype',
  title: 'Grype',

  versionCommand(setup) {
    return { args: ['version', '-o', 'json'], env: setup.env };
  },

  readVersion(stdout) {
    const answer = parseJsonAnswer(stdout);
    if (answer === undefined) return undefined;
    const version = typeof answer.version === 'string' && /^[\w.+-]{1,64}$/.test(answer.version.trim()) ? answer.version.trim() : undefined;
    return { version, dbUpdatedAt: undefined, hasDb: undefined };
  },

  assessVersion(version) {
    const recent = atLeast(version, GRYPE_MIN_VERSION);
    if (recent === true) return { warnings: [] };
    const what = recent === undefined ? `Grype reports no release number ("${version ?? 'none'}")` : `Grype ${version ?? ''} is older than ${GRYPE_MIN_VERSION}`;
    return { warnings: [`${what}, the oldest version aks-gate supports: older releases read DB schema v5, which no longer receives new vulnerability data. Upgrade Grype.`] };
  },

  dbUpdateCommands(setup) {
    if (setup.offline) return [];
    return [{ args: ['db', 'update'], env: grypeEnv(setup, false) }];
  },

  dbStatusCommand(setup) {
    return { args: ['db', 'status', '-o', 'json'], env: grypeEnv(setup, false) };
  },

  readDbStatus(stdout, exitCode): DbAnswer {
    const answer = parseJsonAnswer(stdout);
    const built = readTime(answer?.built);
    if (exitCode === 0 && built !== undefined) return { dbUpdatedAt: built, hasDb: true };
    const error = typeof answer?.error === 'string' && answer.error !== '' ? `: ${answer.error}` : '';
    return { dbUpdatedAt: built, hasDb: false, problem: `there is no usable Grype vulnerability DB${error}` };
  },

  scanCommand(setup, image: ImageReference, reportFile): Command {
    const target = image.port !== undefined && GRYPE_SCHEMES.has(image.host) ? `registry:${image.normalized}` : image.normalized;
    return { args: ['-o', 'json', '--file', reportFile, '--', target], env: grypeEnv(setup, true) };
  },

  parseReport: parseGrypeReport,
};

/** A scan never touches the DB; `db update` is the one command allowed to. */
function grypeEnv(setup: ScannerSetup, scan: boolean): NodeJS.ProcessEnv {
  return {
    ...setup.env,
    ...(scan ? { [GRYPE_ENV.autoUpdate]: 'false' } : {}),
    [GRYPE_ENV.appUpdate]: 'false',
    ...(setup.offline ? { [GRYPE_ENV.validateAge]: 'false' } : {}),
    ...(setup.cacheDir !== undefined ? { [GRYPE_ENV.cacheDir]: setup.cacheDir } : {}),
  };
}
