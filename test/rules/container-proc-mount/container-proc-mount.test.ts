import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/container-proc-mount.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.default.yaml': { expect: [] },
    'fail.unmasked.yaml': {
      expect: [{ messageId: 'userNamespace', level: 'warning', line: 13, message: 'Container "podman" in Pod ci/podman-build sets procMount: Unmasked' }],
    },
    'fail.k8s-1-30.yaml': {
      settings: { kubernetesVersion: { major: 1, minor: 30 } },
      expect: [{ messageId: 'unmasked', level: 'error', line: 13, message: 'sets procMount: Unmasked; only Default is allowed.' }],
    },
    'none.service-only.yaml': { expect: [] },
  });
});
