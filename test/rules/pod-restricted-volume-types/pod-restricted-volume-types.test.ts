import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/pod-restricted-volume-types.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.allowed.yaml': { expect: [] },
    'fail.azure-inline.yaml': {
      expect: [
        { messageId: 'restricted', level: 'warning', line: 21, message: 'Volume "uploads" of Deployment web/cms uses the azureFile volume type' },
        { messageId: 'restricted', level: 'warning', line: 26, message: 'azureDisk' },
        { messageId: 'restricted', level: 'warning', line: 31, message: 'nfs' },
        { messageId: 'restricted', level: 'warning', line: 35, message: 'gitRepo' },
      ],
    },
    'fail.meteor-mongo.json': {
      expect: [{ messageId: 'restricted', level: 'warning', line: 15, message: 'Volume "mongo-disk" of Pod mongo uses the gcePersistentDisk volume type' }],
    },
    'none.service-only.yaml': { expect: [] },
  });
});
