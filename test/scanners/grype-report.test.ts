import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGrypeReport } from '../../shared/scanners/grype-report.js';
import type { ImageReport, ParseResult, Severity } from '../../shared/scanners/report.js';

// Real Grype output kept beside the clone (see its MANIFEST.md); CI has the same folder.
const DIR = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'scanners', 'grype');
const load = (name: string): unknown => JSON.parse(readFileSync(resolve(DIR, name), 'utf8'));

function parsed(json: unknown): ImageReport {
  const result = parseGrypeReport(json);
  if (!result.ok) throw new Error(`expected a report, got: ${result.reason}`);
  return result.report;
}
const reportOf = (name: string): ImageReport => parsed(load(name));
const reasonOf = (result: ParseResult): string => (result.ok ? 'parsed' : result.reason);

const grype = (matches: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  matches,
  source: { type: 'image', target: { userInput: 'nginx:1.25', imageID: 'sha256:abc', tags: ['nginx:1.25'] } },
  distro: { name: 'debian', version: '12' },
  descriptor: { name: 'grype', version: '0.80.0' },
  ...extra,
});
const match = (vulnerability: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  vulnerability: { id: 'CVE-2024-0001', severity: 'High', ...vulnerability },
  relatedVulnerabilities: [],
  artifact: { name: 'openssl', version: '3.0.1', type: 'deb', locations: [{ path: '/var/lib/dpkg/status' }] },
  ...extra,
});

function countBySeverity(r: ImageReport): Partial<Record<Severity, number>> {
  const counts: Partial<Record<Severity, number>> = {};
  for (const v of r.vulnerabilities) counts[v.severity] = (counts[v.severity] ?? 0) + 1;
  return counts;
}

describe('parseGrypeReport on real reports', () => {
  it('reads every JSON fixture', () => {
    const names = readdirSync(DIR).filter((n) => n.endsWith('.json'));
    expect(names).toHaveLength(5);
    for (const name of names) expect(parseGrypeReport(load(name)).ok, name).toBe(true);
  });

  it('busybox 1.32.1 (grype 0.94, DB v6): 15 matches, 1 Critical / 10 High / 2 Medium / 2 Low, 1 with a fix', () => {
    const r = reportOf('grype-image-busybox-1.32.1-epss.json');
    expect(r).toMatchObject({
      image: 'busybox:1.32.1',
      imageId: 'sha256:388056c9a6838deea3792e8f00705b35b439cf57b3c9c2634fb4e95cfc896de6',
      scanner: 'grype',
      scannerVersion: '0.94.0',
      os: { family: 'busybox', version: '1.32.1' },
      secrets: [],
    });
    expect(r.os?.endOfSupport).toBeUndefined();
    expect(r.vulnerabilities).toHaveLength(15);
    expect(countBySeverity(r)).toEqual({ critical: 1, high: 10, medium: 2, low: 2 });
    const fixable = r.vulnerabilities.filter((v) => v.fixedVersions.length > 0);
    expect(fixable.map((v) => [v.id, v.fixedVersions, v.status])).toEqual([['CVE-2021-42376', ['1.34.0'], 'fixed']]);
    // fix.state "" says nothing.
    expect(r.vulnerabilities.filter((v) => v.status !== undefined)).toHaveLength(1);
    expect(r.vulnerabilities[0]).toMatchObject({
      id: 'CVE-2022-28391',
      severity: 'high',
      package: { name: 'busybox', version: '1.32.1', type: 'binary', path: '/bin/[' },
      // Two 8.8 scores (NVD, then a CNA): the first stays; the v2 6.8 is ignored.
      cvss: { score: 8.8, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', source: 'nvd@nist.gov' },
      primaryUrl: 'https://nvd.nist.gov/vuln/detail/CVE-2022-28391',
      scanners: ['grype'],
    });
    expect(r.vulnerabilities.find((v) => v.severity === 'critical')).toMatchObject({ id: 'CVE-2022-48174', cvss: { score: 9.8 } });
    expect(r.vulnerabilities.every((v) => v.references.length > 0 && v.references.length <= 10)).toBe(true);
  });

  it("keycloak 21.0.2 (grype 0.66): 6 matches of CVE-2020-12413, Low, won't be fixed", () => {
    const r = reportOf('grype-image-keycloak-21.0.2.json');
    expect(r).toMatchObject({
      image: 'docker.io/keycloak/keycloak:21.0.2@sha256:347a0d748d05a050dc64b92de2246d2240db6eb38afbc17c3c08d0acb0db1b50',
      imageId: 'sha256:8cf8fd2be2ded92962d52adff75ad06a4c30f69c66facbdf223364c6c9e33b8c',
      scannerVersion: '0.66.0',
      os: { family: 'redhat', version: '9.1' },
    });
    expect(r.vulnerabilities.map((v) => v.package.name)).toEqual(['nspr', 'nss', 'nss-softokn', 'nss-softokn-freebl', 'nss-sysinit', 'nss-util']);
    for (const v of r.vulnerabilities) {
      expect(v).toMatchObject({ id: 'CVE-2020-12413', severity: 'low', fixedVersions: [], status: 'wont-fix', package: { type: 'rpm', path: '/var/lib/rpm/rpmdb.sqlite' } });
      // The related record has the same id: no alias.
      expect(v.aliases).toEqual([]);
    }
    expect(r.vulnerabilities[0]).toMatchObject({
      package: { version: '4.34.0-17.el9_1' },
      // Red Hat's own score has no source; its namespace says who scored it.
      cvss: { score: 5.9, vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N', source: 'redhat:distro:redhat:9' },
      primaryUrl: 'https://access.redhat.com/security/cve/CVE-2020-12413',
      references: [
        'https://access.redhat.com/security/cve/CVE-2020-12413',
        'https://bugzilla.mozilla.org/show_bug.cgi?id=CVE-2020-12413',
        'https://raccoon-attack.com/',
      ],
    });
    expect(r.vulnerabilities[0]?.title).toMatch(/^A flaw was found in Mozilla nss\./);
    expect(r.vulnerabilities[0]?.title?.length).toBeLessThanOrEqual(200);
  });

  it('alpine 3.14 (grype 0.65): a GHSA with its CVE as alias, fixed in 4.3.5; only CVSS v2 known', () => {
    const r = reportOf('grype-image-alpine-3.14-ghsa.json');
    expect(r.os).toEqual({ family: 'alpine', version: '3.14.2' });
    expect(r.vulnerabilities.map((v) => [v.id, v.severity, v.fixedVersions, v.status, v.aliases])).toEqual([
      ['GHSA-cfh5-3ghh-wfjx', 'medium', ['4.3.5'], 'fixed', ['CVE-2014-3577']],
      ['CVE-2014-3577', 'medium', [], 'unknown', []],
    ]);
    for (const v of r.vulnerabilities) {
      expect(v.package).toEqual({ name: 'httpclient', version: '4.1.1', type: 'java-archive', path: '/TwilioNotifier.hpi' });
      expect(v.cvss).toBeUndefined();
    }
  });

  it('the current-schema snapshot: fix.state, several fixed versions, descriptor "[not provided]"', () => {
    const r = reportOf('grype-image-snapshot-current-schema.json');
    expect(r).toMatchObject({ image: 'user-input', scannerVersion: '[not provided]', os: { family: 'centos', version: '8.0' } });
    expect(r.vulnerabilities).toEqual([
      {
        id: 'CVE-1999-0001',
        aliases: [],
        package: { name: 'package-1', version: '1.1.1', type: 'rpm', path: '/foo/bar/somefile-1.txt' },
        fixedVersions: ['1.2.1', '2.1.3', '3.4.0'],
        severity: 'low',
        cvss: { score: 8.2, vector: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:H', source: 'nvd' },
        status: 'fixed',
        references: [],
        scanners: ['grype'],
      },
      {
        id: 'CVE-1999-0002',
        aliases: [],
        package: { name: 'package-2', version: '2.2.2', type: 'deb', path: '/foo/bar/somefile-2.txt' },
        fixedVersions: [],
        severity: 'critical',
        cvss: { score: 8.5, vector: 'CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:C/C:H/I:H/A:H', source: 'nvd' },
        references: [],
        scanners: ['grype'],
      },
    ]);
  });

  it('zero matches is a valid, empty report (source target "unknown")', () => {
    const r = reportOf('grype-empty-zero-matches.json');
    expect(r).toEqual({ image: 'unknown', scanner: 'grype', scannerVersion: '[not provided]', os: { family: 'centos', version: '8.0' }, vulnerabilities: [], secrets: [] });
  });
});

describe('parseGrypeReport schema variants', () => {
  it('the old schema (grype < 0.12): fixedInVersion, cvssV3, links, no severity', () => {
    // The shape of grype's own JSON presenter snapshot before fix/urls/cvss[] (anchore/grype@6884715).
    const r = parsed(
      grype([
        {
          vulnerability: { id: 'CVE-1999-0001', description: '1999-01 description', cvssV3: { baseScore: 4, vector: 'another vector' }, fixedInVersion: 'the-next-version', links: ['https://example.com/a'] },
          matchDetails: { matcher: 'dpkg-matcher' },
          artifact: { name: 'package-1', version: '1.1.1', type: 'deb', locations: [{ path: '/somefile-1.txt' }], licenses: null },
        },
      ], { distro: { name: 'centos', version: '8.0', idLike: 'rhel' } }),
    );
    expect(r.vulnerabilities).toEqual([
      {
        id: 'CVE-1999-0001',
        aliases: [],
        package: { name: 'package-1', version: '1.1.1', type: 'deb', path: '/somefile-1.txt' },
        fixedVersions: ['the-next-version'],
        severity: 'unknown',
        cvss: { score: 4, vector: 'another vector' },
        status: 'fixed',
        title: '1999-01 description',
        references: ['https://example.com/a'],
        scanners: ['grype'],
      },
    ]);
  });

  it('fix without state: versions alone mean fixed, none mean nothing said', () => {
    const r = parsed(grype([match({ fix: { versions: ['1.2', '', '1.2'] } }), match({ fix: { versions: [] } }), match({ fix: null })]));
    expect(r.vulnerabilities.map((v) => [v.fixedVersions, v.status])).toEqual([[['1.2'], 'fixed'], [[], undefined], [[], undefined]]);
  });

  it('a match with no severity is unknown; an unheard-of one too', () => {
    const r = parsed(grype([match({ severity: undefined }), match({ severity: 'Negligible' }), match({ severity: 'Catastrophic' })]));
    expect(r.vulnerabilities.map((v) => v.severity)).toEqual(['unknown', 'negligible', 'unknown']);
  });

  it('related CVSS stands in when the match has none, the highest v3 of them', () => {
    const cvss = (version: string, baseScore: number): Record<string, unknown> => ({ version, vector: `v${baseScore}`, metrics: { baseScore } });
    const related = [
      { id: 'CVE-2024-0001', cvss: [cvss('2.0', 9.9), cvss('3.0', 6.1)] },
      { id: 'GHSA-xxxx-yyyy-zzzz', cvss: [cvss('3.1', 7.2)] },
    ];
    const r = parsed(grype([match({ id: 'DLA-1-1' }, { relatedVulnerabilities: related })]));
    expect(r.vulnerabilities[0]?.cvss).toEqual({ score: 7.2, vector: 'v7.2' });
    expect(r.vulnerabilities[0]?.aliases).toEqual(['CVE-2024-0001', 'GHSA-xxxx-yyyy-zzzz']);
  });

  it('a "distro-eol" alert marks the OS past end of support', () => {
    const alerts = [{ package: { name: 'openssl' }, alerts: [{ type: 'distro-eol', message: 'debian 9 is EOL' }] }];
    expect(parsed(grype([], { alertsByPackage: alerts })).os).toEqual({ family: 'debian', version: '12', endOfSupport: true });
  });

  it('names the image by userInput, then tag, then image id; a directory scan by its path', () => {
    const withTarget = (target: unknown): string => parsed(grype([], { source: { type: 'image', target } })).image;
    expect(withTarget({ userInput: 'a:1', tags: ['b:2'], imageID: 'sha256:c' })).toBe('a:1');
    expect(withTarget({ tags: ['b:2'], imageID: 'sha256:c' })).toBe('b:2');
    expect(withTarget({ imageID: 'sha256:c' })).toBe('sha256:c');
    expect(withTarget('/src/app')).toBe('/src/app');
  });
});

describe('parseGrypeReport refuses what it cannot read', () => {
  it('SARIF, with a hint to ask for JSON', () => {
    for (const name of ['grype-image-snapshot.sarif', 'grype-cxf-3.4.6.sarif']) {
      expect(reasonOf(parseGrypeReport(load(name)))).toBe('Grype report: this is SARIF; run Grype with -o json');
    }
  });

  it('a Trivy report', () => {
    const trivy = JSON.parse(readFileSync(resolve(DIR, '..', 'trivy', 'trivy-image-alpine-3.10.json'), 'utf8')) as unknown;
    expect(reasonOf(parseGrypeReport(trivy))).toBe('Grype report: no "matches"; not a Grype JSON report');
  });

  it.each([
    [null, 'expected a JSON object'],
    [[], 'expected a JSON object'],
    [grype([], { source: null }), 'source.target should be an image reference, but is missing'],
    [grype([], { matches: {} }), 'matches should be an array, but is an object'],
    [grype(['x']), 'matches[0] should be an object, but is string "x"'],
    [grype([{ artifact: {} }]), 'matches[0].vulnerability should be an object, but is missing'],
    [grype([match({ id: '' })]), 'matches[0].vulnerability.id should be a non-empty string, but is string ""'],
    [grype([match({}, { artifact: { name: 7 } })]), 'matches[0].artifact.name should be a non-empty string, but is number 7'],
    [grype([match({}, { artifact: { name: 'a', version: {} } })]), 'matches[0].artifact.version should be a string, but is an object'],
    [grype([match({ severity: ['High'] })]), 'matches[0].vulnerability.severity should be a string, but is an array'],
    [grype([match({ fix: { versions: '1.2' } })]), 'matches[0].vulnerability.fix.versions should be an array'],
    [grype([match({ fix: { versions: [1.2] } })]), 'matches[0].vulnerability.fix.versions[0] should be a string, but is number 1.2'],
    [grype([match({ fixedInVersion: 3 })]), 'matches[0].vulnerability.fixedInVersion should be a string'],
  ])('garbage %#', (json, reason) => {
    const result = parseGrypeReport(json);
    expect(result.ok).toBe(false);
    expect(reasonOf(result)).toContain(reason);
  });

  it('never throws, whatever a field turns into', () => {
    for (const name of ['grype-image-keycloak-21.0.2.json', 'grype-image-alpine-3.14-ghsa.json', 'grype-image-snapshot-current-schema.json']) {
      const outcomes = new Set(mutations(load(name), 300).map((mutated) => parseGrypeReport(mutated).ok));
      // Both outcomes happen, so the junk reaches strict and loose fields alike.
      expect(outcomes, name).toEqual(new Set([true, false]));
    }
  });

  it('caps and cleans report text and keeps only http(s) links', () => {
    const r = parsed(
      grype([
        match({
          id: 'CVE-2024-0001\u0007',
          description: `\u001b]8;;https://evil\u0007${'d'.repeat(500_000)}`,
          dataSource: 'javascript:alert(1)',
          urls: Array.from({ length: 40 }, (_, i) => `https://example.com/${i}`),
        }),
      ], { source: { type: 'image', target: { userInput: `evil\u001b[2J${'n'.repeat(10_000)}` } } }),
    );
    const [v] = r.vulnerabilities;
    expect(v?.id).toBe('CVE-2024-0001');
    expect(v?.title).toHaveLength(200);
    expect(v?.title?.startsWith('ddd')).toBe(true);
    expect(v?.primaryUrl).toBeUndefined();
    expect(v?.references).toHaveLength(10);
    expect(r.image.startsWith('evilnnn')).toBe(true);
    expect(r.image.length).toBeLessThanOrEqual(256);
  });
});

/** `count` copies of `json`, each with one value somewhere replaced by junk (seeded, so failures repeat). */
function mutations(json: unknown, count: number): unknown[] {
  const junk: unknown[] = [null, undefined, 0, -1, Number.NaN, true, '', 'x'.repeat(100_000), [], [null], {}, { a: [1] }, '\u001b[31m'];
  let seed = 7;
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
