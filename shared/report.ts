// The result of one scan, as every writer (SARIF, Markdown summary, JSON, console) and the gate see
// it. Writers are pure functions of this object.

import type { Finding, ItemResult } from './engine.js';
import type { FailOn, Level } from './levels.js';
import type { Region } from './documents/locator.js';
import type { Rule } from './rules/define-rule.js';

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
}
