import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGrypeReport } from '../../shared/scanners/grype-report.js';
import { mergeReports } from '../../shared/scanners/merge.js';
import type { ImageReport, ScannerName, Vulnerability } from '../../shared/scanners/report.js';
import { parseTrivyReport } from '../../shared/scanners/trivy-report.js';

const DIR = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'scanners');

function trivyFixture(name: string): ImageReport {
  const result = parseTrivyReport(JSON.parse(readFileSync(resolve(DIR, 'trivy', name), 'utf8')));
  if (!result.ok) throw new Error(result.reason);
  return result.report;
}

function vuln(scanner: ScannerName, id: string, extra: Partial<Vulnerability> = {}): Vulnerability {
  return {
    id,
    aliases: [],
    package: { name: 'openssl', version: '3.0.1' },
    fixedVersions: [],
    severity: 'medium',
    references: [],
    scanners: [scanner],
    ...extra,
  };
}

function report(scanner: ScannerName, vulnerabilities: Vulnerability[], extra: Partial<ImageReport> = {}): ImageReport {
  return { image: 'nginx:1.25', scanner, vulnerabilities, secrets: [], ...extra };
}

function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}

describe('mergeReports: one entry per flaw per package', () => {
  it('the same CVE from both scanners: both named, most severe, fixes/references unioned, highest CVSS', () => {
    const merged = only(
      mergeReports([
        report('trivy', [vuln('trivy', 'CVE-2024-0001', { severity: 'medium', fixedVersions: ['3.0.2'], references: ['https://a', 'https://b'], cvss: { score: 5.3, source: 'nvd' }, status: 'fixed', title: 'Trivy title' })]),
        report('grype', [vuln('grype', 'CVE-2024-0001', { severity: 'high', fixedVersions: ['3.0.2', '3.1.1'], references: ['https://b', 'https://c'], cvss: { score: 7.5, source: 'nvd@nist.gov' }, status: 'fixed' })]),
      ]),
    );
    expect(merged.vulnerabilities).toEqual([
      {
        id: 'CVE-2024-0001',
        aliases: [],
        package: { name: 'openssl', version: '3.0.1' },
        fixedVersions: ['3.0.2', '3.1.1'],
        severity: 'high',
        cvss: { score: 7.5, source: 'nvd@nist.gov' },
        status: 'fixed',
        title: 'Trivy title',
        references: ['https://a', 'https://b', 'https://c'],
        scanners: ['grype', 'trivy'],
      },
    ]);
  });

  it("an id equal to the other's alias is the same flaw; the CVE id stays the id", () => {
    const merged = only(
      mergeReports([
        report('grype', [vuln('grype', 'GHSA-36p3-wjmg-h94x', { aliases: ['CVE-2022-22965'], severity: 'critical' })]),
        report('trivy', [vuln('trivy', 'CVE-2022-22965', { aliases: ['DSA-5127-1'], severity: 'critical' })]),
      ]),
    );
    const v = only(merged.vulnerabilities);
    expect(v.id).toBe('CVE-2022-22965');
    expect(v.aliases).toEqual(['DSA-5127-1', 'GHSA-36p3-wjmg-h94x']);
    expect(v.scanners).toEqual(['grype', 'trivy']);
  });

  it('different packages, or another version of one, stay separate', () => {
    const merged = only(
      mergeReports([
        report('trivy', [vuln('trivy', 'CVE-2019-1549', { package: { name: 'libcrypto1.1', version: '1.1.1c-r0' } })]),
        report('grype', [
          vuln('grype', 'CVE-2019-1549', { package: { name: 'libssl1.1', version: '1.1.1c-r0' } }),
          vuln('grype', 'CVE-2019-1549', { package: { name: 'libcrypto1.1', version: '1.1.1d-r0' } }),
        ]),
      ]),
    );
    expect(merged.vulnerabilities.map((v) => `${v.package.name}@${v.package.version} ${v.scanners.join('+')}`)).toEqual([
      'libcrypto1.1@1.1.1c-r0 trivy',
      'libcrypto1.1@1.1.1d-r0 grype',
      'libssl1.1@1.1.1c-r0 grype',
    ]);
  });

  it('a fix from one side brings its status; an unknown severity yields to a known one', () => {
    const v = only(
      only(
        mergeReports([
          report('trivy', [vuln('trivy', 'CVE-2024-0002', { severity: 'unknown', status: 'affected', package: { name: 'zlib', version: '1.2', type: 'debian' } })]),
          report('grype', [vuln('grype', 'CVE-2024-0002', { severity: 'low', status: 'fixed', fixedVersions: ['1.3'], package: { name: 'zlib', version: '1.2', path: '/var/lib/dpkg/status' } })]),
        ]),
      ).vulnerabilities,
    );
    expect(v).toMatchObject({ severity: 'low', status: 'fixed', fixedVersions: ['1.3'], package: { name: 'zlib', version: '1.2', type: 'debian', path: '/var/lib/dpkg/status' } });
  });

  it('sorts most severe first, then by id and package', () => {
    const merged = only(
      mergeReports([
        report('grype', [
          vuln('grype', 'CVE-2024-0003', { severity: 'low' }),
          vuln('grype', 'CVE-2024-0002', { severity: 'critical' }),
          vuln('grype', 'CVE-2024-0001', { severity: 'critical' }),
          vuln('grype', 'CVE-2024-0004', { severity: 'unknown' }),
        ]),
      ]),
    );
    expect(merged.vulnerabilities.map((v) => v.id)).toEqual(['CVE-2024-0001', 'CVE-2024-0002', 'CVE-2024-0003', 'CVE-2024-0004']);
  });

  it('one scanner listing a flaw once per manifest of the same package counts it once (Trivy gomod)', () => {
    const merged = only(mergeReports([trivyFixture('trivy-fs-gomod.json')]));
    expect(merged.vulnerabilities.map((v) => v.id)).toEqual(['CVE-2022-23628', 'CVE-2021-38561', 'GMS-2022-20']);
  });
});

describe('mergeReports: images, OS, secrets and scanners', () => {
  it('a real Trivy report and a Grype report of the same image id merge', () => {
    const trivy = trivyFixture('trivy-image-alpine-3.10.json');
    const grypeJson = {
      matches: [
        {
          vulnerability: { id: 'CVE-2019-1549', severity: 'High', fix: { versions: ['1.1.1d-r0'], state: 'fixed' }, urls: ['https://nvd.nist.gov/vuln/detail/CVE-2019-1549'] },
          artifact: { name: 'libssl1.1', version: '1.1.1c-r0', type: 'apk', locations: [{ path: '/lib/apk/db/installed' }] },
        },
      ],
      source: { type: 'image', target: { userInput: 'ghcr.io/aquasecurity/trivy-test-images:alpine-310', imageID: trivy.imageId } },
      distro: { name: 'alpine', version: '3.10.2' },
      descriptor: { name: 'grype', version: '0.80.0' },
    };
    const grype = parseGrypeReport(grypeJson);
    if (!grype.ok) throw new Error(grype.reason);
    const merged = only(mergeReports([trivy, grype.report]));
    expect(merged).toMatchObject({
      image: 'testdata/fixtures/images/alpine-310.tar.gz',
      imageId: trivy.imageId,
      scanners: [{ name: 'trivy', version: 'dev' }, { name: 'grype', version: '0.80.0' }],
      os: { family: 'alpine', version: '3.10.2', endOfSupport: true },
    });
    expect(merged.vulnerabilities).toHaveLength(4);
    const both = only(merged.vulnerabilities.filter((v) => v.scanners.length === 2));
    expect(both).toMatchObject({ id: 'CVE-2019-1549', severity: 'high', package: { name: 'libssl1.1', type: 'alpine' }, fixedVersions: ['1.1.1d-r0'] });
    expect(both.references).toHaveLength(10);
  });

  it("the OS comes from whichever report has it, and Trivy's end of support wins", () => {
    const grypeOs = { family: 'debian', version: '9' };
    expect(only(mergeReports([report('grype', [], { os: grypeOs }), report('trivy', [])])).os).toEqual(grypeOs);
    const trivyOs = { family: 'debian', version: '9.9', endOfSupport: true };
    expect(only(mergeReports([report('grype', [], { os: { ...grypeOs, endOfSupport: false } }), report('trivy', [], { os: trivyOs })])).os).toEqual(trivyOs);
    expect(only(mergeReports([report('grype', [])])).os).toBeUndefined();
  });

  it('secrets come from Trivy only, once each', () => {
    const secret = { ruleId: 'aws-access-key-id', category: 'AWS', severity: 'critical' as const, title: 'AWS Access Key ID', target: '/app/.env', startLine: 3 };
    const merged = only(
      mergeReports([
        report('trivy', [], { secrets: [secret, secret] }),
        report('grype', [], { secrets: [{ ...secret, ruleId: 'not-from-grype' }] }),
      ]),
    );
    expect(merged.secrets).toEqual([secret]);
  });

  it('reports of different images stay apart; a shared image id joins differently named reports', () => {
    const merged = mergeReports([
      report('trivy', [vuln('trivy', 'CVE-2024-0001')], { image: 'nginx:1.25' }),
      report('trivy', [vuln('trivy', 'CVE-2024-0001')], { image: 'redis:7', imageId: 'sha256:r' }),
      report('grype', [vuln('grype', 'CVE-2024-0001')], { image: 'docker.io/library/redis:7', imageId: 'sha256:r' }),
    ]);
    expect(merged.map((m) => [m.image, m.vulnerabilities.length, only(m.vulnerabilities).scanners])).toEqual([
      ['nginx:1.25', 1, ['trivy']],
      ['redis:7', 1, ['grype', 'trivy']],
    ]);
  });

  it('the same name with different image ids is two images (the tag moved)', () => {
    const merged = mergeReports([report('trivy', [], { imageId: 'sha256:old' }), report('grype', [], { imageId: 'sha256:new' })]);
    expect(merged.map((m) => m.imageId)).toEqual(['sha256:old', 'sha256:new']);
  });

  it('a report matching two groups joins them into one image', () => {
    const merged = mergeReports([
      report('trivy', [], { image: 'app:1' }),
      report('grype', [], { image: 'registry/app:1', imageId: 'sha256:x' }),
      report('grype', [], { image: 'app:1', imageId: 'sha256:x', scannerVersion: '0.90.0' }),
    ]);
    expect(only(merged).scanners).toEqual([{ name: 'trivy' }, { name: 'grype' }, { name: 'grype', version: '0.90.0' }]);
  });

  it('nothing in, nothing out', () => {
    expect(mergeReports([])).toEqual([]);
  });
});
