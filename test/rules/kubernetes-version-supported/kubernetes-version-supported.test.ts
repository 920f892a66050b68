import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AKS_VERSIONS, AKS_VERSIONS_AS_OF, dataAgeDays, isDataStale, setClockForTests, supportStatus } from '../../../shared/rules/data/aks-versions.js';
import rule from '../../../shared/rules/sec/kubernetes-version-supported.js';
import { cluster, field, infrastructure, nodePool, unknownField } from '../../helpers/cluster-factory.js';
import { runClusterRule, testClusterRule } from '../../helpers/cluster-rule-tester.js';

/** The day the table was compiled: 1.31 and 1.33 are LTS-only, 1.34 ends in 4 days, 1.35 to 1.37 are supported. */
const SCAN_DAY = new Date('2026-11-27T00:00:00Z');

function run(...clusters: ReturnType<typeof cluster>[]) {
  const { findings, item } = runClusterRule(rule, infrastructure({ clusters }));
  return { item, found: findings.map((f) => ({ messageId: f.messageId, level: f.level, line: f.region.startLine, message: f.message })) };
}

const at = (f: { at: { region: { startLine: number } } }): number => f.at.region.startLine;

describe('AKS version calendar', () => {
  it('lists each minor once, oldest first, with well-formed dates', () => {
    const minors = AKS_VERSIONS.map((e) => e.version.minor);
    expect(minors).toEqual([...minors].sort((a, b) => a - b));
    expect(new Set(minors).size).toBe(minors.length);
    for (const e of AKS_VERSIONS) {
      expect(e.ga).toMatch(/^\d{4}-\d{2}$/);
      expect(Number.isNaN(Date.parse(`${e.endOfSupport}T00:00:00Z`))).toBe(false);
      if (e.ltsEndOfSupport !== undefined) expect(e.ltsEndOfSupport > e.endOfSupport).toBe(true);
    }
    expect(AKS_VERSIONS_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it.each([
    ['1.35', 'supported'],
    ['v1.36.1', 'supported'],
    ['1.34.3', 'ending-soon'],
    ['1.33', 'lts-only'],
    ['1.31.8', 'lts-only'],
    ['1.30', 'out-of-support'],
    ['1.24.9', 'out-of-support'],
    ['1.38', 'newer-than-data'],
    ['latest', 'invalid'],
    ['1.x', 'invalid'],
  ])('puts %s at %s on the scan day', (version, status) => {
    expect(supportStatus(version, SCAN_DAY).status).toBe(status);
  });

  it('keeps a version supported through its last day and counts the days left', () => {
    expect(supportStatus('1.34', new Date('2026-11-30T23:59:59Z'))).toEqual({ status: 'ending-soon', version: '1.34', endOfSupport: '2026-11-30', daysLeft: 1 });
    expect(supportStatus('1.34', new Date('2026-12-01T00:00:00Z')).status).toBe('lts-only');
    expect(supportStatus('1.34', new Date('2026-10-31T00:00:00Z')).status).toBe('supported');
    expect(supportStatus('1.34', new Date('2026-11-01T00:00:00Z'))).toMatchObject({ status: 'ending-soon', daysLeft: 30 });
  });

  it('says how old the table is and when it is stale', () => {
    expect(dataAgeDays(new Date(`${AKS_VERSIONS_AS_OF}T12:00:00Z`))).toBe(0);
    const day = Date.parse(`${AKS_VERSIONS_AS_OF}T00:00:00Z`);
    expect(isDataStale(new Date(day + 120 * 86_400_000))).toBe(false);
    expect(isDataStale(new Date(day + 121 * 86_400_000))).toBe(true);
  });
});

describe(rule.id, () => {
  beforeAll(() => setClockForTests(() => SCAN_DAY));
  afterAll(() => setClockForTests(undefined));

  it('passes a cluster and pools inside the support window', () => {
    const { found, item } = run(
      cluster({ kubernetesVersion: field('1.35.2'), nodePools: [nodePool({ orchestratorVersion: field('1.35.2') }), nodePool({ id: 'pool/user', displayName: 'user' })] }),
    );
    expect(found).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('reports an out-of-support control plane as an error on kubernetesVersion', () => {
    const version = field('1.30.9');
    const { found, item } = run(cluster({ kubernetesVersion: version }));
    expect(found).toEqual([
      { messageId: 'outOfSupport', level: 'error', line: at(version), message: 'Kubernetes 1.30 on cluster "aks1" is out of AKS support since 2025-08-22: it gets no security patches; upgrade to a supported version.' },
    ]);
    expect(item?.status).toBe('violated');
  });

  it('reports a version older than the table as out of support since before its oldest end', () => {
    const { found } = run(cluster({ kubernetesVersion: field('1.26.6') }));
    expect(found[0]?.message).toContain('out of AKS support since before 2024-07-31');
  });

  it('warns within 30 days of the end of support', () => {
    const version = field('1.34.3');
    expect(run(cluster({ kubernetesVersion: version })).found).toEqual([
      { messageId: 'endingSoon', level: 'warning', line: at(version), message: 'Kubernetes 1.34 on cluster "aks1" leaves AKS support on 2026-11-30, 4 days after the scan; plan the upgrade now.' },
    ]);
  });

  it('checks each node pool on its own orchestratorVersion and names it', () => {
    const old = field('1.29.7');
    const { found } = run(
      cluster({ kubernetesVersion: field('1.35.1'), nodePools: [nodePool({ orchestratorVersion: field('1.35.1') }), nodePool({ id: 'pool/batch', displayName: 'batch', name: field('batch'), orchestratorVersion: old })] }),
    );
    expect(found).toEqual([{ messageId: 'outOfSupport', level: 'error', line: at(old), message: expect.stringContaining('Kubernetes 1.29 on node pool "batch" of cluster "aks1"') as string }]);
  });

  it('lets a pool without orchestratorVersion follow the control plane', () => {
    const version = field('1.28.5');
    const { found } = run(cluster({ kubernetesVersion: version, nodePools: [nodePool(), nodePool({ id: 'pool/user', displayName: 'user' })] }));
    expect(found.map((f) => [f.messageId, f.line])).toEqual([['outOfSupport', at(version)]]);
  });

  it('reports an LTS-only version as an error when the tier rules out LTS, absent tier meaning Free', () => {
    expect(run(cluster({ kubernetesVersion: field('1.33.4') })).found.map((f) => [f.messageId, f.level])).toEqual([['outOfSupport', 'error']]);
    expect(run(cluster({ kubernetesVersion: field('1.33.4'), skuTier: field('Standard') })).found.map((f) => [f.messageId, f.level])).toEqual([['outOfSupport', 'error']]);
  });

  it('warns about an LTS-only version on a Premium cluster, which may be on the LTS plan', () => {
    const version = field('1.33.4');
    expect(run(cluster({ kubernetesVersion: version, skuTier: field('Premium') })).found).toEqual([
      {
        messageId: 'ltsOnly',
        level: 'warning',
        line: at(version),
        message: expect.stringContaining('left AKS community support on 2026-07-31; only the paid Long-Term Support plan') as string,
      },
    ]);
    expect(run(cluster({ kubernetesVersion: field('1.33'), skuTier: unknownField('var.tier') })).found.map((f) => f.messageId)).toEqual(['ltsOnly']);
  });

  it('notes an absent kubernetesVersion on the resource: AKS picks its default', () => {
    const c = cluster();
    const { found, item } = run(c);
    expect(found).toEqual([{ messageId: 'defaultVersion', level: 'note', line: at(c), message: expect.stringContaining('"aks1" sets no kubernetesVersion') as string }]);
    expect(item?.status).toBe('satisfied');
  });

  it('is not evaluated when kubernetesVersion cannot be resolved', () => {
    const { found, item } = run(cluster({ kubernetesVersion: unknownField('the expression "[reference(\'versions\').outputs.k8s.value]"') }));
    expect(found).toEqual([]);
    expect(item?.status).toBe('not-evaluated');
    expect(item?.notEvaluated).toContainEqual({ evidence: 'cluster', reason: 'aks1: kubernetesVersion is the expression "[reference(\'versions\').outputs.k8s.value]"' });
  });

  it('is not evaluated when a version is not a Kubernetes version', () => {
    const { found, item } = run(cluster({ kubernetesVersion: field('latest') }));
    expect(found).toEqual([]);
    expect(item?.notEvaluated.map((n) => n.reason)).toContain('aks1: kubernetesVersion "latest" is not a Kubernetes version');
  });

  it('is not evaluated on an unresolved pool version, yet still reports what it could decide', () => {
    const pool = nodePool({ id: 'pool/user', displayName: 'user', orchestratorVersion: unknownField('var.pool_version (no default)') });
    expect(run(cluster({ kubernetesVersion: field('1.35'), nodePools: [pool] })).item?.notEvaluated.map((n) => n.reason)).toContain(
      'aks1: node pool "user" orchestratorVersion is var.pool_version (no default)',
    );
    const bad = run(cluster({ kubernetesVersion: field('1.27'), nodePools: [pool] }));
    expect(bad.found.map((f) => f.messageId)).toEqual(['outOfSupport']);
    expect(bad.item?.status).toBe('violated');
  });

  it('judges several clusters one by one', () => {
    const old = field('1.32.0');
    const { found } = run(cluster({ kubernetesVersion: field('1.36.0') }), cluster({ id: 'c2', displayName: 'aks-legacy', kubernetesVersion: old }));
    expect(found.map((f) => [f.messageId, f.line])).toEqual([['outOfSupport', at(old)]]);
    expect(found[0]?.message).toContain('cluster "aks-legacy"');
  });

  it('passes a version newer than the table', () => {
    expect(run(cluster({ kubernetesVersion: field('1.38.0') })).found).toEqual([]);
  });

  describe('with a stale table', () => {
    beforeAll(() => setClockForTests(() => new Date('2027-04-30T00:00:00Z')));
    afterAll(() => setClockForTests(() => SCAN_DAY));

    it('reports staleData once per cluster, on the version field, besides the version findings', () => {
      const version = field('1.36.2');
      const { found, item } = run(cluster({ kubernetesVersion: version, nodePools: [nodePool({ orchestratorVersion: field('1.36.2') }), nodePool({ id: 'p2', orchestratorVersion: field('1.36.2') })] }));
      expect(found).toEqual([
        { messageId: 'staleData', level: 'warning', line: at(version), message: expect.stringContaining(`is 154 days old (as of ${AKS_VERSIONS_AS_OF})`) as string },
      ]);
      expect(item?.status).toBe('violated');
    });

    it('places staleData on the resource when only pools carry versions, and skips it when nothing was looked up', () => {
      const c = cluster({ nodePools: [nodePool({ orchestratorVersion: field('1.36') })] });
      expect(run(c).found.map((f) => [f.messageId, f.line])).toEqual([
        ['defaultVersion', at(c)],
        ['staleData', at(c)],
      ]);
      expect(run(cluster({ kubernetesVersion: unknownField('var.version') })).found).toEqual([]);
    });
  });
});

describe(`${rule.id} (fixtures)`, () => {
  beforeAll(() => setClockForTests(() => SCAN_DAY));
  afterAll(() => setClockForTests(undefined));

  testClusterRule(rule, import.meta.dirname, {
    'pass.supported.json': { expect: [] },
    'pass.supported.plan.json': { expect: [] },
    'pass.default-version.tf': { expect: [{ messageId: 'defaultVersion', level: 'note', line: 1 }] },
    'fail.out-of-support.json': {
      expect: [
        { messageId: 'outOfSupport', level: 'error', line: 15, message: 'Kubernetes 1.30 on cluster "aks-shop"' },
        { messageId: 'endingSoon', level: 'warning', line: 23, message: 'node pool "system" of cluster "aks-shop"' },
        { messageId: 'outOfSupport', level: 'error', line: 40, message: 'Kubernetes 1.29 on node pool' },
      ],
    },
    'fail.lts-premium.tf': {
      expect: [
        { messageId: 'ltsOnly', level: 'warning', line: 8, message: 'until 2027-07-31' },
        { messageId: 'outOfSupport', level: 'error', line: 26, message: 'since before 2024-07-31' },
      ],
    },
    'fail.lts-standard.plan.json': {
      expect: [
        { messageId: 'outOfSupport', level: 'error', line: 19 },
        { messageId: 'outOfSupport', level: 'error', line: 26 },
      ],
    },
    'unknown.version-reference.json': { expect: [] },
  });
});
