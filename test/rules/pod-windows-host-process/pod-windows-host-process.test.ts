import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/pod-windows-host-process.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.windows.yaml': { expect: [] },
    'fail.host-process.yaml': {
      expect: [
        { messageId: 'hostProcess', level: 'error', line: 10, message: 'The pod in Pod kube-tools/windows-node-agent runs as a Windows HostProcess container' },
        { messageId: 'hostProcess', level: 'error', line: 39, message: 'Container "csi-proxy" in DaemonSet kube-system/csi-proxy' },
      ],
    },
    'none.service-only.yaml': { expect: [] },
  });
});
