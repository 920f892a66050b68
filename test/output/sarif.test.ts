import { describe, expect, it } from 'vitest';
import type * as sarif from 'sarif';
import { parseManifests } from '../../shared/documents/manifest.js';
import { evaluate, type Finding } from '../../shared/engine.js';
import { GITHUB_SARIF_LIMITS, toSarif } from '../../shared/output/sarif.js';
import { toUriReference } from '../../shared/output/sarif-location.js';
import { MAX_TAGS_PER_RULE, pascalCase } from '../../shared/output/sarif-rules.js';
import servicePublicLoadBalancer from '../../shared/rules/sec/service-public-load-balancer.js';
import { DEFAULT_RULE_SETTINGS } from '../../shared/rules/settings.js';
import { FIXTURE_SECRET_VALUE, SPRING, imageScenario, makeFinding, makeInputProblem, makeReport, makeRule } from '../helpers/report-factory.js';
import { expectValidSarif, sarifErrors } from '../helpers/sarif-schema.js';

function runOf(log: sarif.Log): sarif.Run {
  expect(log.runs).toHaveLength(1);
  const run = log.runs[0];
  if (run === undefined) throw new Error('no run');
  return run;
}

function rulesOf(run: sarif.Run): sarif.ReportingDescriptor[] {
  return run.tool.driver.rules ?? [];
}

function ruleNamed(run: sarif.Run, id: string): sarif.ReportingDescriptor {
  const rule = rulesOf(run).find((r) => r.id === id);
  if (rule === undefined) throw new Error(`no descriptor ${id}`);
  return rule;
}

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  type: LoadBalancer
  ports:
    - port: 80
`;

function engineFindings(text: string): Finding[] {
  const parsed = parseManifests(text, 'k8s/web.yaml');
  return evaluate({ objects: parsed.objects, rules: [servicePublicLoadBalancer], overrides: {}, settings: DEFAULT_RULE_SETTINGS }).findings;
}

describe('toSarif', () => {
  it('writes a schema-valid log with tool, invocation and automation details', () => {
    const findings = [
      makeFinding({ ruleId: 'service-public-load-balancer', line: 7, approximate: true }),
      makeFinding({ ruleId: 'pod-privileged', checklist: 'SEC-7', level: 'warning', file: 'k8s/deploy.yaml', line: 12, object: { kind: 'Deployment', name: 'api' } }),
      makeInputProblem('k8s/broken.yaml', 3),
    ];
    const report = makeReport({
      findings,
      notifications: [
        { level: 'warning', message: 'Skipped 1 document without kind', file: 'k8s/app.yaml', region: { startLine: 4, startColumn: 1, endLine: 4, endColumn: 5 } },
        { level: 'note', message: 'Helm chart rendered with default values' },
      ],
    });
    const log = toSarif(report);
    expectValidSarif(log);
    const run = runOf(log);
    expect(log.version).toBe('2.1.0');
    expect(run.tool.driver).toMatchObject({ name: 'aks-gate', version: '0.1.0', semanticVersion: '0.1.0', informationUri: 'https://github.com/example/aks-gate' });
    expect(run.automationDetails?.id).toBe('aks-gate/');
    const invocation = run.invocations?.[0];
    expect(invocation).toMatchObject({ executionSuccessful: true, startTimeUtc: report.startedAt, endTimeUtc: report.finishedAt });
    expect(invocation?.toolExecutionNotifications).toEqual([
      {
        level: 'warning',
        message: { text: 'Skipped 1 document without kind' },
        locations: [
          { physicalLocation: { artifactLocation: { uri: 'k8s/app.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 4, startColumn: 1, endLine: 4, endColumn: 5 } } },
        ],
      },
      { level: 'note', message: { text: 'Helm chart rendered with default values' } },
    ]);
  });

  it('describes every active rule once, with metadata from the rule, and leaves out rules that are off', () => {
    const off = makeRule({ id: 'b-off-rule' });
    const warned = makeRule({ id: 'a-warned-rule', checklist: 'IAM-2', tags: ['rbac', 'security', 'IAM-2'] });
    const report = makeReport({
      rules: [
        { rule: servicePublicLoadBalancer, level: 'error' },
        { rule: off, level: 'off' },
        { rule: warned, level: 'warning' },
      ],
    });
    const run = runOf(toSarif(report));
    expect(rulesOf(run).map((r) => r.id)).toEqual(['a-warned-rule', 'service-public-load-balancer']);
    const lb = ruleNamed(run, 'service-public-load-balancer');
    expect(lb.name).toBe('ServicePublicLoadBalancer');
    expect(lb.shortDescription?.text).toBe(servicePublicLoadBalancer.title);
    expect(lb.fullDescription?.text).toContain('On AKS a Service of type: LoadBalancer');
    expect(lb.help?.markdown).toContain(servicePublicLoadBalancer.remediation);
    expect(lb.help?.markdown).toContain('<https://learn.microsoft.com/azure/aks/internal-lb>');
    expect(lb.help?.text).toContain('Remediation: Annotate the Service');
    expect(lb.help?.text).toContain('Checklist item: SEC-1 No public endpoints; private API server');
    expect(lb.helpUri).toBe('https://learn.microsoft.com/azure/aks/internal-lb');
    expect(lb.defaultConfiguration?.level).toBe('error');
    expect(ruleNamed(run, 'a-warned-rule').defaultConfiguration?.level).toBe('warning');
    // Checklist id first, "security" once, the rule's own tags after.
    expect(ruleNamed(run, 'a-warned-rule').properties?.tags).toEqual(['IAM-2', 'security', 'rbac']);
    expect(lb.properties).toMatchObject({ tags: ['SEC-1', 'security'], precision: 'high' });
  });

  it('writes security-severity as a one-decimal string, from the severity unless the rule sets it', () => {
    const report = makeReport({
      rules: [
        { rule: makeRule({ id: 'r-error', severity: 'error' }), level: 'error' },
        { rule: makeRule({ id: 'r-warning', severity: 'warning' }), level: 'warning' },
        { rule: makeRule({ id: 'r-note', severity: 'note' }), level: 'error' },
        { rule: makeRule({ id: 'r-explicit', securitySeverity: 9.1 }), level: 'error' },
        { rule: makeRule({ id: 'r-ten', securitySeverity: 10 }), level: 'error' },
      ],
    });
    const run = runOf(toSarif(report));
    const severities = Object.fromEntries(rulesOf(run).map((r) => [r.id, r.properties?.['security-severity'] as unknown]));
    expect(severities).toEqual({ 'r-error': '8.0', 'r-warning': '5.0', 'r-note': '2.0', 'r-explicit': '9.1', 'r-ten': '10.0' });
  });

  it('caps tags at what GitHub shows', () => {
    const many = Array.from({ length: 15 }, (_, i) => `tag-${i}`);
    const run = runOf(toSarif(makeReport({ rules: [{ rule: makeRule({ tags: many }), level: 'error' }] })));
    const tags = ruleNamed(run, 'test-rule').properties?.tags ?? [];
    expect(tags).toHaveLength(MAX_TAGS_PER_RULE);
    expect(tags.slice(0, 2)).toEqual(['SEC-1', 'security']);
    expect(MAX_TAGS_PER_RULE).toBeLessThanOrEqual(GITHUB_SARIF_LIMITS.tagsPerRule);
  });

  it('points every ruleIndex at the descriptor of its ruleId', () => {
    const findings = ['c-rule', 'a-rule', 'b-rule', 'a-rule', 'c-rule'].map((ruleId, i) => makeFinding({ ruleId, line: i + 1 }));
    const run = runOf(toSarif(makeReport({ findings: [...findings, makeInputProblem('bad.yaml')] })));
    const rules = rulesOf(run);
    expect(run.results).toHaveLength(6);
    for (const result of run.results ?? []) {
      expect(result.ruleIndex).toBeTypeOf('number');
      expect(rules[result.ruleIndex ?? -1]?.id).toBe(result.ruleId);
    }
  });

  it('adds the invalid-input descriptor only when a finding uses it, without security tags', () => {
    expect(rulesOf(runOf(toSarif(makeReport({ findings: [makeFinding()] })))).map((r) => r.id)).toEqual(['test-rule']);
    const log = toSarif(makeReport({ findings: [makeFinding(), makeInputProblem('broken.yaml', 4)] }));
    expectValidSarif(log);
    const run = runOf(log);
    const descriptor = ruleNamed(run, 'invalid-input');
    expect(descriptor).toMatchObject({ name: 'InvalidInput', defaultConfiguration: { level: 'error' } });
    expect(descriptor.properties?.tags).not.toContain('security');
    expect(descriptor.properties?.['security-severity']).toBeUndefined();
    const result = run.results?.find((r) => r.ruleId === 'invalid-input');
    expect(result?.properties).toBeUndefined();
    expect(result?.locations?.[0]?.logicalLocations).toBeUndefined();
  });

  it('writes location, logical location, fingerprint and properties of a result', () => {
    const finding = makeFinding({ file: 'k8s/web.yaml', region: { startLine: 7, startColumn: 3, endLine: 7, endColumn: 21 }, approximate: true });
    const cluster = makeFinding({ file: 'k8s/rbac.yaml', line: 2, object: { kind: 'ClusterRole', name: 'admin', namespace: undefined }, checklist: 'IAM-2' });
    const results = runOf(toSarif(makeReport({ findings: [finding, cluster] }))).results ?? [];
    expect(results[1]).toEqual({
      ruleId: 'test-rule',
      ruleIndex: 0,
      level: 'error',
      message: { text: 'Service api is wrong.' },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: 'k8s/web.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 7, startColumn: 3, endLine: 7, endColumn: 21 } },
          logicalLocations: [{ name: 'api', fullyQualifiedName: 'shop/Service/api', kind: 'resource' }],
        },
      ],
      partialFingerprints: { 'aksGate/v1': finding.fingerprint },
      properties: { checklist: 'SEC-1', approximateLocation: true },
    });
    expect(results[0]?.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName).toBe('ClusterRole/admin');
    expect(results[0]?.properties).toEqual({ checklist: 'IAM-2' });
  });

  it('keeps fingerprints when lines move, and moves the regions', () => {
    const before = runOf(toSarif(makeReport({ findings: engineFindings(SERVICE) }))).results ?? [];
    const after = runOf(toSarif(makeReport({ findings: engineFindings(`# a comment\n# another\n${SERVICE}`) }))).results ?? [];
    expect(before).toHaveLength(1);
    expect(after.map((r) => r.partialFingerprints)).toEqual(before.map((r) => r.partialFingerprints));
    const line = (r: sarif.Result | undefined): number | undefined => r?.locations?.[0]?.physicalLocation?.region?.startLine;
    expect(line(before[0])).toBe(7);
    expect(line(after[0])).toBe(9);
  });

  it('sorts results by file, line, column and rule, whatever the input order', () => {
    const findings = [
      makeFinding({ ruleId: 'b', file: 'b.yaml', line: 1 }),
      makeFinding({ ruleId: 'b', file: 'a.yaml', line: 10 }),
      makeFinding({ ruleId: 'b', file: 'a.yaml', line: 2, column: 5 }),
      makeFinding({ ruleId: 'a', file: 'a.yaml', line: 2, column: 5, pointer: '/x' }),
      makeFinding({ ruleId: 'a', file: 'a.yaml', line: 2, column: 1, pointer: '/y' }),
    ];
    const key = (r: sarif.Result): string => {
      const loc = r.locations?.[0]?.physicalLocation;
      return `${loc?.artifactLocation?.uri}:${loc?.region?.startLine}:${loc?.region?.startColumn}:${r.ruleId}`;
    };
    const forward = runOf(toSarif(makeReport({ findings }))).results ?? [];
    expect(forward.map(key)).toEqual(['a.yaml:2:1:a', 'a.yaml:2:5:a', 'a.yaml:2:5:b', 'a.yaml:10:1:b', 'b.yaml:1:1:b']);
    expect(JSON.stringify(toSarif(makeReport({ findings: [...findings].reverse() })))).toBe(JSON.stringify(toSarif(makeReport({ findings }))));
  });

  it('keeps the most severe results at the GitHub limit and says how many were left out', () => {
    const limit = GITHUB_SARIF_LIMITS.resultsPerRun;
    const notes = Array.from({ length: limit }, (_, i) => makeFinding({ level: 'note', file: `notes/${String(i).padStart(5, '0')}.yaml`, ruleId: 'r-note' }));
    const warnings = Array.from({ length: 40 }, (_, i) => makeFinding({ level: 'warning', file: `z/w${i}.yaml`, ruleId: 'r-warning' }));
    const errors = Array.from({ length: 25 }, (_, i) => makeFinding({ level: 'error', file: `z/e${i}.yaml`, ruleId: 'r-error' }));
    const log = toSarif(makeReport({ findings: [...notes, ...warnings, ...errors] }));
    expectValidSarif(log);
    const run = runOf(log);
    const results = run.results ?? [];
    expect(results).toHaveLength(limit);
    expect(results.filter((r) => r.level === 'error')).toHaveLength(25);
    expect(results.filter((r) => r.level === 'warning')).toHaveLength(40);
    expect(results.filter((r) => r.level === 'note')).toHaveLength(limit - 65);
    // The notes that stay are the first by location: the cut is deterministic.
    expect(results[0]?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe('notes/00000.yaml');
    const notice = run.invocations?.[0]?.toolExecutionNotifications?.at(-1);
    expect(notice?.level).toBe('warning');
    expect(notice?.message.text).toContain('65 findings of 5,065 left out');
    expect(run.properties).toEqual({ resultsLeftOut: 65 });
  });

  it('ranks findings of the same level by security-severity when it has to cut', () => {
    const rules = [
      { rule: makeRule({ id: 'r-low', securitySeverity: 7.0 }), level: 'error' as const },
      { rule: makeRule({ id: 'r-high', securitySeverity: 9.5 }), level: 'error' as const },
    ];
    const findings = [makeFinding({ ruleId: 'r-low', file: 'a.yaml' }), makeFinding({ ruleId: 'r-high', file: 'b.yaml' })];
    const results = runOf(toSarif(makeReport({ findings, rules }), { maxResults: 1 })).results ?? [];
    expect(results.map((r) => r.ruleId)).toEqual(['r-high']);
  });

  it('writes repo-relative, percent-encoded URI references, never absolute ones', () => {
    const files = ['my manifests/ä #1.yaml', '/abs/path/x.yaml', 'C:\\work\\repo\\y.yaml', './k8s//z%20.yaml', 'weird/[a]?b.yaml'];
    const log = toSarif(makeReport({ findings: files.map((file) => makeFinding({ file })) }));
    expectValidSarif(log);
    const uris = (runOf(log).results ?? []).map((r) => r.locations?.[0]?.physicalLocation?.artifactLocation);
    expect(uris.map((u) => u?.uri).sort()).toEqual(
      ['C%3A/work/repo/y.yaml', 'abs/path/x.yaml', 'k8s/z%2520.yaml', 'my%20manifests/%C3%A4%20%231.yaml', 'weird/%5Ba%5D%3Fb.yaml'].sort(),
    );
    for (const location of uris) {
      expect(location?.uriBaseId).toBe('%SRCROOT%');
      // Resolved against the repository root, every URI stays inside it.
      expect(new URL(location?.uri ?? '', 'file:///repo/').href.startsWith('file:///repo/')).toBe(true);
    }
    expect(decodeURIComponent(toUriReference('my manifests/ä #1.yaml'))).toBe('my manifests/ä #1.yaml');
  });

  it('names rules in PascalCase', () => {
    expect(pascalCase('service-public-load-balancer')).toBe('ServicePublicLoadBalancer');
    expect(pascalCase('api-server-private')).toBe('ApiServerPrivate');
  });

  it('omits semanticVersion for a version that is not semver', () => {
    const log = toSarif(makeReport({ version: 'dev-abc123' }));
    expectValidSarif(log);
    const driver = runOf(log).tool.driver;
    expect(driver.version).toBe('dev-abc123');
    expect(driver.semanticVersion).toBeUndefined();
  });
});

describe('expectValidSarif', () => {
  it('rejects what GitHub would reject: a bad version, a path with a space, a bad timestamp', () => {
    const result = (uri: string): sarif.Result => ({ message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri } } }] });
    const log = (uri: string, start = '2025-01-02T03:04:05Z'): unknown => ({
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'x' } }, invocations: [{ executionSuccessful: true, startTimeUtc: start }], results: [result(uri)] }],
    });
    expect(sarifErrors(log('a%20b.yaml'))).toEqual([]);
    expect(sarifErrors(log('a b.yaml')).join()).toMatch(/uri-reference/);
    expect(sarifErrors(log('a.yaml', 'yesterday')).join()).toMatch(/date-time/);
    expect(sarifErrors({ version: '2.0.0', runs: [] })).not.toEqual([]);
  });
});

describe('toSarif: image scans', () => {
  const { report } = imageScenario();
  const log = toSarif(report);
  const run = runOf(log);

  it('is schema-valid and never carries a secret value', () => {
    expectValidSarif(log);
    expect(JSON.stringify(log)).not.toContain(FIXTURE_SECRET_VALUE);
  });

  it('has one rule per vulnerability id with title, help, link, tags and security-severity from CVSS', () => {
    const ids = rulesOf(run).map((r) => r.id);
    expect(ids.filter((id) => id === 'CVE-2019-1549')).toHaveLength(1);
    expect(ids).toEqual(expect.arrayContaining(['CVE-2022-22965', 'image-os-end-of-support', 'image-secret/aws-access-key-id', 'image-secret/mysecret']));
    const spring = ruleNamed(run, 'CVE-2022-22965');
    expect(spring).toMatchObject({
      shortDescription: { text: 'spring-framework: RCE via Data Binding on JDK 9+' },
      helpUri: 'https://avd.aquasec.com/nvd/cve-2022-22965',
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['SEC-4', 'security', 'vulnerability', 'trivy'], 'security-severity': '9.8' },
    });
    expect(spring.help?.markdown).toContain(`| ${SPRING} | org.springframework:spring-beans | 5.3.15 | 5.3.18 |`);
    expect(spring.help?.text).toContain('org.springframework:spring-beans 5.3.15 in');
    // Grype's "title" is a long description: the alert title is short, the description is kept in full.
    const busybox = ruleNamed(run, 'CVE-2021-42374');
    expect(busybox.shortDescription?.text).toBe('CVE-2021-42374 in busybox');
    expect(busybox.properties?.tags).toEqual(['SEC-4', 'security', 'vulnerability', 'grype']);
    expect(busybox.defaultConfiguration?.level).toBe('warning');
    expect(ruleNamed(run, 'image-secret/aws-access-key-id').properties).toMatchObject({ tags: ['SEC-6', 'security', 'secret', 'trivy'], 'security-severity': '9.5' });
    expect(ruleNamed(run, 'image-os-end-of-support').properties?.['security-severity']).toBe('8.0');
  });

  it('falls back to a score by severity when no CVSS is known', () => {
    const { report: r } = imageScenario();
    const images = (r.images ?? []).map((i) => ({ ...i, vulnerabilities: i.vulnerabilities.map(({ vulnerability: { cvss: _cvss, ...v }, level }) => ({ vulnerability: v, level })) }));
    const stripped = { ...r, images };
    const severities = Object.fromEntries(rulesOf(runOf(toSarif(stripped))).map((d) => [d.id, d.properties?.['security-severity'] as unknown]));
    expect(severities).toMatchObject({ 'CVE-2022-22965': '9.5', 'CVE-2022-28391': '8.0', 'CVE-2019-1549': '5.5', 'CVE-2024-58251': '2.0' });
  });

  it('places every result on an image line, with the object and the image as logical locations', () => {
    const results = (run.results ?? []).filter((r) => r.ruleId === 'CVE-2022-22965');
    expect(results.map((r) => `${r.locations?.[0]?.physicalLocation?.artifactLocation?.uri}:${r.locations?.[0]?.physicalLocation?.region?.startLine}`)).toEqual([
      'k8s/a.yaml:14',
      'k8s/b.yaml:14',
    ]);
    expect(results[0]?.locations?.[0]?.logicalLocations).toEqual([
      { name: 'api', fullyQualifiedName: 'shop/Deployment/api', kind: 'resource' },
      { name: SPRING, fullyQualifiedName: SPRING, kind: 'resource' },
    ]);
    expect(results[0]?.properties).toEqual({ checklist: 'SEC-4', image: SPRING });
    for (const result of run.results ?? []) expect(rulesOf(run)[result.ruleIndex ?? -1]?.id).toBe(result.ruleId);
  });

  it('records the scanners as tool extensions, with their versions and DB dates', () => {
    expect(run.tool.extensions).toEqual([
      {
        name: 'Trivy',
        version: '0.58.1',
        semanticVersion: '0.58.1',
        informationUri: 'https://github.com/aquasecurity/trivy',
        properties: { vulnerabilityDbUpdatedAt: '2025-01-01T06:00:00.000Z' },
      },
      { name: 'Grype', version: '0.86.1', semanticVersion: '0.86.1', informationUri: 'https://github.com/anchore/grype' },
    ]);
    expect(runOf(toSarif(makeReport())).tool.extensions).toBeUndefined();
  });

  it('gives an image with no manifest line the image itself as its artifact, as GitHub needs a physical location', () => {
    const direct = toSarif(imageScenario({ manifests: {}, listed: [{ reference: SPRING }] }).report);
    expectValidSarif(direct);
    const location = runOf(direct).results?.[0]?.locations?.[0];
    expect(location?.physicalLocation).toEqual({ artifactLocation: { uri: 'ghcr.io/aquasecurity/trivy-test-images%3Aspring4shell-jre11' }, region: { startLine: 1 } });
    expect(location?.logicalLocations).toEqual([{ name: SPRING, fullyQualifiedName: SPRING, kind: 'resource' }]);
  });

  it('keeps the most severe image findings (by CVSS within a level) when it must cut, and describes only what it kept', () => {
    const cut = runOf(toSarif(report, { maxResults: 5 }));
    expect((cut.results ?? []).map((r) => r.ruleId).sort()).toEqual(['CVE-2022-22965', 'CVE-2022-22965', 'image-os-end-of-support', 'image-secret/aws-access-key-id', 'image-secret/mysecret']);
    expect(rulesOf(cut).map((r) => r.id)).toEqual(['CVE-2022-22965', 'image-os-end-of-support', 'image-secret/aws-access-key-id', 'image-secret/mysecret']);
    expect(cut.properties).toEqual({ resultsLeftOut: report.findings.length - 5 });
  });
});
