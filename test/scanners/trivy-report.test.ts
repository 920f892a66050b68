import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRIVY_LEGACY_REASON, parseTrivyReport } from '../../shared/scanners/trivy-report.js';
import type { ImageReport, ParseResult } from '../../shared/scanners/report.js';

// Real Trivy output kept beside the clone (see its MANIFEST.md); CI has the same folder.
const DIR = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'scanners', 'trivy');
const load = (name: string): unknown => JSON.parse(readFileSync(resolve(DIR, name), 'utf8'));

function parsed(json: unknown): ImageReport {
  const result = parseTrivyReport(json);
  if (!result.ok) throw new Error(`expected a report, got: ${result.reason}`);
  return result.report;
}
const reportOf = (name: string): ImageReport => parsed(load(name));
const reasonOf = (result: ParseResult): string => (result.ok ? 'parsed' : result.reason);

/** A minimal SchemaVersion 2 report around the given results. */
const trivy = (results: unknown[]): Record<string, unknown> => ({ SchemaVersion: 2, ArtifactName: 'nginx:1.25', Results: results });
const vuln = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  VulnerabilityID: 'CVE-2024-0001',
  PkgName: 'openssl',
  InstalledVersion: '3.0.1',
  Severity: 'HIGH',
  ...extra,
});

describe('parseTrivyReport on real reports', () => {
  it('reads every JSON fixture', () => {
    const names = readdirSync(DIR).filter((n) => n.endsWith('.json'));
    expect(names).toHaveLength(6);
    for (const name of names) expect(parseTrivyReport(load(name)).ok, name).toBe(true);
  });

  it('alpine 3.10: end of support, 4 MEDIUM vulnerabilities, all with a fix', () => {
    const r = reportOf('trivy-image-alpine-3.10.json');
    expect(r).toMatchObject({
      image: 'testdata/fixtures/images/alpine-310.tar.gz',
      imageId: 'sha256:961769676411f082461f9ef46626dd7a2d1e2b2a38e6a44364bcbecf51e66dd4',
      scanner: 'trivy',
      scannerVersion: 'dev',
      os: { family: 'alpine', version: '3.10.2', endOfSupport: true },
      secrets: [],
    });
    expect(r.vulnerabilities.map((v) => `${v.id} ${v.package.name}`)).toEqual([
      'CVE-2019-1549 libcrypto1.1',
      'CVE-2019-1551 libcrypto1.1',
      'CVE-2019-1549 libssl1.1',
      'CVE-2019-1551 libssl1.1',
    ]);
    expect(r.vulnerabilities.every((v) => v.severity === 'medium' && v.fixedVersions.length > 0 && v.status === 'fixed')).toBe(true);
    expect(r.vulnerabilities[1]?.fixedVersions).toEqual(['1.1.1d-r2']);
    expect(r.vulnerabilities[0]).toMatchObject({
      aliases: [],
      package: { name: 'libcrypto1.1', version: '1.1.1c-r0', type: 'alpine' },
      // nvd 5.3 beats redhat 4.8.
      cvss: { score: 5.3, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N', source: 'nvd' },
      title: 'openssl: information disclosure in fork()',
      primaryUrl: 'https://avd.aquasec.com/nvd/cve-2019-1549',
      scanners: ['trivy'],
    });
    // The fixture lists 20 references; at most 10 are kept, in order.
    expect(r.vulnerabilities[0]?.references).toHaveLength(10);
    expect(r.vulnerabilities[0]?.references[0]).toBe('https://access.redhat.com/security/cve/CVE-2019-1549');
  });

  it('debian stretch: 4 MEDIUM with a fix and vendor ids, 1 LOW at end of life without one', () => {
    const r = reportOf('trivy-image-debian-stretch.json');
    expect(r.os).toEqual({ family: 'debian', version: '9.9', endOfSupport: false });
    expect(r.vulnerabilities).toHaveLength(5);
    const [bash, ...e2fs] = r.vulnerabilities;
    expect(bash).toMatchObject({ id: 'CVE-2019-18276', severity: 'low', status: 'end_of_life', fixedVersions: [], package: { name: 'bash', version: '4.4-5' } });
    expect(bash?.cvss?.score).toBe(7.8);
    expect(e2fs.map((v) => v.package.name)).toEqual(['e2fslibs', 'e2fsprogs', 'libcomerr2', 'libss2']);
    for (const v of e2fs) expect(v).toMatchObject({ id: 'CVE-2019-5094', severity: 'medium', aliases: ['DSA-4535-1'], fixedVersions: ['1.43.4-2+deb9u1'] });
  });

  it('SLE Micro 5.4: an OS and results, but no vulnerabilities', () => {
    const r = reportOf('trivy-image-sle-micro-rancher-5.4-zero-vulns.json');
    expect(r.os).toEqual({ family: 'slem', version: '5.4', endOfSupport: false });
    expect(r.vulnerabilities).toEqual([]);
    expect(r.secrets).toEqual([]);
  });

  it('spring4shell: 1 CRITICAL with a fix in a jar, beside an os-pkgs and a custom result', () => {
    const r = reportOf('trivy-image-spring4shell-jre11-java.json');
    expect(r.os).toEqual({ family: 'debian', version: '11.3', endOfSupport: false });
    expect(r.vulnerabilities).toEqual([
      {
        id: 'CVE-2022-22965',
        aliases: [],
        package: {
          name: 'org.springframework:spring-beans',
          version: '5.3.15',
          type: 'jar',
          path: 'usr/local/tomcat/webapps/helloworld.war/WEB-INF/lib/spring-beans-5.3.15.jar',
        },
        fixedVersions: ['5.3.18'],
        severity: 'critical',
        // ghsa and nvd both say 9.8; the first listed stays.
        cvss: { score: 9.8, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', source: 'ghsa' },
        status: 'fixed',
        title: 'spring-framework: RCE via Data Binding on JDK 9+',
        primaryUrl: 'https://avd.aquasec.com/nvd/cve-2022-22965',
        references: ['https://github.com/advisories/GHSA-36p3-wjmg-h94x'],
        scanners: ['trivy'],
      },
    ]);
  });

  it('a repository scan (gomod) still parses: 5 vulnerabilities in 3 go.mod files, UNKNOWN and MEDIUM', () => {
    const r = reportOf('trivy-fs-gomod.json');
    expect(r.image).toBe('testdata/fixtures/repo/gomod');
    expect(r.os).toBeUndefined();
    expect(r.imageId).toBeUndefined();
    expect(r.vulnerabilities.map((v) => v.id)).toEqual(['GMS-2022-20', 'CVE-2022-23628', 'CVE-2021-38561', 'GMS-2022-20', 'GMS-2022-20']);
    expect(r.vulnerabilities.map((v) => v.severity)).toEqual(['unknown', 'medium', 'unknown', 'unknown', 'unknown']);
    expect(r.vulnerabilities[0]).toMatchObject({ package: { name: 'github.com/docker/distribution', version: 'v2.7.1+incompatible', type: 'gomod' }, fixedVersions: ['v2.8.0'] });
    expect(r.vulnerabilities[0]?.primaryUrl).toBeUndefined();
    // No Title: the description stands in, on one line and capped.
    const noTitle = r.vulnerabilities[2]?.title ?? '';
    expect(noTitle).toMatch(/^Due to improper index calculation/);
    expect(noTitle.length).toBeLessThanOrEqual(200);
  });

  it('secrets: rule, category, severity, title, file and line, and never the value or its line', () => {
    const json = load('trivy-fs-secrets.json');
    const r = parsed(json);
    expect(r.vulnerabilities).toEqual([]);
    expect(r.secrets).toEqual([
      { ruleId: 'aws-access-key-id', category: 'AWS', severity: 'critical', title: 'AWS Access Key ID', target: 'deploy.sh', startLine: 3 },
      { ruleId: 'mysecret', category: 'Custom', severity: 'high', title: 'My Secret', target: 'deploy.sh', startLine: 7 },
    ]);
    const serialized = JSON.stringify(r);
    const leaks = secretTexts(json);
    expect(leaks).toContain('ghp_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    for (const text of leaks) expect(serialized).not.toContain(text);
    expect(serialized).not.toContain('*****');
  });
});

/** `count` copies of `json`, each with one value somewhere replaced by junk (seeded, so failures repeat). */
function mutations(json: unknown, count: number): unknown[] {
  const junk: unknown[] = [null, undefined, 0, -1, Number.NaN, true, '', 'x'.repeat(100_000), [], [null], {}, { a: [1] }, '\u001b[31m'];
  let seed = 42;
  const random = (n: number): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), seed % n);
  const replaceOne = (value: unknown, depth: number): unknown => {
    if (typeof value !== 'object' || value === null || depth > 12 || random(6) === 0) return junk[random(junk.length)];
    const copy: Record<string, unknown> = Array.isArray(value) ? { ...value } : { ...(value as Record<string, unknown>) };
    const key = Object.keys(copy)[random(Math.max(Object.keys(copy).length, 1))];
    if (key === undefined) return junk[random(junk.length)];
    copy[key] = replaceOne(copy[key], depth + 1);
    return Array.isArray(value) ? Object.values(copy) : copy;
  };
  return Array.from({ length: count }, () => replaceOne(json, 0));
}

/** Every Match and every code line the fixture's secrets carry, and the tokens in them. */
function secretTexts(json: unknown): string[] {
  const texts = new Set<string>();
  JSON.stringify(json, (key, value: unknown) => {
    if ((key === 'Match' || key === 'Content') && typeof value === 'string' && value.trim() !== '') {
      texts.add(value);
      for (const token of value.split(/[\s=]+/)) if (token.length >= 8) texts.add(token);
    }
    return value;
  });
  return [...texts];
}

describe('parseTrivyReport refuses what it cannot read', () => {
  it('the pre-0.20 format, a bare array of results', () => {
    const legacy = [{ Target: 'alpine:3.10 (alpine 3.10.2)', Type: 'alpine', Vulnerabilities: [vuln()] }];
    expect(parseTrivyReport(legacy)).toEqual({ ok: false, reason: TRIVY_LEGACY_REASON });
    expect(TRIVY_LEGACY_REASON).toBe('Trivy reports before SchemaVersion 2 (Trivy 0.20) are not supported; upgrade Trivy');
  });

  it.each([
    [1, 'SchemaVersion 1 is not supported (only 2)'],
    [3, 'SchemaVersion 3 is not supported (only 2)'],
    ['2', 'SchemaVersion (string "2") is not supported'],
  ])('SchemaVersion %j', (version, reason) => {
    expect(reasonOf(parseTrivyReport({ ...trivy([]), SchemaVersion: version }))).toContain(reason);
  });

  it('SARIF, with a hint to ask for JSON', () => {
    for (const name of ['trivy-image-alpine-3.10.sarif', 'trivy-config-terraform.sarif']) {
      expect(reasonOf(parseTrivyReport(load(name)))).toBe('Trivy report: this is SARIF; run Trivy with --format json');
    }
  });

  it('a Grype report', () => {
    const grype = JSON.parse(readFileSync(resolve(DIR, '..', 'grype', 'grype-image-keycloak-21.0.2.json'), 'utf8')) as unknown;
    expect(reasonOf(parseTrivyReport(grype))).toBe('Trivy report: no SchemaVersion; not a Trivy JSON report');
  });

  it.each([
    [null, 'expected a JSON object'],
    [42, 'expected a JSON object'],
    ['{"SchemaVersion":2}', 'expected a JSON object'],
    [{ SchemaVersion: 2 }, 'ArtifactName should be a non-empty string, but is missing'],
    [{ ...trivy([]), Results: 'none' }, 'Results should be an array, but is string "none"'],
    [trivy([7]), 'Results[0] should be an object, but is number 7'],
    [trivy([{ Target: 't', Vulnerabilities: {} }]), 'Results[0].Vulnerabilities should be an array, but is an object'],
    [trivy([{ Target: 't', Vulnerabilities: [vuln({ VulnerabilityID: 5 })] }]), 'Results[0].Vulnerabilities[0].VulnerabilityID should be a non-empty string, but is number 5'],
    [trivy([{ Target: 't', Vulnerabilities: [vuln({ PkgName: undefined })] }]), 'Results[0].Vulnerabilities[0].PkgName should be a non-empty string, but is missing'],
    [trivy([{ Target: 't', Vulnerabilities: [vuln({ Severity: 4 })] }]), 'Severity should be a string, but is number 4'],
    [trivy([{ Target: 't', Vulnerabilities: [vuln({ FixedVersion: ['1.0'] })] }]), 'FixedVersion should be a string, but is an array'],
    [trivy([{ Target: 't', Secrets: [{ Severity: 'HIGH' }] }]), 'Results[0].Secrets[0].RuleID should be a non-empty string, but is missing'],
  ])('garbage %#', (json, reason) => {
    const result = parseTrivyReport(json);
    expect(result.ok).toBe(false);
    expect(reasonOf(result)).toContain(reason);
  });

  it('never throws, whatever a field turns into', () => {
    for (const name of ['trivy-image-alpine-3.10.json', 'trivy-fs-secrets.json', 'trivy-image-spring4shell-jre11-java.json']) {
      const outcomes = new Set(mutations(load(name), 300).map((mutated) => parseTrivyReport(mutated).ok));
      // Both outcomes happen, so the junk reaches strict and loose fields alike.
      expect(outcomes, name).toEqual(new Set([true, false]));
    }
  });
});

describe('parseTrivyReport keeps report text safe', () => {
  it('caps and cleans strings, drops decoration of the wrong type, keeps only http(s) links', () => {
    const r = parsed(
      trivy([
        {
          Target: 'app\u001b[2K/.env',
          Type: 'node-pkg',
          Vulnerabilities: [
            vuln({
              VulnerabilityID: 'CVE-2024-\u202e0001',
              Title: `\u001b[31m${'x'.repeat(1_000_000)}`,
              References: [...Array.from({ length: 50 }, (_, i) => `https://example.com/${i}`), 'javascript:alert(1)'],
              PrimaryURL: 'javascript:alert(1)',
              CVSS: { nvd: { V3Score: 'high' }, evil: { V3Score: 99 }, ghsa: { V3Score: 7.5 } },
              Status: 17,
              VendorIDs: 'DSA-1',
              FixedVersion: ' 3.0.2,3.1.1 , ,3.0.2',
              Severity: 'Important',
            }),
          ],
          Secrets: [{ RuleID: 'github-pat', Severity: 'CRITICAL', Match: 'token=ghp_realLookingValue0123456789', StartLine: -1 }],
        },
      ]),
    );
    const [v] = r.vulnerabilities;
    expect(v?.id).toBe('CVE-2024-0001');
    expect(v?.title).toHaveLength(200);
    expect(v?.title).not.toContain('\u001b');
    expect(v?.references).toHaveLength(10);
    expect(v?.references).not.toContain('javascript:alert(1)');
    expect(v?.primaryUrl).toBeUndefined();
    expect(v?.cvss).toEqual({ score: 7.5, source: 'ghsa' });
    expect(v?.status).toBeUndefined();
    expect(v?.aliases).toEqual([]);
    expect(v?.fixedVersions).toEqual(['3.0.2', '3.1.1']);
    expect(v?.severity).toBe('unknown');
    expect(r.secrets).toEqual([{ ruleId: 'github-pat', category: '', severity: 'critical', title: 'github-pat', target: 'app/.env' }]);
    expect(JSON.stringify(r)).not.toContain('ghp_realLookingValue');
  });

  it('falls back to the first repo tag when ArtifactName is missing, and reads a report without Results', () => {
    const r = parsed({ SchemaVersion: 2, Metadata: { RepoTags: ['registry.example.com/app:1.0'] } });
    expect(r).toEqual({ image: 'registry.example.com/app:1.0', scanner: 'trivy', vulnerabilities: [], secrets: [] });
  });
});
