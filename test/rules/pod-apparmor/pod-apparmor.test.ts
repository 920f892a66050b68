import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/pod-apparmor.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.confined.yaml': { expect: [] },
    'fail.field.yaml': {
      expect: [
        { messageId: 'unconfined', level: 'error', line: 17, message: 'The pod in Deployment ci/buildkit runs without AppArmor' },
        { messageId: 'unconfined', level: 'error', line: 23, message: 'Container "buildkitd" in Deployment ci/buildkit' },
      ],
    },
    'fail.annotation.yaml': {
      expect: [{ messageId: 'annotation', level: 'error', line: 16, message: 'for container "buildkitd" to "unconfined"' }],
    },
    'none.service-only.yaml': { expect: [] },
  });
});
