// Hand-built ScanReports for the writers' tests (and anyone else's): every field has a sensible
// default, derived from the findings where it can be (rules, items, inputs, gate), so a test states
// only what it is about.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHECKLIST, MISSING_EVIDENCE, type ChecklistId, type Evidence } from '../../shared/checklist.js';
import type { Region } from '../../shared/documents/locator.js';
import type { ObjectRef } from '../../shared/documents/manifest.js';
import { parseManifests } from '../../shared/documents/manifest.js';
import { evaluate, fingerprint, type Finding, type ItemResult, type ItemStatus } from '../../shared/engine.js';
import { reaches, type FailOn, type Level } from '../../shared/levels.js';
import type { ImageRecord, InputRecord, Notification, ScanReport, ScannerRecord } from '../../shared/report.js';
import { defineRule, type ObjectRule, type Rule } from '../../shared/rules/define-rule.js';
import { INPUT_PROBLEM } from '../../shared/rules/input-problem.js';
import { DEFAULT_RULE_SETTINGS } from '../../shared/rules/settings.js';
import { parseGrypeReport } from '../../shared/scanners/grype-report.js';
import { imageFindings, type ImageFindingsResult, type ImageScanResults } from '../../shared/scanners/image-findings.js';
import { DEFAULT_IMAGE_POLICY, type ImagePolicy } from '../../shared/scanners/policy.js';
import type { ImageReport, ScannerName } from '../../shared/scanners/report.js';
import { parseTrivyReport } from '../../shared/scanners/trivy-report.js';
import { collectImageUsages, type ImageUsages, type ListedImage } from '../../shared/scanners/usages.js';

export type ActiveRule = ScanReport['rules'][number];

/** A rule with complete metadata that never reports anything on its own. */
export function makeRule(overrides: Partial<Omit<ObjectRule<string>, 'target'>> = {}): Rule {
  const id = overrides.id ?? 'test-rule';
  return defineRule<string>({
    id,
    checklist: 'SEC-1',
    title: `Title of ${id}`,
    severity: 'error',
    evidence: ['workload'],
    kinds: '*',
    messages: { found: '{{object}} is wrong.' },
    help: `What \`${id}\` checks and why it matters.`,
    remediation: 'Fix the object and scan again.',
    references: [`https://example.com/docs/${id}`, 'https://example.com/more'],
    check: () => undefined,
    ...overrides,
    target: 'object',
  });
}

export interface FindingInit extends Partial<Omit<Finding, 'region' | 'object'>> {
  /** Shorthand for region.startLine (and endLine). */
  readonly line?: number;
  readonly column?: number;
  readonly region?: Partial<Region>;
  /** Fields of the object; `null` for a finding about no object (an unparseable file). */
  readonly object?: Partial<ObjectRef> | null;
}

/** A finding whose fingerprint is computed as the engine does: from identity, never from the line. */
export function makeFinding(init: FindingInit = {}): Finding {
  const { line, column, region, object: objectInit, ...rest } = init;
  const startLine = region?.startLine ?? line ?? 1;
  const startColumn = region?.startColumn ?? column ?? 1;
  const object: ObjectRef | undefined =
    objectInit === null ? undefined : { apiVersion: 'v1', kind: 'Service', name: 'api', namespace: 'shop', ...objectInit };
  const ruleId = rest.ruleId ?? 'test-rule';
  const messageId = rest.messageId ?? 'found';
  const file = rest.file ?? 'k8s/app.yaml';
  const pointer = rest.pointer ?? '/spec/type';
  return {
    ruleId,
    checklist: 'checklist' in init ? init.checklist : ruleId === INPUT_PROBLEM.id ? undefined : 'SEC-1',
    level: 'error',
    messageId,
    message: `${object === undefined ? 'The file' : `${object.kind} ${object.name}`} is wrong.`,
    file,
    region: { startLine, startColumn, endLine: region?.endLine ?? startLine, endColumn: region?.endColumn ?? startColumn + 10 },
    approximate: false,
    object,
    pointer,
    fingerprint: fingerprint([ruleId, messageId, file, object?.kind ?? '', object?.namespace ?? '', object?.name ?? '', pointer]),
    ...rest,
  };
}

/** A finding for a file that could not be parsed. */
export function makeInputProblem(file: string, line = 1, message = 'Nested mappings are not allowed in compact mappings'): Finding {
  return makeFinding({ ruleId: INPUT_PROBLEM.id, messageId: 'parse', checklist: undefined, file, line, message, object: null, pointer: '' });
}

export function makeInput(path: string, overrides: Partial<InputRecord> = {}): InputRecord {
  return { path, status: 'scanned', documents: 1, objects: 1, ...overrides };
}

/**
 * Items as the engine would derive them: counts from the findings; an item with an active rule counts
 * its workload evidence as evaluated, everything else is not evaluated with the usual reason.
 */
export function makeItems(findings: readonly Finding[], rules: readonly ActiveRule[], overrides: Partial<Record<ChecklistId, Partial<ItemResult>>> = {}): ItemResult[] {
  return CHECKLIST.map((item) => {
    const counts: Record<Level, number> = { error: 0, warning: 0, note: 0 };
    for (const f of findings) if (f.checklist === item.id) counts[f.level] += 1;
    const active = rules.some((r) => r.level !== 'off' && r.rule.checklist === item.id);
    const evaluated: Evidence[] = active ? item.evidence.filter((e) => e === 'workload') : [];
    const notEvaluated = item.evidence.filter((e) => !evaluated.includes(e)).map((evidence) => ({ evidence, reason: MISSING_EVIDENCE[evidence] }));
    const status: ItemStatus = counts.error + counts.warning > 0 ? 'violated' : evaluated.length > 0 ? 'satisfied' : 'not-evaluated';
    return { id: item.id, title: item.title, status, counts, evaluated, notEvaluated, ...overrides[item.id] };
  });
}

export interface ReportInit {
  readonly findings?: readonly Finding[];
  /** Defaults to one rule per rule id the findings use (at its default level). */
  readonly rules?: readonly ActiveRule[];
  readonly items?: readonly ItemResult[];
  /** Defaults to every file the findings name, scanned. */
  readonly inputs?: readonly InputRecord[];
  readonly notifications?: readonly Notification[];
  readonly failOn?: FailOn;
  readonly version?: string;
  readonly scanners?: readonly ScannerRecord[];
  readonly images?: readonly ImageRecord[];
}

export function makeReport(init: ReportInit = {}): ScanReport {
  const findings = init.findings ?? [];
  const rules = init.rules ?? rulesFor(findings);
  const failOn = init.failOn ?? 'error';
  const blocking = findings.filter((f) => reaches(f.level, failOn)).length;
  return {
    tool: { name: 'aks-gate', version: init.version ?? '0.1.0', informationUri: 'https://github.com/example/aks-gate' },
    startedAt: '2025-01-02T03:04:05.000Z',
    finishedAt: '2025-01-02T03:04:06.500Z',
    inputs: init.inputs ?? [...new Set(findings.map((f) => f.file))].sort().map((path) => makeInput(path)),
    rules,
    findings,
    items: init.items ?? makeItems(findings, rules),
    notifications: init.notifications ?? [],
    gate: { failOn, passed: blocking === 0, blocking },
    ...(init.scanners === undefined ? {} : { scanners: init.scanners }),
    ...(init.images === undefined ? {} : { images: init.images }),
  };
}

/** The real scanner reports beside the clone (../shared/fixtures/scanners/ from the project root). */
export const SCANNER_FIXTURES = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'scanners');

/** A fixture report through its real parser: `scannerFixture('trivy', 'trivy-image-alpine-3.10.json')`. */
export function scannerFixture(scanner: ScannerName, file: string): ImageReport {
  const json: unknown = JSON.parse(readFileSync(resolve(SCANNER_FIXTURES, scanner, file), 'utf8'));
  const parsed = scanner === 'trivy' ? parseTrivyReport(json) : parseGrypeReport(json);
  if (!parsed.ok) throw new Error(`${file}: ${parsed.reason}`);
  return parsed.report;
}

function rulesFor(findings: readonly Finding[]): ActiveRule[] {
  const byId = new Map<string, ChecklistId>();
  for (const f of findings) if (f.checklist !== undefined && !byId.has(f.ruleId)) byId.set(f.ruleId, f.checklist);
  return [...byId].map(([id, checklist]) => {
    const rule = makeRule({ id, checklist });
    return { rule, level: rule.severity };
  });
}

// ── Image scans: the real pipeline over real scanner reports ───────────────────────────────────────

export const SPRING = 'ghcr.io/aquasecurity/trivy-test-images:spring4shell-jre11';
export const ALPINE = 'ghcr.io/aquasecurity/trivy-test-images:alpine-310';
export const BUSYBOX = 'docker.io/library/busybox:1.32.1';
export const APP = 'myacr.azurecr.io/shop/app:1.0';
/** A value in the secrets fixture's context lines: it must never reach an output. */
export const FIXTURE_SECRET_VALUE = 'ghp_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export const IMAGE_MANIFESTS: Readonly<Record<string, string>> = {
  'k8s/a.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  template:
    spec:
      initContainers:
        - name: migrate
          image: ${ALPINE}
      containers:
        - name: web
          image: ${SPRING}
        - name: sidecar
          image: ${APP}
`,
  'k8s/b.yaml': `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
  namespace: shop
spec:
  schedule: "0 1 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: job
              image: ${SPRING}
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
  namespace: tools
spec:
  containers:
    - name: shell
      image: busybox:1.32.1
`,
};

/** A report, or the reason the scanner failed on the image. */
export type FakeOutcome = ImageReport | string;

export function defaultImageResults(): Record<string, Partial<Record<ScannerName, FakeOutcome>>> {
  return {
    [SPRING]: { trivy: scannerFixture('trivy', 'trivy-image-spring4shell-jre11-java.json'), grype: 'timed out after 300 s' },
    [ALPINE]: { trivy: scannerFixture('trivy', 'trivy-image-alpine-3.10.json'), grype: scannerFixture('grype', 'grype-empty-zero-matches.json') },
    [BUSYBOX]: { trivy: 'the image could not be pulled: MANIFEST_UNKNOWN', grype: scannerFixture('grype', 'grype-image-busybox-1.32.1-epss.json') },
    [APP]: { trivy: scannerFixture('trivy', 'trivy-fs-secrets.json'), grype: scannerFixture('grype', 'grype-empty-zero-matches.json') },
  };
}

export const FAKE_SCANNERS: readonly ScannerRecord[] = [
  { name: 'trivy', version: '0.58.1', dbUpdatedAt: '2025-01-01T06:00:00.000Z' },
  { name: 'grype', version: '0.86.1' },
];

export interface ImageScenarioInit {
  readonly manifests?: Readonly<Record<string, string>>;
  readonly listed?: readonly ListedImage[];
  readonly results?: Readonly<Record<string, Partial<Record<ScannerName, FakeOutcome>>>>;
  readonly scanners?: readonly ScannerRecord[];
  readonly notEvaluated?: { readonly reason: string; readonly hint?: string };
  readonly policy?: ImagePolicy;
  readonly today?: Date;
}

export interface ImageScenario {
  readonly usages: ImageUsages;
  readonly result: ImageFindingsResult;
  readonly report: ScanReport;
}

/** Manifests → usages → (fake) scans → image findings → engine items → a ScanReport with images. */
export function imageScenario(init: ImageScenarioInit = {}): ImageScenario {
  const manifests = init.manifests ?? IMAGE_MANIFESTS;
  const objects = Object.entries(manifests).flatMap(([file, text]) => parseManifests(text, file).objects);
  const usages = collectImageUsages(objects, init.listed ?? []);
  const results = init.results ?? defaultImageResults();
  const scan: ImageScanResults = {
    images: usages.images.map(({ image }) => ({
      image,
      results: Object.fromEntries(
        Object.entries(results[image] ?? {}).map(([name, o]) => [name, typeof o === 'string' ? { ok: false as const, reason: o } : { ok: true as const, report: o }]),
      ),
    })),
    scanners: init.scanners ?? (init.notEvaluated === undefined ? FAKE_SCANNERS : []),
    ...(init.notEvaluated === undefined ? {} : { notEvaluated: init.notEvaluated }),
  };
  const result = imageFindings({ usages, scan, policy: init.policy ?? DEFAULT_IMAGE_POLICY, today: init.today ?? new Date('2025-01-02T03:04:05Z') });
  const engine = evaluate({ objects, rules: [], overrides: {}, settings: DEFAULT_RULE_SETTINGS, external: result.external });
  const report = makeReport({
    findings: engine.findings,
    rules: [],
    items: engine.items,
    inputs: Object.keys(manifests).map((path) => makeInput(path)),
    notifications: result.notifications,
    scanners: result.scanners,
    images: result.images,
  });
  return { usages, result, report };
}
