import { describe, expect, it } from 'vitest';
import { parseManifests } from '../shared/documents/manifest.js';
import { evaluate } from '../shared/engine.js';
import { RULES } from '../shared/rules/index.js';
import servicePublicLoadBalancer from '../shared/rules/sec/service-public-load-balancer.js';
import { DEFAULT_RULE_SETTINGS } from '../shared/rules/settings.js';

const PUBLIC = `apiVersion: v1
kind: Service
metadata:
  name: store-front
  namespace: shop
spec:
  type: LoadBalancer
`;

function run(text: string, overrides: Record<string, 'off' | 'error' | 'warning' | 'note'> = {}) {
  return evaluate({ objects: parseManifests(text, 'svc.yaml').objects, rules: [servicePublicLoadBalancer], overrides, settings: DEFAULT_RULE_SETTINGS });
}

describe('engine', () => {
  it('marks an item violated, names the object, and keeps the other evidence kinds not evaluated with a reason', () => {
    const { findings, items } = run(PUBLIC);
    expect(findings).toMatchObject([{ ruleId: 'service-public-load-balancer', checklist: 'SEC-1', level: 'error', file: 'svc.yaml', region: { startLine: 7, startColumn: 3 }, pointer: '/spec/type' }]);
    expect(findings[0]?.message).toContain('Service shop/store-front');
    const sec1 = items.find((i) => i.id === 'SEC-1');
    expect(sec1).toMatchObject({ status: 'violated', evaluated: ['workload'], counts: { error: 1, warning: 0, note: 0 } });
    expect(sec1?.notEvaluated.map((n) => n.evidence)).toEqual(['cluster', 'live']);
    expect(items.find((i) => i.id === 'IAM-1')?.status).toBe('not-evaluated');
  });

  it('says satisfied only when a rule had something to look at', () => {
    const internal = PUBLIC.replace('  namespace: shop\n', '  namespace: shop\n  annotations:\n    service.beta.kubernetes.io/azure-load-balancer-internal: "true"\n');
    expect(run(internal).items.find((i) => i.id === 'SEC-1')?.status).toBe('satisfied');
    const nothing = run('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n');
    const sec1 = nothing.items.find((i) => i.id === 'SEC-1');
    expect(sec1?.status).toBe('not-evaluated');
    expect(sec1?.notEvaluated.find((n) => n.evidence === 'workload')?.reason).toBe('no Service in the inputs');
  });

  it('applies overrides: a new level, or off (and then the item is not evaluated, saying why)', () => {
    expect(run(PUBLIC, { 'service-public-load-balancer': 'note' }).findings[0]?.level).toBe('note');
    const off = run(PUBLIC, { 'service-public-load-balancer': 'off' });
    expect(off.findings).toEqual([]);
    expect(off.items.find((i) => i.id === 'SEC-1')?.notEvaluated.find((n) => n.evidence === 'workload')?.reason).toBe('switched off in the configuration');
  });

  it('gives fingerprints that survive lines inserted above, and differ between objects', () => {
    const before = run(PUBLIC).findings[0];
    const after = run(`# a comment\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\n${PUBLIC}`).findings[0];
    expect(after?.region.startLine).not.toBe(before?.region.startLine);
    expect(after?.fingerprint).toBe(before?.fingerprint);
    const other = run(PUBLIC.replace('store-front', 'store-admin')).findings[0];
    expect(other?.fingerprint).not.toBe(before?.fingerprint);
  });

  it('keeps fingerprints unique when the same object is written twice', () => {
    const { findings } = run(`${PUBLIC}---\n${PUBLIC}`);
    expect(findings).toHaveLength(2);
    expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(2);
  });

  it('runs every shipped rule over real manifests without throwing and with positions inside the file', () => {
    const text = `${PUBLIC}---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx\n`;
    const lines = text.split('\n').length;
    const { findings } = evaluate({ objects: parseManifests(text, 'x.yaml').objects, rules: RULES, overrides: {}, settings: DEFAULT_RULE_SETTINGS });
    expect(findings.length).toBeGreaterThan(3);
    for (const f of findings) {
      expect(f.region.startLine).toBeGreaterThanOrEqual(1);
      expect(f.region.startLine).toBeLessThanOrEqual(lines);
      expect(f.message).not.toMatch(/\{\{/);
    }
  });
});

describe('external evidence (image scans)', () => {
  const finding = {
    ruleId: 'CVE-2022-22965',
    checklist: 'SEC-4' as const,
    level: 'error' as const,
    messageId: 'vulnerability',
    message: 'x',
    file: 'deploy.yaml',
    region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 20 },
    approximate: false,
    object: undefined,
    pointer: '',
    fingerprint: 'f',
  };
  const run = (external: Parameters<typeof evaluate>[0]['external']) =>
    evaluate({ objects: [], rules: [], overrides: {}, settings: DEFAULT_RULE_SETTINGS, ...(external ? { external } : {}) }).items.find((i) => i.id === 'SEC-4');

  it('joins the item: findings violate it, an evaluated scan satisfies it', () => {
    expect(run([{ checklist: 'SEC-4', evidence: 'images', evaluated: true, notEvaluated: [], findings: [finding] }])).toMatchObject({ status: 'violated', evaluated: ['images'], counts: { error: 1 } });
    expect(run([{ checklist: 'SEC-4', evidence: 'images', evaluated: true, notEvaluated: [], findings: [] }])?.status).toBe('satisfied');
  });

  it('never passes the item when an image could not be scanned, and says why', () => {
    const item = run([{ checklist: 'SEC-4', evidence: 'images', evaluated: true, notEvaluated: ['docker.io/library/x:1: timed out after 300 s (trivy)'], findings: [] }]);
    expect(item?.status).toBe('not-evaluated');
    expect(item?.notEvaluated).toContainEqual({ evidence: 'images', reason: 'docker.io/library/x:1: timed out after 300 s (trivy)' });
  });
});
