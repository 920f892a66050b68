// SARIF rule descriptors (tool.driver.rules), built from the rule metadata and nothing else: the
// metadata is the single source for the descriptor, the summary and the docs.

import type * as sarif from 'sarif';
import { CHECKLIST } from '../checklist.js';
import { levelRank, type Level } from '../levels.js';
import type { ImageRecord } from '../report.js';
import { securitySeverityOf, type Rule } from '../rules/define-rule.js';
import { INPUT_PROBLEM } from '../rules/input-problem.js';
import { IMAGE_RULES, SCANNER_TITLE } from '../scanners/image-findings.js';
import { EOSL_RULE_ID, secretRuleId } from '../scanners/policy.js';
import { moreSevere, type ImageSecret, type Severity, type Vulnerability } from '../scanners/report.js';
import { md } from './markdown.js';

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
  /** Defaults to the help as plain text. */
  readonly fullDescription?: string;
  /** Defaults to the help with its code spans unquoted. */
  readonly helpText?: string;
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
    source.helpText ?? plain(source.help),
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
    fullDescription: { text: source.fullDescription ?? plain(source.help) },
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

// ── Image scan findings ─────────────────────────────────────────────────────────────────────────────
// One descriptor per vulnerability id (as Trivy and Grype write their own SARIF), one for an
// end-of-support base OS, one per Trivy secret rule.

/**
 * security-severity of a vulnerability without a CVSS v3 score, by severity. Trivy's SARIF uses the
 * same numbers; each falls inside GitHub's band of that name (critical ≥ 9.0, high 7.0–8.9, medium
 * 4.0–6.9, low 0.1–3.9). Unknown is ranked like low: the policy makes it a note.
 */
export const SEVERITY_SCORE: Readonly<Record<Severity, number>> = { critical: 9.5, high: 8.0, medium: 5.5, low: 2.0, negligible: 1.0, unknown: 2.0 };
/** A secret is an error whatever the scanner's severity: at least "high". */
const SECRET_MIN_SCORE = 8.0;
/** Longer "titles" are descriptions (Grype has no titles). */
const MAX_TITLE = 120;
/** Image/package rows in a vulnerability's help; the SARIF results list every place. */
const MAX_HELP_ROWS = 10;

interface ImageRuleFacts {
  readonly kind: 'vulnerability' | 'endOfSupport' | 'secret';
  readonly level: Level;
  readonly vulnerabilities: { readonly image: string; readonly vulnerability: Vulnerability }[];
  readonly secret?: ImageSecret;
}

/** What the image records say about each rule id their findings use. */
export class ImageRuleIndex {
  private readonly facts = new Map<string, ImageRuleFacts>();

  constructor(images: readonly ImageRecord[]) {
    for (const record of images) {
      for (const { vulnerability, level } of record.vulnerabilities) {
        const known = this.facts.get(vulnerability.id);
        const facts = known ?? { kind: 'vulnerability' as const, level, vulnerabilities: [] };
        facts.vulnerabilities.push({ image: record.image, vulnerability });
        this.facts.set(vulnerability.id, levelRank(level) > levelRank(facts.level) ? { ...facts, level } : facts);
      }
      if (record.os?.endOfSupport === true) this.facts.set(EOSL_RULE_ID, { kind: 'endOfSupport', level: 'error', vulnerabilities: [] });
      for (const secret of record.secrets) this.facts.set(secretRuleId(secret), { kind: 'secret', level: 'error', vulnerabilities: [], secret });
    }
  }

  has(ruleId: string): boolean {
    return this.facts.has(ruleId);
  }

  /** The highest CVSS v3 score of the id, else its severity's score; undefined for an id no image has. */
  securitySeverity(ruleId: string): number | undefined {
    const facts = this.facts.get(ruleId);
    if (facts === undefined) return undefined;
    if (facts.kind === 'endOfSupport') return SEVERITY_SCORE.high;
    if (facts.kind === 'secret') return Math.max(SECRET_MIN_SCORE, SEVERITY_SCORE[facts.secret?.severity ?? 'unknown']);
    const scores = facts.vulnerabilities.flatMap(({ vulnerability }) => (vulnerability.cvss === undefined ? [] : [vulnerability.cvss.score]));
    return scores.length > 0 ? Math.max(...scores) : SEVERITY_SCORE[worstSeverity(facts.vulnerabilities.map((v) => v.vulnerability))];
  }

  descriptor(ruleId: string): sarif.ReportingDescriptor | undefined {
    const facts = this.facts.get(ruleId);
    if (facts === undefined) return undefined;
    const securitySeverity = (this.securitySeverity(ruleId) ?? 0).toFixed(1);
    if (facts.kind === 'endOfSupport') {
      return descriptor({ ...IMAGE_RULES.endOfSupport, level: 'error', tags: [IMAGE_RULES.endOfSupport.checklist, 'security', 'image', 'end-of-support'], securitySeverity });
    }
    if (facts.kind === 'secret') {
      const secret = facts.secret;
      const title = `Secret in an image: ${secret?.title ?? ruleId}`;
      return descriptor({ ...IMAGE_RULES.secret, id: ruleId, title, level: 'error', tags: [IMAGE_RULES.secret.checklist, 'security', 'secret', 'trivy'], securitySeverity });
    }
    return vulnerabilityDescriptor(ruleId, facts, securitySeverity);
  }
}

function worstSeverity(vulnerabilities: readonly Vulnerability[]): Severity {
  return vulnerabilities.reduce<Severity>((worst, v) => moreSevere(worst, v.severity), 'unknown');
}

function vulnerabilityDescriptor(id: string, facts: ImageRuleFacts, securitySeverity: string): sarif.ReportingDescriptor {
  const entries = facts.vulnerabilities;
  const all = entries.map((e) => e.vulnerability);
  const first = all.find((v) => v.title !== undefined) ?? all[0];
  const severity = worstSeverity(all);
  const cvss = all.map((v) => v.cvss).reduce((best, c) => (c !== undefined && (best === undefined || c.score > best.score) ? c : best), undefined);
  const scanners = [...new Set(all.flatMap((v) => v.scanners))].sort();
  const described = first?.title ?? `${id} in ${first?.package.name ?? 'a package'}`;
  // Grype has no titles: its description stands in, too long for the line GitHub shows as the alert's title.
  const title = described.length <= MAX_TITLE ? described : `${id} in ${first?.package.name ?? 'a package'}`;
  const rated = `${severity}${cvss === undefined ? '' : `, CVSS ${cvss.score.toFixed(1)}${cvss.source === undefined ? '' : ` (${cvss.source})`}`}`;
  const rows = entries.slice(0, MAX_HELP_ROWS);
  const more = entries.length - rows.length;
  const fixed = (v: Vulnerability): string => (v.fixedVersions.length === 0 ? 'no fix yet' : v.fixedVersions.join(', '));
  const foundBy = `Found by ${scanners.map((s) => SCANNER_TITLE[s]).join(' and ')}.`;
  const aliases = [...new Set(all.flatMap((v) => v.aliases))];
  const alsoKnown = aliases.length === 0 ? [] : [`Also known as ${aliases.join(', ')}.`];
  const markdown = [
    `**${md(id)}** (${md(rated)}): ${md(described)}`,
    [
      '| Image | Package | Installed | Fixed in |',
      '| --- | --- | --- | --- |',
      ...rows.map(({ image, vulnerability: v }) => `| ${md(image)} | ${md(v.package.name)} | ${md(v.package.version || 'unknown')} | ${md(fixed(v))} |`),
      ...(more > 0 ? [`| … and ${more} more | | | |`] : []),
    ].join('\n'),
    [foundBy, ...alsoKnown.map((a) => md(a))].join(' '),
    IMAGE_RULES.vulnerability.help,
  ].join('\n\n');
  const text = [
    `${id} (${rated}): ${described}`,
    ...rows.map(({ image, vulnerability: v }) => `- ${v.package.name} ${v.package.version || '(version unknown)'} in ${image}: ${fixed(v)}`),
    ...(more > 0 ? [`- … and ${more} more`] : []),
    [foundBy, ...alsoKnown].join(' '),
    IMAGE_RULES.vulnerability.help,
  ].join('\n\n');
  const references = [...new Set(all.flatMap((v) => [...(v.primaryUrl === undefined ? [] : [v.primaryUrl]), ...v.references]))].filter(safeLink).slice(0, MAX_HELP_ROWS);
  return descriptor({
    id,
    title,
    help: markdown,
    helpText: text,
    fullDescription: `${id} (${rated}): ${described}`,
    remediation: IMAGE_RULES.vulnerability.remediation,
    references,
    level: facts.level,
    tags: [IMAGE_RULES.vulnerability.checklist, 'security', 'vulnerability', ...scanners],
    checklist: IMAGE_RULES.vulnerability.checklist,
    securitySeverity,
  });
}

/** The parsers keep only http(s) links without spaces; `<` and `>` would also break a Markdown autolink. */
function safeLink(url: string): boolean {
  return /^https?:\/\/[^\s<>]+$/i.test(url);
}
