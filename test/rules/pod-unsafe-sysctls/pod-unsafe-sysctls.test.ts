import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/pod-unsafe-sysctls.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.safe.yaml': { settings: { kubernetesVersion: { major: 1, minor: 37 } }, expect: [] },
    'fail.unsafe.yaml': {
      expect: [
        { messageId: 'unsafe', level: 'error', line: 20, message: 'Deployment edge/gateway sets the sysctl net.core.somaxconn' },
        { messageId: 'unsafe', level: 'error', line: 22, message: 'kernel.msgmax' },
      ],
    },
    'fail.k8s-1-28.yaml': {
      settings: { kubernetesVersion: { major: 1, minor: 28 } },
      expect: [
        { messageId: 'unsafe', level: 'error', line: 9, message: 'net.ipv4.tcp_keepalive_time, which is not in the safe set for Kubernetes 1.28' },
        { messageId: 'unsafe', level: 'error', line: 11, message: 'net.ipv4.tcp_rmem' },
      ],
    },
    'none.service-only.yaml': { expect: [] },
  });
});
