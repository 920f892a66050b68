import { describe, expect, it } from 'vitest';
import { CHECKLIST } from '../../shared/checklist.js';
import { GITHUB_SARIF_LIMITS } from '../../shared/output/sarif.js';
import { DEFAULT_SUMMARY_BYTES, toMarkdownSummary } from '../../shared/output/summary.js';
import { ALPINE, APP, BUSYBOX, FIXTURE_SECRET_VALUE, SPRING, imageScenario, makeFinding, makeInput, makeInputProblem, makeReport, makeRule } from '../helpers/report-factory.js';

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Table rows of a Markdown text: lines starting with `|`, with their cells split on unescaped pipes. */
function cells(line: string): string[] {
  return line.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim());
}

function rowsOf(markdown: string, first: string): string[][] {
  return markdown
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .map(cells)
    .filter((c) => c[0]?.includes(first));
}

describe('toMarkdownSummary', () => {
  it('starts with the verdict, the threshold and the counts', () => {
    const failed = toMarkdownSummary(makeReport({ findings: [makeFinding(), makeFinding({ level: 'warning', pointer: '/w' })] }));
    const [title, , sentence] = failed.split('\n');
    expect(title).toBe('## ❌ aks-gate: gate failed');
    expect(sentence).toContain('Gate failed: 1 finding at or above "error" (fail-on: error); 1 error, 1 warning, 0 notes');
    const passed = toMarkdownSummary(makeReport({ findings: [makeFinding({ level: 'warning' })], failOn: 'error' }));
    expect(passed.split('\n')[0]).toBe('## ✅ aks-gate: gate passed');
    expect(passed).toContain('no findings at or above "error" (fail-on: error)');
  });

  it('has a scorecard row for every checklist item with its status, counts and why it was not evaluated', () => {
    const report = makeReport({ findings: [makeFinding({ level: 'warning' }), makeFinding({ checklist: 'SEC-7', ruleId: 'r7', level: 'note' })] });
    const md = toMarkdownSummary(report);
    const rows = new Map(CHECKLIST.map((item) => [item.id, md.split('\n').find((l) => l.startsWith('|') && cells(l)[1] === item.id)]));
    for (const item of CHECKLIST) expect(rows.get(item.id), item.id).toBeDefined();
    expect(cells(rows.get('SEC-1') ?? '')).toEqual([
      '❌ violated',
      'SEC-1',
      'No public endpoints; private API server',
      '0',
      '1',
      '0',
      '**cluster**: no AKS cluster definition (ARM, Bicep or Terraform) in the inputs<br>**live**: the live cluster was not probed',
    ]);
    expect(cells(rows.get('SEC-7') ?? '').slice(0, 6)).toEqual(['✅ satisfied', 'SEC-7', 'Workloads hardened against common attack vectors', '0', '0', '1']);
    expect(cells(rows.get('IAM-3') ?? '')[0]).toBe('⚪ not evaluated');
    expect(cells(rows.get('IAM-3') ?? '')[6]).toContain('no AKS cluster definition');
  });

  it('groups findings by checklist item, most severe first, with file:line', () => {
    const report = makeReport({
      findings: [
        makeFinding({ checklist: 'HA-4', ruleId: 'ha', level: 'note', file: 'a.yaml', line: 3 }),
        makeFinding({ checklist: 'SEC-7', ruleId: 'sec7', level: 'warning', file: 'b.yaml', line: 5 }),
        makeFinding({ checklist: 'SEC-7', ruleId: 'sec7', level: 'error', file: 'c.yaml', line: 9, pointer: '/other' }),
        makeInputProblem('broken.yaml', 2),
      ],
    });
    const md = toMarkdownSummary(report);
    const headings = md.split('\n').filter((l) => l.startsWith('#### '));
    expect(headings).toEqual([
      '#### Inputs can be parsed (1 error)',
      '#### SEC-7 Workloads hardened against common attack vectors (1 error, 1 warning)',
      '#### HA-4 Horizontal pod autoscaling and resilient workloads (1 note)',
    ]);
    const sec7 = md.slice(md.indexOf('#### SEC-7'), md.indexOf('#### HA-4'));
    expect(sec7.indexOf('c.yaml:9')).toBeLessThan(sec7.indexOf('b.yaml:5'));
    expect(md).toContain('| 🔴 error | broken.yaml:2 | `invalid-input` |');
  });

  it('escapes Markdown and HTML from scanned files and neutralizes pipeline commands', () => {
    const evil = 'evil|name <img src=x onerror=alert(1)> `code` ![t](https://t.example/p.png) [l](https://x) $\\color{red}{X}$ ##vso[task.setvariable variable=x]y';
    const report = makeReport({
      findings: [makeFinding({ message: `${evil}\n::set-output name=passed::true`, file: 'dir|x/<b>.yaml', object: { name: evil } })],
      inputs: [makeInput('dir|x/<b>.yaml', { status: 'failed', reason: '::error::boom <script>' })],
    });
    const md = toMarkdownSummary(report);
    expect(md).not.toMatch(/<img|<script|<b>/);
    expect(md).not.toMatch(/##vso\[/);
    expect(md).not.toMatch(/(^|[^\\])!\[/m);
    expect(md).not.toMatch(/(^|[^\\])`code/);
    expect(md).not.toMatch(/(^|[^\\])\$\\/);
    expect(md.split('\n').some((l) => l.trim().startsWith('::'))).toBe(false);
    // The table keeps its four columns: every pipe from the file is escaped.
    const [finding] = rowsOf(md, 'error');
    expect(finding).toHaveLength(4);
    expect(finding?.[1]).toBe('dir\\|x/&lt;b&gt;.yaml:1');
    const [input] = rowsOf(md, 'failed');
    expect(input).toHaveLength(5);
  });

  it('stays under the byte cap and says how many findings were left out and where they are', () => {
    const findings = Array.from({ length: 2_000 }, (_, i) =>
      makeFinding({ file: `k8s/app-${i}.yaml`, level: i % 3 === 0 ? 'error' : 'note', message: `Service number ${i} is a LoadBalancer with a public IP.` }),
    );
    const md = toMarkdownSummary(makeReport({ findings }), { maxBytes: 30_000 });
    expect(bytes(md)).toBeLessThanOrEqual(30_000);
    const shown = md.split('\n').filter((l) => /^\| 🔴 error|^\| 🔵 note/.test(l)).length;
    expect(shown).toBeGreaterThan(10);
    expect(md).toContain(`> **Note:** ${(2_000 - shown).toLocaleString('en-US')} more findings not shown, to keep this summary small; the SARIF and JSON reports have all of them.`);
    // Most severe first: no note is shown while an error is left out.
    const errorsShown = md.split('\n').filter((l) => l.startsWith('| 🔴 error')).length;
    if (errorsShown < 667) expect(md).not.toContain('| 🔵 note');
    // The inputs are still there, capped too.
    expect(md).toContain('### Inputs');
    expect(md).toMatch(/more inputs not listed/);
  });

  it('keeps the default cap far below GitHub\'s 1 MiB and points past the SARIF limit to the JSON report', () => {
    const total = GITHUB_SARIF_LIMITS.resultsPerRun + 1_000;
    const findings = Array.from({ length: total }, (_, i) => makeFinding({ file: `k8s/${i}.yaml`, message: 'x'.repeat(400) }));
    const md = toMarkdownSummary(makeReport({ findings }));
    expect(bytes(md)).toBeLessThanOrEqual(DEFAULT_SUMMARY_BYTES);
    expect(DEFAULT_SUMMARY_BYTES).toBeLessThan(1024 * 1024 / 4);
    expect(md).toContain(`the JSON report has all ${total.toLocaleString('en-US')} (the SARIF report keeps the 5,000 most severe)`);
  });

  it('lists failed and skipped inputs with reasons and folds a long list of scanned files', () => {
    const inputs = [
      makeInput('broken.yaml', { status: 'failed', reason: 'YAML syntax error at line 3' }),
      makeInput('README.md', { status: 'skipped', reason: 'not YAML or JSON', documents: 0, objects: 0 }),
      ...Array.from({ length: 30 }, (_, i) => makeInput(`k8s/${i}.yaml`)),
    ];
    const md = toMarkdownSummary(makeReport({ inputs }));
    expect(md).toContain('32 inputs: 1 failed, 1 skipped, 30 scanned.');
    expect(md).toContain('| ❌ failed | broken.yaml | 1 | 1 | YAML syntax error at line 3 |');
    expect(md).toContain('| ⏭️ skipped | README.md | 0 | 0 | not YAML or JSON |');
    const folded = md.slice(md.indexOf('<details><summary>Scanned inputs (30)</summary>'));
    expect(folded).toContain('| ✅ scanned | k8s/29.yaml |');
    expect(md.indexOf('README.md')).toBeLessThan(md.indexOf('<details>'));
  });

  it('shows notices and says so when there is nothing to report', () => {
    const md = toMarkdownSummary(makeReport({ notifications: [{ level: 'warning', message: 'Helm <chart> not rendered', file: 'charts/x/Chart.yaml' }] }));
    expect(md).toContain('- 🟠 warning: Helm &lt;chart&gt; not rendered (charts/x/Chart.yaml)');
    expect(md).toContain('### Findings\n\nNo findings.');
    expect(md).toContain('No inputs were given.');
  });
});

describe('toMarkdownSummary: images', () => {
  const { report } = imageScenario({ listed: [{ reference: SPRING }, { reference: 'nginx:1.25' }] });
  const md = toMarkdownSummary(report);
  const imageRows = new Map(
    md
      .split('\n')
      .filter((l) => l.startsWith('|'))
      .map(cells)
      .filter((c) => c.length === 9 && c[0] !== 'Image' && c[0] !== '---')
      .map((c) => [c[0], c]),
  );

  it('has a row per image: scanners and versions, base OS and end of support, counts with fixable, where it is used', () => {
    expect(md).toContain('5 images: 4 scanned, 1 not evaluated. Scanners: Trivy 0.58.1 (DB of 2025-01-01), Grype 0.86.1.');
    expect(imageRows.get(SPRING)).toEqual([SPRING, 'Trivy 0.58.1<br>❌ Grype: timed out after 300 s', 'debian 11.3', '1 (1 fixable)', '0', '0', '0', '0', 'k8s/a.yaml:14 (Deployment shop/api) and 2 more']);
    expect(imageRows.get(ALPINE)?.slice(2, 8)).toEqual(['alpine 3.10.2 ❌ past end of support', '0', '0', '4 (4 fixable)', '0', '0']);
    expect(imageRows.get(BUSYBOX)?.slice(3, 7)).toEqual(['1', '10', '2 (1 fixable)', '2']);
    expect(imageRows.get(APP)?.[7]).toBe('2');
    expect(imageRows.get('docker.io/library/nginx:1.25')).toEqual([
      'docker.io/library/nginx:1.25',
      '⚪ not evaluated<br>❌ no scanner result for this image',
      '–',
      '–',
      '–',
      '–',
      '–',
      '–',
      'given directly',
    ]);
    // Most errors first.
    expect([...imageRows.keys()][0]).toBe(APP);
  });

  it('shows a finding of an image given directly at the image, and never a secret value', () => {
    expect(md).toContain(`| 🔴 error | ${SPRING} (given directly) | CVE-2022-22965 |`);
    expect(md).toContain('image-secret/aws-access-key-id');
    expect(md).not.toContain(FIXTURE_SECRET_VALUE);
  });

  it('caps the image table within its share of the summary', () => {
    const many = { ...report, images: Array.from({ length: 400 }, (_, i) => ({ ...(report.images?.[0] ?? { image: '', usages: [], scanners: [], failures: [], vulnerabilities: [], ignored: 0, unfixedDropped: 0, secrets: [] }), image: `myacr.azurecr.io/app-${i}:1.0` })) };
    const capped = toMarkdownSummary(many, { maxBytes: 40_000 });
    expect(bytes(capped)).toBeLessThanOrEqual(40_000);
    expect(capped).toMatch(/… and \d+ more images not listed, to keep this summary small; the JSON report lists every image\./);
  });

  it("says what GitHub's result limit left out of the SARIF file", () => {
    expect(md).not.toContain('**SARIF:**');
    const filler = Array.from({ length: GITHUB_SARIF_LIMITS.resultsPerRun }, (_, i) => makeFinding({ level: 'warning', file: `k8s/w${i}.yaml` }));
    // The filler's rule is rated 8.0: image warnings rated lower (by CVSS) go first.
    const big = { ...report, findings: [...report.findings, ...filler], rules: [{ rule: makeRule(), level: 'error' as const }] };
    expect(toMarkdownSummary(big)).toContain(
      '> **SARIF:** GitHub code scanning keeps at most 5,000 results per run, so the SARIF file leaves out the 25 least severe findings of 5,025 ' +
        '(23 warnings, 2 notes, 17 of them about images). The JSON report has all of them.',
    );
  });

  it('has no image section when images were not scanned', () => {
    expect(toMarkdownSummary(makeReport())).not.toContain('### Images');
    expect(toMarkdownSummary({ ...makeReport(), images: [] })).toContain('### Images\n\nNo container images in the inputs.');
  });
});
