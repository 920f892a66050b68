import { describe } from 'vitest';
import rule from '../../../shared/rules/ha/container-resource-requests.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.requests.yaml': { expect: [] },
    'pass.limit-range.yaml': { expect: [] },
    'fail.autoscaled.yaml': {
      expect: [
        { messageId: 'missing', level: 'warning', line: 16, message: 'Container "wait-for-api" in Deployment store-front requests no cpu or memory.' },
        { messageId: 'missingAutoscaled', level: 'error', line: 23, message: 'requests no cpu, so HorizontalPodAutoscaler store-front cannot' },
      ],
    },
    'fail.azure-vote.yaml': {
      expect: [
        { messageId: 'missing', level: 'warning', line: 18, message: 'Container "azure-vote-back" in Deployment azure-vote-back requests no cpu or memory.' },
        { messageId: 'missing', level: 'warning', line: 64, message: 'Container "azure-vote-front" in Deployment azure-vote-front requests no memory.' },
      ],
    },
    'none.services.yaml': { expect: [] },
  });
});
