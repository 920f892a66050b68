import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/image-digest.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.pinned.yaml': { expect: [] },
    'fail.tag-only.yaml': {
      // The digest-pinned init container passes; the invalid reference is image-reference-valid's to report.
      expect: [
        { messageId: 'notPinned', level: 'note', line: 23, message: 'Container "azure-vote-back" in Deployment azure-vote-back uses image "mcr.microsoft.com/oss/bitnami/redis:6.0.8"' },
        { messageId: 'notPinned', level: 'note', line: 28, message: '"oliver006/redis_exporter"' },
      ],
    },
    'none.services-only.yaml': { expect: [] },
  });
});
