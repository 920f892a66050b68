import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  DEPRECATED_APIS,
  describeReplacement,
  findDeprecatedApi,
  formatVersion,
  KUBERNETES_APIS_AS_OF,
  KUBERNETES_VERSIONS_NEWEST,
  parseKubernetesVersion,
} from '../../../shared/rules/data/kubernetes-apis.js';

describe('parseKubernetesVersion', () => {
  it.each([
    ['1.29', { major: 1, minor: 29 }],
    ['v1.29', { major: 1, minor: 29 }],
    ['1.29.4', { major: 1, minor: 29 }],
    [' v1.16.0 ', { major: 1, minor: 16 }],
    ['1.100', { major: 1, minor: 100 }],
  ])('reads %j', (text, version) => expect(parseKubernetesVersion(text)).toEqual(version));

  it.each(['', 'latest', '1', 'v', '1.', '1.x', '1.29.4.1', '1.29-rc.1', 'V1.29', '0.29', '-1.29', '1,29', '1.2900000000000000001', 'v 1.29'])(
    'refuses %j',
    (text) => expect(parseKubernetesVersion(text)).toBeUndefined(),
  );
});

describe('compareVersions and formatVersion', () => {
  it('orders by major, then minor (numerically, not as text)', () => {
    expect(compareVersions({ major: 1, minor: 9 }, { major: 1, minor: 16 })).toBeLessThan(0);
    expect(compareVersions({ major: 1, minor: 29 }, { major: 1, minor: 29 })).toBe(0);
    expect(compareVersions({ major: 2, minor: 0 }, { major: 1, minor: 37 })).toBeGreaterThan(0);
  });

  it('formats as major.minor and round-trips through the parser', () => {
    expect(formatVersion({ major: 1, minor: 25 })).toBe('1.25');
    expect(parseKubernetesVersion(formatVersion(KUBERNETES_VERSIONS_NEWEST))).toEqual(KUBERNETES_VERSIONS_NEWEST);
  });
});

describe('the table of deprecated and removed APIs', () => {
  const has = (apiVersion: string, kind: string): boolean => findDeprecatedApi(apiVersion, kind) !== undefined;

  it('is dated and covers 1.16 up to the newest known release', () => {
    expect(KUBERNETES_APIS_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const removals = DEPRECATED_APIS.flatMap((api) => (api.removedIn ? [api.removedIn.minor] : []));
    expect(Math.min(...removals)).toBe(16);
    for (const api of DEPRECATED_APIS) {
      expect(compareVersions(api.deprecatedIn, KUBERNETES_VERSIONS_NEWEST)).toBeLessThanOrEqual(0);
      if (api.removedIn) expect(compareVersions(api.removedIn, KUBERNETES_VERSIONS_NEWEST)).toBeLessThanOrEqual(0);
    }
  });

  it('has one row per apiVersion and kind, deprecated before it was removed', () => {
    const keys = DEPRECATED_APIS.map((api) => `${api.apiVersion} ${api.kind}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const api of DEPRECATED_APIS) {
      expect(api.apiVersion).toMatch(/^([a-z0-9.-]+\/)?v\d+((alpha|beta)\d+)?$/);
      if (api.removedIn) expect(compareVersions(api.deprecatedIn, api.removedIn), `${api.apiVersion} ${api.kind}`).toBeLessThan(0);
    }
  });

  it('names the checklist examples and every step of the multi-step betas', () => {
    const expected: [string, string][] = [
      ['extensions/v1beta1', 'Ingress'],
      ['networking.k8s.io/v1beta1', 'Ingress'],
      ['policy/v1beta1', 'PodSecurityPolicy'],
      ['policy/v1beta1', 'PodDisruptionBudget'],
      ['autoscaling/v2beta1', 'HorizontalPodAutoscaler'],
      ['autoscaling/v2beta2', 'HorizontalPodAutoscaler'],
      ['batch/v1beta1', 'CronJob'],
      ...['v1beta1', 'v1beta2', 'v1beta3'].flatMap((version): [string, string][] =>
        ['FlowSchema', 'PriorityLevelConfiguration'].map((kind) => [`flowcontrol.apiserver.k8s.io/${version}`, kind]),
      ),
    ];
    for (const [apiVersion, kind] of expected) expect(has(apiVersion, kind), `${apiVersion} ${kind}`).toBe(true);
    expect(findDeprecatedApi('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema')?.removedIn).toEqual({ major: 1, minor: 32 });
    expect(findDeprecatedApi('autoscaling/v2beta2', 'HorizontalPodAutoscaler')?.removedIn).toEqual({ major: 1, minor: 26 });
  });

  it('only points at replacements that are still served', () => {
    for (const api of DEPRECATED_APIS) {
      if (api.replacement.type === 'none') continue;
      const next = findDeprecatedApi(api.replacement.apiVersion, api.replacement.kind);
      expect(next?.removedIn, `${api.apiVersion} ${api.kind} → ${api.replacement.apiVersion}`).toBeUndefined();
    }
  });

  it('matches current APIs to nothing and describes replacements as advice', () => {
    expect(has('apps/v1', 'Deployment')).toBe(false);
    expect(has('policy/v1', 'PodDisruptionBudget')).toBe(false);
    // Same apiVersion, other kind: only the kinds the release removed.
    expect(has('policy/v1beta1', 'Eviction')).toBe(false);
    const deployment = findDeprecatedApi('extensions/v1beta1', 'Deployment');
    expect(deployment && describeReplacement(deployment.replacement)).toBe('migrate to apps/v1 Deployment');
    const psp = findDeprecatedApi('policy/v1beta1', 'PodSecurityPolicy');
    expect(psp && describeReplacement(psp.replacement)).toContain('Pod Security Admission');
    const flow = findDeprecatedApi('flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema');
    expect(flow && describeReplacement(flow.replacement)).toContain('v1beta3 on clusters older than 1.29');
  });
});
