import { describe, expect, it } from 'vitest';
import { toJsonReport } from '../../shared/output/json.js';
import { ALPINE, BUSYBOX, FIXTURE_SECRET_VALUE, SPRING, imageScenario, makeFinding, makeInput, makeInputProblem, makeReport } from '../helpers/report-factory.js';

describe('toJsonReport', () => {
  it('flattens findings, sorted by location, with explicit nulls', () => {
    const service = makeFinding({ file: 'b.yaml', region: { startLine: 7, startColumn: 3, endLine: 7, endColumn: 21 } });
    const broken = makeInputProblem('a.yaml', 2);
    const json = toJsonReport(makeReport({ findings: [service, broken] }));
    expect(json.findings).toEqual([
      {
        ruleId: 'invalid-input',
        checklist: null,
        level: 'error',
        file: 'a.yaml',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 11,
        message: 'Nested mappings are not allowed in compact mappings',
        object: null,
        fingerprint: broken.fingerprint,
        image: null,
      },
      {
        ruleId: 'test-rule',
        checklist: 'SEC-1',
        level: 'error',
        file: 'b.yaml',
        line: 7,
        column: 3,
        endLine: 7,
        endColumn: 21,
        message: 'Service api is wrong.',
        object: { apiVersion: 'v1', kind: 'Service', name: 'api', namespace: 'shop' },
        fingerprint: service.fingerprint,
        image: null,
      },
    ]);
  });

  it('carries the tool, the gate, every item and every input', () => {
    const report = makeReport({
      findings: [makeFinding({ object: { kind: 'ClusterRole', name: 'admin', namespace: undefined } })],
      inputs: [makeInput('k8s/app.yaml'), makeInput('notes.txt', { status: 'skipped', reason: 'not YAML or JSON', documents: 0, objects: 0 })],
    });
    const json = toJsonReport(report);
    expect(json.version).toBe(1);
    expect(json.tool).toEqual(report.tool);
    expect(json.gate).toEqual({ failOn: 'error', passed: false, blocking: 1 });
    expect(json.items).toHaveLength(15);
    expect(json.items[0]).toEqual({
      id: 'SEC-1',
      title: 'No public endpoints; private API server',
      status: 'violated',
      counts: { error: 1, warning: 0, note: 0 },
      evaluated: ['workload'],
      notEvaluated: report.items[0]?.notEvaluated,
    });
    expect(json.inputs).toEqual([
      { path: 'k8s/app.yaml', status: 'scanned', reason: null, documents: 1, objects: 1 },
      { path: 'notes.txt', status: 'skipped', reason: 'not YAML or JSON', documents: 0, objects: 0 },
    ]);
    expect(json.findings[0]?.object?.namespace).toBeNull();
  });

  it('survives a JSON round trip unchanged (no undefined, no class instances)', () => {
    const json = toJsonReport(makeReport({ findings: [makeFinding(), makeInputProblem('x.yaml')], notifications: [{ level: 'note', message: 'n' }] }));
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('lists the scanners and every image briefly, and names the image of each image finding', () => {
    const { report } = imageScenario({ listed: [{ reference: SPRING }, { reference: 'nginx:1.25' }] });
    const json = toJsonReport(report);
    expect(json.scanners).toEqual([
      { name: 'trivy', version: '0.58.1', dbUpdatedAt: '2025-01-01T06:00:00.000Z' },
      { name: 'grype', version: '0.86.1', dbUpdatedAt: null },
    ]);
    const spring = json.images.find((i) => i.image === SPRING);
    expect(spring).toEqual({
      image: SPRING,
      scanners: [{ name: 'trivy', version: '0.58.1' }],
      notEvaluated: [{ scanner: 'grype', reason: 'timed out after 300 s' }],
      os: { family: 'debian', version: '11.3', endOfSupport: false },
      vulnerabilities: { critical: 1, high: 0, medium: 0, low: 0, negligible: 0, unknown: 0 },
      fixable: { critical: 1, high: 0, medium: 0, low: 0, negligible: 0, unknown: 0 },
      ignored: 0,
      unfixedDropped: 0,
      secrets: 0,
      usages: [
        { file: 'k8s/a.yaml', line: 14, object: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', namespace: 'shop' }, container: 'Container "web"' },
        { file: 'k8s/b.yaml', line: 14, object: { apiVersion: 'batch/v1', kind: 'CronJob', name: 'nightly', namespace: 'shop' }, container: 'Container "job"' },
        { file: '', line: null, object: null, container: null },
      ],
    });
    expect(json.images.find((i) => i.image === ALPINE)?.os?.endOfSupport).toBe(true);
    expect(json.images.find((i) => i.image === BUSYBOX)?.vulnerabilities).toEqual({ critical: 1, high: 10, medium: 2, low: 2, negligible: 0, unknown: 0 });
    expect(json.images.find((i) => i.image === 'docker.io/library/nginx:1.25')).toMatchObject({ scanners: [], notEvaluated: [{ scanner: null }] });
    expect(json.findings.filter((f) => f.ruleId === 'CVE-2022-22965').map((f) => [f.file, f.image])).toEqual([
      ['', SPRING],
      ['k8s/a.yaml', SPRING],
      ['k8s/b.yaml', SPRING],
    ]);
    expect(JSON.stringify(json)).not.toContain(FIXTURE_SECRET_VALUE);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(toJsonReport(makeReport())).toMatchObject({ scanners: [], images: [] });
  });
});
