// SARIF rule descriptors (tool.driver.rules), built from the rule metadata and nothing else: the
// metadata is the single source for the descriptor, the summary and the docs.

import type * as sarif from 'sarif';
import { CHECKLIST } from '../checklist.js';
import type { Level } from '../levels.js';
import { securitySeverityOf, type Rule } from '../rules/define-rule.js';
import { INPUT_PROBLEM } from '../rules/input-problem.js';

/** GitHub accepts 20 tags per rule but shows only the first 10, so more would be noise. */
export const MAX_TAGS_PER_RULE = 10;

interface DescriptorSource {
  readonly id: string;
  readonly title: string;
  readonly help: string;
  readonly remediation: string;
  readonly references: readonly string[];
  readonly level: Level;
  readonly tags: readonly string[];
  readonly checklist?: string;
  readonly securitySeverity?: string;
}

export function ruleDescriptor(rule: Rule, level: Level): sarif.ReportingDescriptor {
  return descriptor({
    id: rule.id,
    title: rule.title,
    help: rule.help,
    remediation: rule.remediation,
    references: rule.references,
    level,
    // GitHub files an alert under "security" (and ranks it by security-severity) only with this tag.
    tags: [rule.checklist, 'security', ...(rule.tags ?? [])],
    checklist: rule.checklist,
    securitySeverity: securitySeverityOf(rule),
  });
}

/**
 * The descriptor of findings for files that could not be parsed. Not a security rule (no checklist
 * item, no security-severity): GitHub lists it as a plain error, which is what a broken file is.
 */
export function inputProblemDescriptor(): sarif.ReportingDescriptor {
  return descriptor({ ...INPUT_PROBLEM, level: INPUT_PROBLEM.severity, tags: ['correctness', 'input'] });
}

/** A finding whose rule is not in the report (a bug upstream): a bare descriptor keeps ruleIndex valid. */
export function unknownDescriptor(id: string): sarif.ReportingDescriptor {
  return { id, name: pascalCase(id) };
}

function descriptor(source: DescriptorSource): sarif.ReportingDescriptor {
  const item = CHECKLIST.find((i) => i.id === source.checklist);
  const checklistLine = item === undefined ? undefined : `${item.id} ${item.title}`;
  const helpText = [
    plain(source.help),
    `Remediation: ${plain(source.remediation)}`,
    ...(checklistLine === undefined ? [] : [`Checklist item: ${checklistLine}`]),
    ...(source.references.length === 0 ? [] : ['References:', ...source.references.map((r) => `- ${r}`)]),
  ].join('\n\n');
  const helpMarkdown = [
    source.help,
    `**Remediation:** ${source.remediation}`,
    ...(checklistLine === undefined ? [] : [`**Checklist item:** ${checklistLine}`]),
    ...(source.references.length === 0 ? [] : ['**References**\n\n' + source.references.map((r) => `- <${r}>`).join('\n')]),
  ].join('\n\n');
  const properties: sarif.PropertyBag = {
    tags: [...new Set(source.tags)].slice(0, MAX_TAGS_PER_RULE),
    // Deterministic checks of what is written in the file: false positives come from the checklist's
    // judgement, not from guessing.
    precision: 'high',
    ...(source.securitySeverity === undefined ? {} : { 'security-severity': source.securitySeverity }),
  };
  const first = source.references[0];
  return {
    id: source.id,
    name: pascalCase(source.id),
    shortDescription: { text: source.title },
    fullDescription: { text: plain(source.help) },
    help: { text: helpText, markdown: helpMarkdown },
    ...(first === undefined ? {} : { helpUri: first }),
    defaultConfiguration: { level: source.level },
    properties,
  };
}

/** `service-public-load-balancer` → `ServicePublicLoadBalancer` (SARIF's rule `name` is an identifier). */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** Markdown help as plain text: code spans lose their backticks. */
function plain(markdown: string): string {
  return markdown.replace(/`([^`]*)`/g, '$1');
}
