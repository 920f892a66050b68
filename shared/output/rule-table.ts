// The README's rule table, generated from the rules' metadata (the single source); a test keeps the
// README in step with it.

import { CHECKLIST } from '../checklist.js';
import type { Rule } from '../rules/define-rule.js';

export const RULE_TABLE_START = '<!-- rules:start (generated from the rules; `AKS_GATE_UPDATE_DOCS=1 npm test` rewrites it) -->';
export const RULE_TABLE_END = '<!-- rules:end -->';

export function renderRuleTable(rules: readonly Rule[]): string {
  // In the checklist's own order (SEC, HA, IAM), then by rule id.
  const order = (rule: Rule): number => CHECKLIST.findIndex((item) => item.id === rule.checklist);
  const sorted = [...rules].sort((a, b) => order(a) - order(b) || a.id.localeCompare(b.id));
  const lines = ['| Item | Rule | Level | Evidence | Checks |', '|---|---|---|---|---|'];
  for (const rule of sorted) {
    lines.push(`| ${rule.checklist} | \`${rule.id}\` | ${rule.severity} | ${rule.evidence.join(', ')} | ${rule.title.replace(/\|/g, '\\|')} |`);
  }
  return [RULE_TABLE_START, ...lines, RULE_TABLE_END].join('\n');
}

/** The README with its rule table replaced; undefined when the markers are missing. */
export function withRuleTable(readme: string, rules: readonly Rule[]): string | undefined {
  const start = readme.indexOf(RULE_TABLE_START);
  const end = readme.indexOf(RULE_TABLE_END);
  if (start === -1 || end === -1 || end < start) return undefined;
  return readme.slice(0, start) + renderRuleTable(rules) + readme.slice(end + RULE_TABLE_END.length);
}
