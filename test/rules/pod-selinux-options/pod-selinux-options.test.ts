import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/pod-selinux-options.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.container-types.yaml': { expect: [] },
    'fail.custom.yaml': {
      expect: [
        { messageId: 'type', level: 'error', line: 17, message: 'The pod in DaemonSet logging/log-collector sets the SELinux type "spc_t"' },
        { messageId: 'user', level: 'error', line: 23, message: 'Container "collector" in DaemonSet logging/log-collector sets a custom SELinux user "system_u"' },
        { messageId: 'role', level: 'error', line: 24, message: '"system_r"' },
      ],
    },
    'fail.k8s-1-30.yaml': {
      settings: { kubernetesVersion: { major: 1, minor: 30 } },
      expect: [{ messageId: 'type', level: 'error', line: 20, message: 'Container "engine" in Pod kata-vm sets the SELinux type "container_engine_t"' }],
    },
    'none.service-only.yaml': { expect: [] },
  });
});
