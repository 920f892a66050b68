// Gets one scanner ready, before any image is scanned: finds it (the path given, or PATH; never
// downloaded), asks its version (a refused release runs nothing more), and updates its vulnerability DB
// once, so that every scan afterwards can run with updates off and never fight over the DB.

import { resolve } from 'node:path';
import { findExecutable } from './discover.js';
import { commandFailure } from './failure.js';
import { runCommand, type RunResult } from './process.js';
import type { ScannerName } from './report.js';
import type { Command, ImageScanner, ScannerSetup, VersionAssessment } from './scanner.js';

export interface PrepareSettings {
  readonly explicitPath: string | undefined;
  /** The scanners were named by the caller, so a missing one is worth a warning. */
  readonly explicit: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly offline: boolean;
  readonly cacheDir: string | undefined;
  readonly server: string | undefined;
  readonly timeoutMs: number;
  readonly updateTimeoutMs: number;
}

export interface ScannerUsed {
  readonly name: ScannerName;
  readonly path: string;
  readonly version?: string;
  /** When the vulnerability data was built upstream (Trivy `UpdatedAt`, Grype `built`), when known. */
  readonly dbUpdatedAt?: string;
  /** Other databases the scans read, with their timestamps (e.g. Trivy's Java DB); part of a cached result's key. */
  readonly auxiliaryDbs?: string;
  /** `client`: Trivy against a server; `offline`: cached DB, no network. */
  readonly mode: 'standalone' | 'client' | 'offline';
}

export interface ScannerSkipped {
  readonly name: ScannerName;
  readonly path?: string;
  readonly version?: string;
  readonly reason: string;
}

const VERSION_TIMEOUT_MS = 60_000;

export interface Ready {
  readonly kind: 'ready';
  readonly scanner: ImageScanner;
  readonly setup: ScannerSetup;
  readonly assessment: VersionAssessment;
  readonly used: ScannerUsed;
  readonly warnings: readonly string[];
}

export interface Skipped {
  readonly kind: 'skipped';
  readonly skipped: ScannerSkipped;
  readonly warnings: readonly string[];
}

/** Finds the scanner, checks its version and brings its DB up to date, once. */
export async function prepare(scanner: ImageScanner, settings: PrepareSettings): Promise<Ready | Skipped> {
  const explicitPath = settings.explicitPath;
  const path = await findExecutable(scanner.name, settings.env, explicitPath);
  const skip = (reason: string, extra: Partial<ScannerSkipped> = {}, warn = true): Skipped => ({
    kind: 'skipped',
    skipped: { name: scanner.name, ...extra, reason },
    warnings: warn ? [`${scanner.title} not used: ${reason}.`] : [],
  });
  if (path === undefined) {
    const given = explicitPath !== undefined && explicitPath !== '';
    const reason = given ? `${scanner.title} path "${explicitPath}" is not an executable file` : `${scanner.title} is not on PATH`;
    // In auto mode a missing scanner is expected (the other one may be there); only ask-for-it is a warning.
    return skip(reason, {}, given || settings.explicit);
  }

  const { cacheDir, server } = settings;
  const setup: ScannerSetup = {
    path,
    env: settings.env,
    offline: settings.offline,
    cacheDir: cacheDir === undefined || cacheDir === '' ? undefined : resolve(cacheDir),
    server,
    timeoutMs: settings.timeoutMs,
  };

  const versionRun = await run(setup, scanner.versionCommand(setup), VERSION_TIMEOUT_MS, true);
  const versionFailure = commandFailure(versionRun, VERSION_TIMEOUT_MS);
  const answer = versionFailure === undefined ? scanner.readVersion(versionRun.stdout) : undefined;
  if (answer === undefined) {
    const why = versionFailure?.reason ?? 'it did not answer with JSON';
    return skip(`could not read the ${scanner.title} version: ${why}`, { path });
  }
  const version = answer.version;
  const assessment = scanner.assessVersion(version, setup);
  const known = version === undefined ? {} : { version };
  if (assessment.refuse !== undefined) return skip(assessment.refuse, { path, ...known });
  const warnings = [...assessment.warnings];

  // The one DB update of the run: every scan after it runs with updates off.
  let updateProblem: string | undefined;
  for (const command of scanner.dbUpdateCommands(setup)) {
    const result = await run(setup, command, settings.updateTimeoutMs, false);
    const failure = commandFailure(result, settings.updateTimeoutMs);
    if (failure !== undefined) {
      updateProblem = `\`${scanner.name} ${command.args.join(' ')}\` failed: ${failure.reason}`;
      break;
    }
  }

  let dbUpdatedAt: string | undefined;
  let auxiliaryDbs: string | undefined;
  if (server === undefined) {
    const statusRun = await run(setup, scanner.dbStatusCommand(setup), VERSION_TIMEOUT_MS, true);
    const status = scanner.readDbStatus(statusRun.stdout, statusRun.exitCode);
    if (!status.hasDb) {
      const why = updateProblem ?? (settings.offline ? `offline, and ${status.problem ?? 'there is no vulnerability DB'}` : status.problem ?? 'no vulnerability DB');
      return skip(why, { path, ...known });
    }
    dbUpdatedAt = status.dbUpdatedAt;
    auxiliaryDbs = status.auxiliaryDbs;
    if (updateProblem !== undefined) {
      warnings.push(`${scanner.title} DB update failed, scanning with the cached DB${dbUpdatedAt === undefined ? '' : ` built ${dbUpdatedAt}`}: ${updateProblem}`);
    }
  }

  const used: ScannerUsed = {
    name: scanner.name,
    path,
    ...known,
    ...(dbUpdatedAt === undefined ? {} : { dbUpdatedAt }),
    ...(auxiliaryDbs === undefined ? {} : { auxiliaryDbs }),
    mode: server !== undefined ? 'client' : settings.offline ? 'offline' : 'standalone',
  };
  return { kind: 'ready', scanner, setup, assessment, used, warnings };
}

export function run(setup: ScannerSetup, command: Command, timeoutMs: number, captureStdout: boolean): Promise<RunResult> {
  return runCommand(setup.path, command.args, { env: command.env, timeoutMs, captureStdout });
}

