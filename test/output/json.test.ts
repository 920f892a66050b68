import { describe, expect, it } from 'vitest';
import { toJsonReport } from '../../shared/output/json.js';
import { makeFinding, makeInput, makeInputProblem, makeReport } from '../helpers/report-factory.js';

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
});
