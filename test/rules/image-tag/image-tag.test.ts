import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/image-tag.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.versioned.yaml': { expect: [] },
    'pass.digest.yaml': { expect: [] },
    'fail.no-tag.yaml': {
      expect: [
        { messageId: 'noTag', level: 'error', line: 22, message: 'Container "newrelic" in DaemonSet newrelic-agent uses image "newrelic/nrsysmond"' },
        { messageId: 'noTag', level: 'error', line: 25, message: '"myacr.azurecr.io/tools/proxy"' },
      ],
    },
    'fail.latest.json': { expect: [{ messageId: 'latest', level: 'error', line: 12, message: 'Container "mongo" in Pod mongo uses image "mongo:latest"' }] },
    'fail.cronjob-latest.yaml': { expect: [{ messageId: 'latest', level: 'error', line: 16, message: 'Init container "fetch" in CronJob finance/nightly-report' }] },
    'fail.empty-tag.yaml': { expect: [{ messageId: 'emptyTag', level: 'error', line: 19, message: 'Container "api" in Deployment shop/api' }] },
    'none.no-workloads.yaml': { expect: [] },
  });
});
