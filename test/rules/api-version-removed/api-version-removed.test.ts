// fail.psp-policies.yaml and pass.vllm-hpa.yaml are copied unmodified from kubernetes/examples (Apache-2.0):
// _archived/podsecuritypolicy/rbac/policies.yaml @ 8b3fa9a6 and AI/vllm-deployment/hpa/horizontal-pod-autoscaler.yaml @ 289fdef1.

import { describe, expect, it } from 'vitest';
import {
  DEPRECATED_APIS,
  formatVersion,
  KUBERNETES_VERSIONS_NEWEST,
  type KubernetesVersion,
} from '../../../shared/rules/data/kubernetes-apis.js';
import rule from '../../../shared/rules/sec/api-version-removed.js';
import { runRule, testRule } from '../../helpers/rule-tester.js';

const configured = (minor: number) => ({ kubernetesVersion: { major: 1, minor }, kubernetesVersionSource: 'configured' as const });

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'fail.psp-policies.yaml': {
      expect: [
        { messageId: 'removed', level: 'error', line: 1, message: 'PodSecurityPolicy privileged uses policy/v1beta1 PodSecurityPolicy' },
        { messageId: 'removed', level: 'error', line: 26, message: 'Pod Security Admission' },
      ],
    },
    'fail.upgrade-to-1-25.yaml': {
      settings: configured(25),
      expect: [
        { messageId: 'removed', level: 'error', line: 3, message: 'stopped serving in 1.25 (target Kubernetes 1.25); migrate to batch/v1 CronJob' },
        { messageId: 'deprecated', level: 'warning', line: 19, message: 'deprecated since Kubernetes 1.23, no longer served from 1.26' },
      ],
    },
    'fail.list-ingress.yaml': {
      settings: configured(30),
      expect: [{ messageId: 'removed', level: 'error', line: 22, message: 'Ingress shop/store-admin uses extensions/v1beta1 Ingress' }],
    },
    'fail.endpoints.yaml': {
      expect: [{ messageId: 'deprecated', level: 'warning', line: 11, message: 'migrate to discovery.k8s.io/v1 EndpointSlice' }],
    },
    'pass.before-deprecation.yaml': { settings: configured(20), expect: [] },
    'pass.vllm-hpa.yaml': { expect: [] },
    'none.helm-values.yaml': { expect: [] },
  });

  it('says when the target was assumed, and how to set it', () => {
    const text = 'apiVersion: autoscaling/v2beta1\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: api\n';
    const assumed = runRule(rule, text).findings[0]?.message ?? '';
    expect(assumed).toContain(`newest known, ${formatVersion(KUBERNETES_VERSIONS_NEWEST)}, was assumed`);
    expect(assumed).toContain('--kubernetes-version');
    const given = runRule(rule, text, configured(30)).findings[0]?.message ?? '';
    expect(given).toContain('target Kubernetes 1.30');
    expect(given).not.toContain('--kubernetes-version');
  });

  // Every row of the table, at the version boundaries: one below deprecation, at deprecation, one below removal, at removal.
  describe.each(DEPRECATED_APIS.map((api) => [`${api.apiVersion} ${api.kind}`, api] as const))('%s', (_name, api) => {
    const levelAt = (version: KubernetesVersion): string | undefined => {
      const text = `apiVersion: ${api.apiVersion}\nkind: ${api.kind}\nmetadata:\n  name: x\n`;
      const { findings } = runRule(rule, text, { kubernetesVersion: version, kubernetesVersionSource: 'configured' });
      expect(findings.length).toBeLessThanOrEqual(1);
      return findings[0] && `${findings[0].messageId}/${findings[0].level}/${findings[0].region.startLine}`;
    };
    const below = (version: KubernetesVersion): KubernetesVersion => ({ major: version.major, minor: version.minor - 1 });
    const { removedIn } = api;

    it('is quiet before it was deprecated', () => expect(levelAt(below(api.deprecatedIn))).toBeUndefined());
    it('warns from the release that deprecated it', () => expect(levelAt(api.deprecatedIn)).toBe('deprecated/warning/1'));
    if (removedIn !== undefined) {
      it('warns one release before removal', () => expect(levelAt(below(removedIn))).toBe('deprecated/warning/1'));
      it('fails from the release that removed it', () => expect(levelAt(removedIn)).toBe('removed/error/1'));
    } else {
      it('only warns on the newest release', () => expect(levelAt(KUBERNETES_VERSIONS_NEWEST)).toBe('deprecated/warning/1'));
    }
  });
});
