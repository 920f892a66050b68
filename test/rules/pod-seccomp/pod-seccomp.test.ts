import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/pod-seccomp.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.pod-runtime-default.yaml': { expect: [] },
    'pass.container-level.yaml': { expect: [] },
    'pass.windows.yaml': { expect: [] },
    'fail.unconfined.yaml': {
      expect: [
        { messageId: 'podUnconfined', level: 'error', line: 17, message: 'DaemonSet security/falco turns seccomp off' },
        { messageId: 'containerUnconfined', level: 'error', line: 43, message: 'Container "buildkitd" in Deployment ci/buildkit' },
      ],
    },
    'fail.azure-vote.yaml': { expect: [{ messageId: 'unset', level: 'warning', line: 15, message: 'Deployment azure-vote-back sets no seccomp profile' }] },
    'fail.partial.yaml': { expect: [{ messageId: 'containerUnset', level: 'warning', line: 11, message: 'Init container "wait-for-db" in Job shop/migrate' }] },
    'none.service-only.yaml': { expect: [] },
  });
});
