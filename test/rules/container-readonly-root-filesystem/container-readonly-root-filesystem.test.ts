import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/container-readonly-root-filesystem.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.hardened.yaml': { expect: [] },
    'pass.windows.yaml': { expect: [] },
    'fail.azure-vote.yaml': { expect: [{ messageId: 'unset', level: 'warning', line: 19, message: 'Container "azure-vote-back"' }] },
    'fail.ingress-nginx.yaml': {
      expect: [{ messageId: 'writable', level: 'warning', line: 21, message: 'Deployment ingress-nginx/ingress-nginx-controller sets readOnlyRootFilesystem: false' }],
    },
    'fail.job-init.yaml': { expect: [{ messageId: 'writable', level: 'warning', line: 14, message: 'Init container "wait-for-db" in Job shop/db-seed' }] },
    'none.service-only.yaml': { expect: [] },
  });
});
