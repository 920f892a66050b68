// RuleTester for cluster rules: every fixture beside a rule's test (ARM `.json`, Terraform `.tf`, plan
// `.plan.json`) is read by the same readers users run, and the table pins what each must report.
// Fixtures are named by intent: `pass.<case>.<ext>`, `fail.<case>.<ext>`, `unknown.<case>.<ext>` (a value
// the rule needs cannot be resolved: not evaluated, never passed), `none.<case>.<ext>` (nothing to evaluate).

import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Infrastructure } from '../../shared/documents/cluster/model.js';
import { evaluate, type Finding, type ItemResult } from '../../shared/engine.js';
import type { Rule } from '../../shared/rules/define-rule.js';
import { DEFAULT_RULE_SETTINGS, type RuleSettings } from '../../shared/rules/settings.js';
import { readClusterDefinitions } from '../../shared/sources/cluster/read.js';
import type { Expected } from './rule-tester.js';

export interface ClusterCase {
  readonly expect: readonly Expected[];
  readonly settings?: Partial<RuleSettings>;
}

/** Runs one rule over an infrastructure model, as the whole pipeline would. */
export function runClusterRule(rule: Rule, infrastructure: Infrastructure, settings: Partial<RuleSettings> = {}): { findings: Finding[]; item: ItemResult | undefined } {
  const result = evaluate({ objects: [], infrastructure, rules: [rule], overrides: {}, settings: { ...DEFAULT_RULE_SETTINGS, ...settings } });
  return { findings: result.findings, item: result.items.find((i) => i.id === rule.checklist) };
}

export function testClusterRule(rule: Rule, dir: string, cases: Readonly<Record<string, ClusterCase>>): void {
  const files = readdirSync(dir)
    .filter((f) => /^(pass|fail|unknown|none)\..+\.(json|tf)$/.test(f))
    .sort();

  it('has a table entry for every fixture, and pass and fail fixtures', () => {
    expect(Object.keys(cases).sort()).toEqual(files);
    expect(files.some((f) => f.startsWith('pass.'))).toBe(true);
    expect(files.some((f) => f.startsWith('fail.'))).toBe(true);
  });

  for (const file of files) {
    const c = cases[file];
    if (!c) continue;
    it(file, async () => {
      // The .tf files of a directory are one module: each Terraform fixture is read alone, in a directory of its own.
      const alone = file.endsWith('.tf') ? mkdtempSync(join(tmpdir(), 'aks-gate-tf-')) : undefined;
      if (alone) copyFileSync(join(dir, file), join(alone, file));
      const read = await readClusterDefinitions([join(alone ?? dir, file)], { cwd: alone ?? dir }).finally(() => {
        if (alone) rmSync(alone, { recursive: true, force: true });
      });
      expect(read.problems, 'fixture must be readable').toEqual([]);
      const { findings, item } = runClusterRule(rule, read.infrastructure, c.settings);
      expect(findings.map((f) => ({ messageId: f.messageId, level: f.level, line: f.region.startLine }))).toEqual(
        c.expect.map(({ messageId, level, line }) => ({ messageId, level, line })),
      );
      c.expect.forEach((e, i) => {
        if (e.message !== undefined) expect(findings[i]?.message).toContain(e.message);
      });
      for (const f of findings) expect(f.message).not.toMatch(/\{\{/);
      const clusterEvaluated = item?.evaluated.includes('cluster') === true;
      if (file.startsWith('pass.')) expect(item?.status, 'a pass case satisfies the item').toBe('satisfied');
      if (file.startsWith('fail.')) expect(item?.status).toBe('violated');
      if (file.startsWith('unknown.')) {
        expect(item?.status, 'an unknown value never passes').toBe('not-evaluated');
        expect(item?.notEvaluated.some((n) => n.evidence === 'cluster')).toBe(true);
      }
      if (file.startsWith('none.')) expect(clusterEvaluated).toBe(false);
    });
  }
}
