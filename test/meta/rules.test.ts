// Parity between the rules, their files, their tests and fixtures, the checklist and the README:
// the things STYLE.md says must never drift apart.

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKLIST } from '../../shared/checklist.js';
import { withRuleTable } from '../../shared/output/rule-table.js';
import { RULES } from '../../shared/rules/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const RULE_DIRS = ['sec', 'ha', 'iam'].map((d) => join(ROOT, 'shared', 'rules', d));

/** Rule files are the ones that export a defineRule() as default; helpers beside them do not. */
function ruleFiles(): string[] {
  return RULE_DIRS.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f))).filter((f) =>
    /export default defineRule\(/.test(readFileSync(f, 'utf8')),
  );
}

describe('rules registry', () => {
  it('lists every rule file exactly once, sorted by id, and each id is its file name', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort());
    expect(ruleFiles().map((f) => basename(f, '.ts')).sort()).toEqual([...ids].sort());
  });

  it('uses kebab-case ids and names exactly one known checklist item per rule', () => {
    const items = new Set<string>(CHECKLIST.map((i) => i.id));
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(items.has(rule.checklist), `${rule.id} names ${rule.checklist}`).toBe(true);
    }
  });

  it('has complete metadata: title, help, full-sentence remediation, https references, messages', () => {
    for (const rule of RULES) {
      expect(rule.title.length, rule.id).toBeGreaterThan(10);
      expect(rule.help.length, rule.id).toBeGreaterThan(40);
      expect(rule.remediation, rule.id).toMatch(/^[A-Z`].*[.)]$/s);
      expect(rule.references.length, rule.id).toBeGreaterThan(0);
      for (const url of rule.references) expect(url, rule.id).toMatch(/^https:\/\/\S+$/);
      expect(Object.keys(rule.messages).length, rule.id).toBeGreaterThan(0);
      if (rule.securitySeverity !== undefined) {
        expect(rule.securitySeverity).toBeGreaterThanOrEqual(0);
        expect(rule.securitySeverity).toBeLessThanOrEqual(10);
      }
    }
  });

  it('has a test and pass and fail fixtures for every rule', () => {
    for (const rule of RULES) {
      const dir = join(ROOT, 'test', 'rules', rule.id);
      expect(existsSync(join(dir, `${rule.id}.test.ts`)), `test/rules/${rule.id}/${rule.id}.test.ts`).toBe(true);
      const fixtures = readdirSync(dir);
      expect(fixtures.some((f) => f.startsWith('pass.')), `${rule.id} has a pass fixture`).toBe(true);
      expect(fixtures.some((f) => f.startsWith('fail.')), `${rule.id} has a fail fixture`).toBe(true);
    }
  });
});

describe('checklist', () => {
  it('matches the item ids of CHECKLIST.md, the specification', () => {
    const spec = readFileSync(join(ROOT, '..', 'shared', 'CHECKLIST.md'), 'utf8');
    const ids = [...spec.matchAll(/^### ((?:SEC|HA|IAM)-\d+) /gm)].map((m) => m[1]);
    expect(ids).toEqual(CHECKLIST.map((i) => i.id));
  });

  it('has a workload rule for every item whose workload evidence the checklist names', () => {
    for (const item of CHECKLIST) {
      if (!(item.evidence as readonly string[]).includes('workload')) continue;
      expect(RULES.some((r) => r.checklist === item.id && r.evidence.includes('workload')), item.id).toBe(true);
    }
  });
});

describe('README', () => {
  it('carries the rule table generated from the rules', () => {
    const path = join(ROOT, 'README.md');
    const readme = readFileSync(path, 'utf8');
    const expected = withRuleTable(readme, RULES);
    expect(expected, 'README has the rule table markers').toBeDefined();
    if (process.env.AKS_GATE_UPDATE_DOCS && expected !== undefined && expected !== readme) writeFileSync(path, expected);
    else expect(readme).toBe(expected);
  });
});
