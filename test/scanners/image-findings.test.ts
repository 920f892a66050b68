import { describe, expect, it } from 'vitest';
import type { ExternalResult, Finding } from '../../shared/engine.js';
import { GRYPE_HAS_NO_SECRETS, NO_REGION, isImageFinding } from '../../shared/scanners/image-findings.js';
import { DEFAULT_IMAGE_POLICY } from '../../shared/scanners/policy.js';
import {
  ALPINE,
  APP,
  BUSYBOX,
  FIXTURE_SECRET_VALUE,
  IMAGE_MANIFESTS,
  SPRING,
  defaultImageResults,
  imageScenario,
  scannerFixture,
} from '../helpers/report-factory.js';

const { result, report } = imageScenario();

function external(checklist: 'SEC-4' | 'SEC-6', r = result): ExternalResult {
  const found = r.external.find((e) => e.checklist === checklist);
  if (found === undefined) throw new Error(`no ${checklist}`);
  return found;
}

const where = (f: Finding): string => `${f.file}:${f.region.startLine} ${f.object?.kind ?? '-'}`;

describe('imageFindings: vulnerabilities', () => {
  it('puts one finding per vulnerability on the image line of every manifest that uses the image', () => {
    const spring = report.findings.filter((f) => f.ruleId === 'CVE-2022-22965');
    expect(spring.map(where)).toEqual(['k8s/a.yaml:14 Deployment', 'k8s/b.yaml:14 CronJob']);
    for (const f of spring) {
      expect(f).toMatchObject({ checklist: 'SEC-4', level: 'error', messageId: 'vulnerability', image: SPRING });
      expect(isImageFinding(f)).toBe(true);
    }
    expect(spring[0]?.message).toBe(
      `Container "web" in Deployment shop/api uses ${SPRING}, which has CVE-2022-22965 (critical, CVSS 9.8) in ` +
        'org.springframework:spring-beans 5.3.15; fixed in 5.3.18. Found by Trivy.',
    );
    expect(spring[1]?.pointer).toBe('/spec/jobTemplate/spec/template/spec/containers/0/image');
  });

  it('levels follow the policy: medium with a fix is a warning, unfixed high is a warning, low is a note', () => {
    const alpine = report.findings.filter((f) => isImageFinding(f) && f.image === ALPINE && f.ruleId.startsWith('CVE-'));
    expect(alpine.map((f) => `${f.ruleId} ${f.level}`).sort()).toEqual(['CVE-2019-1549 warning', 'CVE-2019-1549 warning', 'CVE-2019-1551 warning', 'CVE-2019-1551 warning']);
    const busybox = report.findings.filter((f) => isImageFinding(f) && f.image === BUSYBOX);
    expect(busybox).toHaveLength(15);
    expect(busybox.find((f) => f.ruleId === 'CVE-2022-48174')?.level).toBe('warning');
    expect(busybox.find((f) => f.ruleId === 'CVE-2024-58251')?.level).toBe('note');
    expect(busybox.find((f) => f.ruleId === 'CVE-2021-42376')?.message).toContain('fixed in 1.34.0. Found by Grype.');
  });

  it('fingerprints name rule, image, package, version, file, object and container, so they survive moved lines', () => {
    const moved = imageScenario({ manifests: Object.fromEntries(Object.entries(IMAGE_MANIFESTS).map(([f, t]) => [f, `# moved\n# down\n${t}`])) }).report;
    const key = (f: Finding): string => `${f.ruleId} ${f.file} ${f.fingerprint}`;
    expect(moved.findings.map(key).sort()).toEqual(report.findings.map(key).sort());
    expect(moved.findings.map((f) => f.region.startLine)).toEqual(report.findings.map((f) => f.region.startLine + 2));
    expect(new Set(report.findings.map((f) => f.fingerprint)).size).toBe(report.findings.length);
  });

  it('an image given directly has no file: its findings say "Image …" and carry no region of their own', () => {
    const { report: direct } = imageScenario({ manifests: {}, listed: [{ reference: 'ghcr.io/aquasecurity/trivy-test-images:spring4shell-jre11' }] });
    expect(direct.findings).toHaveLength(1);
    expect(direct.findings[0]).toMatchObject({ file: '', region: NO_REGION, object: undefined, pointer: '' });
    expect(direct.findings[0]?.message).toMatch(/^Image ghcr\.io\/aquasecurity\/trivy-test-images:spring4shell-jre11 has CVE-2022-22965/);
  });

  it('respects the ignore list and ignoreUnfixed, and reports expired entries as notices', () => {
    const { report: r, result: res } = imageScenario({
      policy: {
        ...DEFAULT_IMAGE_POLICY,
        ignoreUnfixed: true,
        ignore: [
          { id: 'CVE-2022-22965', image: 'ghcr.io/aquasecurity/trivy-test-images', reason: 'not reachable' },
          { id: 'CVE-2019-1549', reason: 'old', expires: '2024-12-31' },
        ],
      },
    });
    expect(r.findings.some((f) => f.ruleId === 'CVE-2022-22965')).toBe(false);
    expect(r.findings.filter((f) => f.ruleId === 'CVE-2019-1549')).toHaveLength(2);
    // Busybox: 14 of 15 have no fix.
    expect(r.findings.filter((f) => isImageFinding(f) && f.image === BUSYBOX).map((f) => f.ruleId)).toEqual(['CVE-2021-42376']);
    const busybox = res.images.find((i) => i.image === BUSYBOX);
    expect([busybox?.unfixedDropped, res.images.find((i) => i.image === SPRING)?.ignored]).toEqual([14, 1]);
    expect(res.expired.map((e) => e.id)).toEqual(['CVE-2019-1549']);
    expect(res.notifications[0]?.message).toContain('CVE-2019-1549 expired on 2024-12-31');
  });
});

describe('imageFindings: end of support and secrets', () => {
  it('an end-of-support base OS is an error on every line that uses the image', () => {
    const eosl = report.findings.filter((f) => f.ruleId === 'image-os-end-of-support');
    expect(eosl.map(where)).toEqual(['k8s/a.yaml:11 Deployment']);
    expect(eosl[0]).toMatchObject({ checklist: 'SEC-4', level: 'error' });
    expect(eosl[0]?.message).toBe(
      `Init container "migrate" in Deployment shop/api uses ${ALPINE}, whose base OS alpine 3.10.2 is past its end of support and gets no more security fixes.`,
    );
  });

  it('secrets inside an image are SEC-6 errors that never carry the value', () => {
    const secrets = report.findings.filter((f) => f.checklist === 'SEC-6');
    expect(secrets.map((f) => `${f.ruleId} ${f.level} ${where(f)}`)).toEqual([
      'image-secret/aws-access-key-id error k8s/a.yaml:16 Deployment',
      'image-secret/mysecret error k8s/a.yaml:16 Deployment',
    ]);
    expect(secrets[0]?.message).toContain('a secret Trivy found: AWS Access Key ID (AWS) in deploy.sh:3. The value is not shown');
    const everything = JSON.stringify([report, result]);
    expect(everything).not.toContain(FIXTURE_SECRET_VALUE);
    expect(everything).not.toContain('AWS_ACCESS_KEY_ID');
    expect(report.images?.find((i) => i.image === APP)?.secrets).toHaveLength(2);
  });
});

describe('imageFindings: what the checklist items get', () => {
  it('SEC-4 is evaluated when an image was scanned, with a reason per image and scanner that failed', () => {
    expect(external('SEC-4')).toMatchObject({
      evidence: 'images',
      evaluated: true,
      notEvaluated: [`${BUSYBOX}: Trivy the image could not be pulled: MANIFEST_UNKNOWN`, `${SPRING}: Grype timed out after 300 s`],
    });
    const sec4 = report.items.find((i) => i.id === 'SEC-4');
    expect(sec4?.status).toBe('violated');
    expect(sec4?.evaluated).toEqual(['images']);
  });

  it('SEC-6 is evaluated when Trivy scanned an image for secrets; Grype alone cannot decide it', () => {
    expect(external('SEC-6')).toMatchObject({ evaluated: true, notEvaluated: [`${BUSYBOX}: Trivy the image could not be pulled: MANIFEST_UNKNOWN`] });
    const grypeOnly = Object.fromEntries(Object.entries(defaultImageResults()).map(([image, r]) => [image, { ...(r.grype === undefined ? {} : { grype: r.grype }) }]));
    const { result: g, report: gr } = imageScenario({ results: grypeOnly, scanners: [{ name: 'grype', version: '0.86.1' }] });
    expect(external('SEC-6', g)).toMatchObject({ evaluated: false, notEvaluated: [GRYPE_HAS_NO_SECRETS], findings: [] });
    expect(external('SEC-4', g).evaluated).toBe(true);
    expect(gr.items.find((i) => i.id === 'SEC-6')?.notEvaluated).toContainEqual({ evidence: 'images', reason: GRYPE_HAS_NO_SECRETS });
  });

  it('no scanner at all: one reason for both items, every image not evaluated, no findings', () => {
    const failed = { trivy: 'Trivy is not on PATH' };
    const { result: none, report: r } = imageScenario({
      results: { [SPRING]: failed, [ALPINE]: failed, [BUSYBOX]: failed, [APP]: failed },
      notEvaluated: { reason: 'no Trivy or Grype on PATH', hint: 'add aquasecurity/setup-trivy' },
    });
    const reason = 'no image scanner ran: no Trivy or Grype on PATH (add aquasecurity/setup-trivy)';
    expect(external('SEC-4', none)).toEqual({ checklist: 'SEC-4', evidence: 'images', evaluated: false, notEvaluated: [reason], findings: [] });
    expect(external('SEC-6', none).notEvaluated).toEqual([reason]);
    expect(r.items.find((i) => i.id === 'SEC-4')?.status).toBe('not-evaluated');
    expect(none.images.map((i) => i.failures)).toEqual(none.images.map(() => [{ scanner: 'trivy', reason: 'Trivy is not on PATH' }]));
  });

  it('records each image with its scanners (runner versions), OS, policy counts and usages', () => {
    const spring = result.images.find((i) => i.image === SPRING);
    expect(spring).toMatchObject({
      scanners: [{ name: 'trivy', version: '0.58.1' }],
      failures: [{ scanner: 'grype', reason: 'timed out after 300 s' }],
      os: { family: 'debian', version: '11.3' },
      ignored: 0,
      unfixedDropped: 0,
    });
    expect(spring?.usages.map((u) => `${u.file}:${u.region?.startLine} ${u.container ?? ''}`)).toEqual(['k8s/a.yaml:14 Container "web"', 'k8s/b.yaml:14 Container "job"']);
    expect(result.images.find((i) => i.image === ALPINE)?.os).toEqual({ family: 'alpine', version: '3.10.2', endOfSupport: true });
    expect(result.scanners).toEqual([
      { name: 'trivy', version: '0.58.1', dbUpdatedAt: '2025-01-01T06:00:00.000Z' },
      { name: 'grype', version: '0.86.1' },
    ]);
  });

  it('merges both scanners of one image into one finding per flaw, naming both', () => {
    const alpine = scannerFixture('trivy', 'trivy-image-alpine-3.10.json');
    const grypeAlpine = { ...alpine, scanner: 'grype' as const, imageId: 'sha256:other', vulnerabilities: alpine.vulnerabilities.map((v) => ({ ...v, scanners: ['grype' as const] })) };
    const { report: both } = imageScenario({ results: { [ALPINE]: { trivy: alpine, grype: grypeAlpine } } });
    const found = both.findings.filter((f) => f.ruleId === 'CVE-2019-1549');
    expect(found).toHaveLength(2);
    expect(found[0]?.message).toContain('Found by Grype and Trivy.');
  });
});
