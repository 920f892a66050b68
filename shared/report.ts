// The result of one scan, as every writer (SARIF, Markdown summary, JSON, console) and the gate see
// it. Writers are pure functions of this object.

import type { Finding, ItemResult } from './engine.js';
import type { FailOn, Level } from './levels.js';
import type { Region } from './documents/locator.js';
import type { Rule } from './rules/define-rule.js';
import type { ObjectRef } from './documents/manifest.js';
import type { ScannerRun } from './scanners/merge.js';
import type { ImageSecret, OperatingSystem, ScannerName, Vulnerability } from './scanners/report.js';

export type InputStatus = 'scanned' | 'skipped' | 'failed';

/** One input (file, stdin, later: image, cluster) and what became of it. */
export interface InputRecord {
  /** Repo-relative path with forward slashes, or `<stdin>`. */
  readonly path: string;
  readonly status: InputStatus;
  /** Why it was skipped or failed; for a scanned file, the documents that were skipped and why. */
  readonly reason?: string;
  /** Non-empty YAML documents in it. */
  readonly documents: number;
  /** Kubernetes objects read from it (List items counted one by one). */
  readonly objects: number;
}

/** Something the run wants the user to know that is not a rule violation (SARIF toolExecutionNotifications). */
export interface Notification {
  readonly level: Level;
  readonly message: string;
  readonly file?: string;
  readonly region?: Region;
}

export interface GateResult {
  readonly failOn: FailOn;
  readonly passed: boolean;
  /** Findings at or above the threshold. */
  readonly blocking: number;
}

export interface ScanReport {
  readonly tool: { readonly name: string; readonly version: string; readonly informationUri: string };
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly inputs: readonly InputRecord[];
  /** Every rule that ran or could have run, with the level in effect (overrides applied); `off` rules are listed too. */
  readonly rules: readonly { readonly rule: Rule; readonly level: Level | 'off' }[];
  readonly findings: readonly Finding[];
  readonly items: readonly ItemResult[];
  readonly notifications: readonly Notification[];
  readonly gate: GateResult;
  /** The image scanners that ran (SARIF tool.extensions); absent when images were not scanned. */
  readonly scanners?: readonly ScannerRecord[];
  /** Every image of the workloads (and every image given directly), scanned or not; absent when images were not scanned. */
  readonly images?: readonly ImageRecord[];
}

/** One image scanner as the run used it. */
export interface ScannerRecord {
  readonly name: ScannerName;
  readonly version?: string;
  /** When its vulnerability DB was built upstream (ISO 8601), when known. */
  readonly dbUpdatedAt?: string;
}

/** Where an image is used: the `image:` line of a container, or a line of an image list. */
export interface ImageUsageRecord {
  /** Repo-relative file; '' for an image given on the command line (it has no line anywhere). */
  readonly file: string;
  readonly region: Region | undefined;
  readonly object: ObjectRef | undefined;
  /** `Container "web"`, `Init container "migrate"`; undefined outside a manifest. */
  readonly container: string | undefined;
}

/** A vulnerability of an image with the level the policy gave it. */
export interface ImageVulnerabilityRecord {
  readonly vulnerability: Vulnerability;
  readonly level: Level;
}

/** One image: where it is used, who scanned it, what the policy made of the result. */
export interface ImageRecord {
  /** Normalized reference: `docker.io/library/nginx:latest`. */
  readonly image: string;
  readonly usages: readonly ImageUsageRecord[];
  /** Scanners whose report of this image was read (with the version the report names). */
  readonly scanners: readonly ScannerRun[];
  /** Scanners that could not scan it, and why; no scanner when none was run on it. */
  readonly failures: readonly { readonly scanner?: ScannerName; readonly reason: string }[];
  readonly os?: OperatingSystem;
  /** Reported vulnerabilities (ignored and dropped ones are not here), most severe first. */
  readonly vulnerabilities: readonly ImageVulnerabilityRecord[];
  /** Vulnerabilities left out by the ignore list, and by `ignoreUnfixed`. */
  readonly ignored: number;
  readonly unfixedDropped: number;
  /** Secrets Trivy found in the image and the ignore list did not excuse: SEC-6 errors. Never a value. */
  readonly secrets: readonly ImageSecret[];
}
