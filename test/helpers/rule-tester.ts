// ESLint's RuleTester, for aks-gate rules: each fixture file beside a rule's test is a case, named
// by intent (`pass.*`, `fail.*`, `none.*` for "nothing to evaluate"), and the test's table says
// what every fail case must report: message id, level and line. A fixture the table forgets fails.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parseManifests } from '../../shared/documents/manifest.js';
import { evaluate, type Finding } from '../../shared/engine.js';
import type { Rule } from '../../shared/rules/define-rule.js';
import { DEFAULT_RULE_SETTINGS, type RuleSettings } from '../../shared/rules/settings.js';

export interface Expected {
  readonly messageId: string;
  readonly level: 'error' | 'warning' | 'note';
  readonly line: number;
  /** Optional: a substring the message must contain (names the culprit). */
  readonly message?: string;
}

export interface Case {
  /** What the rule must report for a fail case; [] for pass and none cases. */
  readonly expect: readonly Expected[];
  readonly settings?: Partial<RuleSettings>;
}

/** Runs the rule over one text, as the whole pipeline would, and returns its findings and whether it evaluated anything. */
export function runRule(rule: Rule, text: string, settings: Partial<RuleSettings> = {}, file = 'manifest.yaml'): { findings: Finding[]; evaluated: boolean } {
  const parsed = parseManifests(text, file);
  expect(parsed.problems, 'fixture must parse').toEqual([]);
  const result = evaluate({ objects: parsed.objects, rules: [rule], overrides: {}, settings: { ...DEFAULT_RULE_SETTINGS, ...settings } });
  return { findings: result.findings, evaluated: !result.ruleSkips.has(rule.id) };
}

export function testRule(rule: Rule, dir: string, cases: Readonly<Record<string, Case>>): void {
  const files = readdirSync(dir).filter((f) => /^(pass|fail|none)\..+\.(ya?ml|json)$/.test(f)).sort();

  it('has a table entry for every fixture and a fixture for every entry', () => {
    expect(Object.keys(cases).sort()).toEqual(files);
    expect(files.some((f) => f.startsWith('pass.'))).toBe(true);
    expect(files.some((f) => f.startsWith('fail.'))).toBe(true);
  });

  for (const file of files) {
    const c = cases[file];
    if (!c) continue;
    it(file, () => {
      const { findings, evaluated } = runRule(rule, readFileSync(join(dir, file), 'utf8'), c.settings, file);
      const got = findings.map((f) => ({ messageId: f.messageId, level: f.level, line: f.region.startLine }));
      const want = c.expect.map(({ messageId, level, line }) => ({ messageId, level, line }));
      expect(got).toEqual(want);
      c.expect.forEach((e, i) => {
        if (e.message !== undefined) expect(findings[i]?.message).toContain(e.message);
      });
      for (const f of findings) expect(f.message, 'every placeholder is filled').not.toMatch(/\{\{/);
      if (file.startsWith('none.')) expect(evaluated, 'a none case has nothing to evaluate').toBe(false);
      else expect(evaluated, 'pass and fail cases have something to evaluate').toBe(true);
      if (file.startsWith('fail.')) expect(findings.length).toBeGreaterThan(0);
    });
  }
}
