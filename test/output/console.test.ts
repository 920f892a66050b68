import { describe, expect, it } from 'vitest';
import { renderConsole } from '../../shared/output/console.js';
import { FIXTURE_SECRET_VALUE, SPRING, imageScenario, makeFinding, makeInputProblem, makeReport } from '../helpers/report-factory.js';

// eslint-disable-next-line no-control-regex
const ESC = /\u001b/;

const report = makeReport({
  findings: [
    makeFinding({ level: 'note', checklist: 'HA-4', ruleId: 'pod-probes', file: 'k8s/deploy.yaml', line: 40, column: 9 }),
    makeFinding({ level: 'warning', checklist: 'SEC-7', ruleId: 'pod-privileged', file: 'k8s/a-much-longer-path/deploy.yaml', line: 12 }),
    makeFinding({ level: 'error', file: 'k8s/svc.yaml', line: 7, column: 3 }),
    makeInputProblem('broken.yaml', 2),
  ],
});

describe('renderConsole', () => {
  it('prints a plain scorecard with PASS/FAIL/N/A and no escapes when not on a TTY', () => {
    const out = renderConsole(report, { color: false });
    expect(out).not.toMatch(ESC);
    const lines = out.split('\n');
    expect(lines).toContain('  FAIL  SEC-1  No public endpoints; private API server                       1 error');
    expect(lines.find((l) => l.includes('HA-4'))).toMatch(/^ {2}PASS {2}HA-4 {3}Horizontal pod autoscaling/);
    expect(lines.find((l) => l.includes('IAM-3'))).toMatch(/^ {2}N\/A {3}IAM-3 {2}Managed identity, not a service principal +not evaluated: cluster$/);
    expect(lines.at(-2)).toBe('FAIL Gate failed: 2 findings at or above "error" (fail-on: error); 2 errors, 1 warning, 1 note in 4 inputs scanned.');
  });

  it('lists findings most severe first, each with its whole file:line:col and the message under it', () => {
    const lines = renderConsole(report, { color: false }).split('\n');
    const start = lines.findIndex((l) => l.startsWith('Findings:'));
    const heads = lines.slice(start + 1, start + 9).filter((_, i) => i % 2 === 0);
    const messages = lines.slice(start + 1, start + 9).filter((_, i) => i % 2 === 1);
    expect(heads.map((r) => r.trim().split(/\s+/)[0])).toEqual(['error', 'error', 'warning', 'note']);
    expect(heads[0]).toMatch(/^ {2}error {4}broken\.yaml:2:1 {2}invalid-input$/);
    expect(messages[0]).toMatch(/^ {11}Nested mappings/);
    // Messages start at the same offset on every row.
    expect(new Set(messages.map((m) => m.search(/\S/))).size).toBe(1);
  });

  it('colours symbols and levels on a TTY', () => {
    const out = renderConsole(report, { color: true });
    expect(out).toContain('\u001b[31m✖\u001b[39m  SEC-1');
    expect(out).toContain('\u001b[32m✔\u001b[39m  HA-4');
    expect(out).toContain('\u001b[33mwarning\u001b[39m');
    expect(out).not.toMatch(/\bPASS\b|\bN\/A\b/);
  });

  it('caps the findings and says where the rest are', () => {
    const many = makeReport({ findings: Array.from({ length: 12 }, (_, i) => makeFinding({ file: `f${String(i).padStart(2, '0')}.yaml` })) });
    const out = renderConsole(many, { color: false, maxFindings: 5 });
    expect(out.split('\n').filter((l) => l.startsWith('  error'))).toHaveLength(5);
    expect(out).toContain('  … 7 more findings in the SARIF/JSON report');
  });

  it('prints nothing from a scanned file that a runner or terminal would act on', () => {
    const evil = makeReport({
      findings: [
        makeFinding({ message: 'pwn\n::set-env name=NODE_OPTIONS::--require /tmp/x\n##vso[task.setvariable variable=x]evil \u001b[31mred\u001b[0m \u001b]0;title\u0007' }),
        makeFinding({ file: '::error file=x::fake.yaml', pointer: '/2' }),
      ],
    });
    for (const color of [false, true]) {
      const out = renderConsole(evil, { color });
      const lines = out.split('\n');
      expect(lines.some((l) => l.trim().startsWith('::'))).toBe(false);
      expect(out).not.toMatch(/##vso\[|##\[/);
      expect(out).not.toContain('::');
      // Only our own colour codes remain.
      // eslint-disable-next-line no-control-regex
      expect(out.replace(/\u001b\[(?:\d+)m/g, '')).not.toMatch(ESC);
      expect(out).not.toContain('\u0007');
    }
  });
});

describe('renderConsole: images', () => {
  const { report: images } = imageScenario({ listed: [{ reference: SPRING }, { reference: 'nginx:1.25' }] });

  it('prints one line per image, worst first, capped, and the scanners used', () => {
    const lines = renderConsole(images, { color: false, maxImages: 3 }).split('\n');
    const start = lines.findIndex((l) => l.startsWith('Images:'));
    expect(lines.slice(start, start + 5)).toEqual([
      'Images: 5 images (4 scanned, 1 not evaluated) with Trivy 0.58.1, Grype 0.86.1',
      '  myacr.azurecr.io/shop/app:1.0  0 critical, 0 high, 0 medium, 0 low (0 fixable); 2 secrets',
      '  ghcr.io/aquasecurity/trivy-test-images:alpine-310  0 critical, 0 high, 4 medium, 0 low (4 fixable); alpine 3.10.2 past end of support',
      '  ghcr.io/aquasecurity/trivy-test-images:spring4shell-jre11  1 critical, 0 high, 0 medium, 0 low (1 fixable); Grype failed',
      '  … 2 more images in the summary/JSON report',
    ]);
    expect(renderConsole(makeReport(), { color: false })).not.toContain('Images:');
  });

  it('says once why no image was scanned when no scanner ran at all', () => {
    const { report } = imageScenario({ results: {}, scanners: [], notEvaluated: { reason: 'no Trivy or Grype on PATH', hint: 'install one' } });
    const lines = renderConsole(report, { color: false }).split('\n').filter((l) => l.startsWith('Images:') || l.includes('not evaluated: no'));
    expect(lines).toEqual([expect.stringMatching(/^Images: \d+ images not scanned: no image scanner ran: no Trivy or Grype on PATH/)]);
  });

  it('locates a finding of an image given directly at the image, and never prints a secret value', () => {
    const out = renderConsole(images, { color: false, maxFindings: 100 });
    expect(out).toContain(`  error    ${SPRING} (given directly)  CVE-2022-22965`);
    expect(out).toContain('image-secret/aws-access-key-id');
    expect(out).not.toContain(FIXTURE_SECRET_VALUE);
  });
});
