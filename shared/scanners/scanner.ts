// The one interface both image scanners implement (STYLE.md: "one ImageScanner interface; trivy.ts,
// grype.ts"). A scanner only *describes* its commands and reads its own answers; runner.ts runs them,
// so the safety rules (argument arrays, deadlines, bounded stderr, reports in files) live in one place.

import type { ImageReference } from '../documents/image-ref.js';
import type { ParseResult, ScannerName } from './report.js';

/** What the run decided for one scanner before any command runs. */
export interface ScannerSetup {
  /** Absolute path of the executable. */
  readonly path: string;
  /** The environment children get (the caller's, never merged with aks-gate's own). */
  readonly env: NodeJS.ProcessEnv;
  readonly offline: boolean;
  readonly cacheDir: string | undefined;
  /** Trivy client/server mode: the server holds the vulnerability DB. */
  readonly server: string | undefined;
  readonly timeoutMs: number;
}

export interface Command {
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

export interface VersionAnswer {
  /** As the scanner printed it, cleaned; undefined when the answer had none. */
  readonly version: string | undefined;
  /** When the local vulnerability DB was built upstream, ISO 8601, if the answer says. */
  readonly dbUpdatedAt: string | undefined;
  /** Whether the answer shows a local vulnerability DB (undefined: the answer cannot tell). */
  readonly hasDb: boolean | undefined;
}

export interface VersionAssessment {
  /** Set when this version must not be run at all. */
  readonly refuse?: string;
  readonly warnings: readonly string[];
  /** How many scans of this scanner may run at once (undefined: no limit of its own). */
  readonly maxParallel?: number;
}

export interface DbAnswer {
  readonly dbUpdatedAt: string | undefined;
  /** Other databases a scan reads, with their timestamps (Trivy's Java DB): part of what a cached result depends on. */
  readonly auxiliaryDbs?: string | undefined;
  readonly hasDb: boolean;
  /** Why there is no usable DB, when there is none. */
  readonly problem?: string;
}

export interface ImageScanner {
  readonly name: ScannerName;
  /** `Trivy`, `Grype`: for messages. */
  readonly title: string;
  versionCommand(setup: ScannerSetup): Command;
  readVersion(stdout: string): VersionAnswer | undefined;
  assessVersion(version: string | undefined, setup: ScannerSetup): VersionAssessment;
  /** The DB updates to run once before any scan; empty when offline or when a server holds the DB. */
  dbUpdateCommands(setup: ScannerSetup): readonly Command[];
  /** Asks for the DB's state after the update (Trivy answers it in `version`, Grype in `db status`). */
  dbStatusCommand(setup: ScannerSetup): Command;
  readDbStatus(stdout: string, exitCode: number | undefined): DbAnswer;
  /** A scan with DB updates off, writing JSON to `reportFile`. `image` is already validated. */
  scanCommand(setup: ScannerSetup, image: ImageReference, reportFile: string, assessment: VersionAssessment): Command;
  parseReport(json: unknown): ParseResult;
}

/** Parses a small JSON answer from stdout; tolerates log lines around it. */
export function parseJsonAnswer(stdout: string): Record<string, unknown> | undefined {
  const text = stdout.trim();
  for (const candidate of [text, text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)]) {
    try {
      const value: unknown = JSON.parse(candidate);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

/** An ISO time from a JSON field, or undefined (Go's zero time counts as unknown). */
export function readTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time) || time <= 0) return undefined;
  return new Date(time).toISOString();
}
