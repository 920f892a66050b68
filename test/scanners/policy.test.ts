import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ConfigurationError } from '../../shared/errors.js';
import type { MergedImageReport } from '../../shared/scanners/merge.js';
import {
  DEFAULT_IMAGE_POLICY,
  EOSL_RULE_ID,
  applyImagePolicy,
  expiredIgnores,
  parseIgnoreList,
  type IgnoreEntry,
  type ImagePolicy,
} from '../../shared/scanners/policy.js';
import type { ImageSecret, Severity, Vulnerability } from '../../shared/scanners/report.js';

const IMAGE = 'docker.io/library/nginx:1.25';
const TODAY = new Date('2025-03-15T12:00:00Z');

function vuln(severity: Severity, fixed: boolean, extra: Partial<Vulnerability> = {}): Vulnerability {
  return {
    id: 'CVE-2024-0001',
    aliases: ['GHSA-aaaa-bbbb-cccc'],
    package: { name: 'openssl', version: '3.0.1' },
    fixedVersions: fixed ? ['3.0.2'] : [],
    severity,
    references: [],
    scanners: ['trivy'],
    ...extra,
  };
}

function merged(vulnerabilities: Vulnerability[], extra: Partial<MergedImageReport> = {}): MergedImageReport {
  return { image: IMAGE, scanners: [{ name: 'trivy' }], vulnerabilities, secrets: [], ...extra };
}

function policy(extra: Partial<ImagePolicy> = {}): ImagePolicy {
  return { ...DEFAULT_IMAGE_POLICY, ...extra };
}

/** One letter per outcome: E error, W warning, N note, - dropped. */
function outcome(v: Vulnerability, p: ImagePolicy): string {
  const result = applyImagePolicy(merged([v]), IMAGE, p, TODAY);
  const level = result.reported[0]?.level;
  return level === undefined ? '-' : (level[0]?.toUpperCase() ?? '?');
}

describe('vulnerability levels', () => {
  // Fixable at thresholds critical, high, medium, low | without a fix (any threshold).
  const TABLE: Record<Severity, string> = {
    critical: 'EEEE W',
    high: 'WEEE W',
    medium: 'WWEE W',
    low: 'NNNE N',
    negligible: 'NNNN N',
    unknown: 'NNNN N',
  };
  const thresholds: Severity[] = ['critical', 'high', 'medium', 'low'];

  for (const [severity, expected] of Object.entries(TABLE) as [Severity, string][]) {
    it(`${severity}: ${expected}`, () => {
      for (const ignoreUnfixed of [false, true]) {
        const fixed = thresholds.map((threshold) => outcome(vuln(severity, true), policy({ threshold, ignoreUnfixed }))).join('');
        const unfixed = thresholds.map((threshold) => outcome(vuln(severity, false), policy({ threshold, ignoreUnfixed })));
        // Without a fix the threshold makes no difference.
        expect(new Set(unfixed).size).toBe(1);
        expect(`${fixed} ${unfixed[0]}`).toBe(ignoreUnfixed ? `${expected.slice(0, 4)} -` : expected);
      }
    });
  }

  it('defaults to high: critical and high with a fix are errors', () => {
    expect(DEFAULT_IMAGE_POLICY).toEqual({ threshold: 'high', ignoreUnfixed: false, ignore: [] });
  });

  it('counts what ignoreUnfixed dropped', () => {
    const result = applyImagePolicy(merged([vuln('critical', false), vuln('high', true, { id: 'CVE-2' })]), IMAGE, policy({ ignoreUnfixed: true }), TODAY);
    expect(result.unfixed.map((v) => v.id)).toEqual(['CVE-2024-0001']);
    expect(result.reported.map((r) => r.vulnerability.id)).toEqual(['CVE-2']);
  });
});

describe('ignore list', () => {
  const decide = (entry: IgnoreEntry, v = vuln('critical', true), image = IMAGE): string => {
    const result = applyImagePolicy(merged([v]), image, policy({ ignore: [entry] }), TODAY);
    return result.ignored.length === 1 ? 'ignored' : 'reported';
  };

  it('matches the id or an alias', () => {
    expect(decide({ id: 'CVE-2024-0001', reason: 'r' })).toBe('ignored');
    expect(decide({ id: 'GHSA-aaaa-bbbb-cccc', reason: 'r' })).toBe('ignored');
    expect(decide({ id: 'CVE-2024-9999', reason: 'r' })).toBe('reported');
  });

  it('is narrowed by image (repository or exact reference) and by package', () => {
    expect(decide({ id: 'CVE-2024-0001', image: 'nginx', reason: 'r' })).toBe('ignored');
    expect(decide({ id: 'CVE-2024-0001', image: 'nginx:1.25', reason: 'r' })).toBe('ignored');
    expect(decide({ id: 'CVE-2024-0001', image: 'nginx:1.26', reason: 'r' })).toBe('reported');
    expect(decide({ id: 'CVE-2024-0001', image: 'busybox', reason: 'r' })).toBe('reported');
    expect(decide({ id: 'CVE-2024-0001', package: 'openssl', reason: 'r' })).toBe('ignored');
    expect(decide({ id: 'CVE-2024-0001', package: 'libssl', reason: 'r' })).toBe('reported');
  });

  it('applies through its expiry day, then stops applying and is reported as expired', () => {
    const entry = { id: 'CVE-2024-0001', reason: 'waiting for upstream', expires: '2025-03-15' };
    expect(decide(entry)).toBe('ignored');
    const later = { ...entry, expires: '2025-03-14' };
    expect(decide(later)).toBe('reported');
    expect(expiredIgnores(policy({ ignore: [entry, later] }), TODAY)).toEqual([later]);
    expect(expiredIgnores(policy({ ignore: [entry, later] }), new Date('2025-01-01T00:00:00Z'))).toEqual([]);
  });
});

describe('end of support and secrets', () => {
  const secret: ImageSecret = { ruleId: 'aws-access-key-id', category: 'AWS', severity: 'critical', title: 'AWS Access Key ID', target: 'app/deploy.sh', startLine: 3 };

  it('an end-of-support base OS is flagged (and can be ignored per image)', () => {
    const eosl = merged([], { os: { family: 'alpine', version: '3.10.2', endOfSupport: true } });
    expect(applyImagePolicy(eosl, IMAGE, policy(), TODAY).endOfSupport).toBe(true);
    expect(applyImagePolicy(merged([], { os: { family: 'alpine', version: '3.20' } }), IMAGE, policy(), TODAY).endOfSupport).toBe(false);
    expect(applyImagePolicy(eosl, IMAGE, policy({ ignore: [{ id: EOSL_RULE_ID, image: 'nginx', reason: 'replaced next sprint' }] }), TODAY).endOfSupport).toBe(false);
  });

  it('keeps secrets, whatever their severity, unless an entry names their rule', () => {
    const report = merged([], { secrets: [secret, { ...secret, severity: 'low' }] });
    expect(applyImagePolicy(report, IMAGE, policy(), TODAY).secrets).toHaveLength(2);
    const ignored = applyImagePolicy(report, IMAGE, policy({ ignore: [{ id: 'image-secret/aws-access-key-id', reason: 'test key' }] }), TODAY);
    expect([ignored.secrets.length, ignored.ignoredSecrets]).toEqual([0, 2]);
  });
});

describe('reading the policy from a configuration file', () => {
  it('reads entries, with the date unquoted (a YAML 1.1 timestamp) or quoted', () => {
    const data: unknown = parseYaml(
      `- id: CVE-2024-0001\n  image: nginx\n  package: openssl\n  reason: not reachable\n  expires: 2025-06-30\n- id: GHSA-x\n  reason: r\n  expires: "2025-07-01"\n`,
      { version: '1.1' },
    );
    expect(parseIgnoreList(data, 'ignore')).toEqual([
      { id: 'CVE-2024-0001', image: 'nginx', package: 'openssl', reason: 'not reachable', expires: '2025-06-30' },
      { id: 'GHSA-x', reason: 'r', expires: '2025-07-01' },
    ]);
    expect(parseIgnoreList(undefined, 'ignore')).toEqual([]);
  });

  it('refuses mistakes with the entry named', () => {
    const bad = (value: unknown): string => {
      try {
        parseIgnoreList(value, 'ignore');
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigurationError);
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(bad([{ id: 'CVE-1' }])).toBe('ignore[0]: "reason" is required');
    expect(bad([{ id: 'CVE-1', reason: 'r', expires: '2025-02-30' }])).toMatch(/YYYY-MM-DD/);
    expect(bad([{ id: 'CVE-1', reason: 'r', until: '2025-02-01' }])).toMatch(/unknown key "until"/);
    expect(bad([{ id: 'CVE-1', reason: 'r', image: 'Not An Image' }])).toMatch(/not a valid image reference/);
    expect(bad({ id: 'CVE-1' })).toMatch(/must be a list/);
  });
});
