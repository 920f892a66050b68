import { describe } from 'vitest';
import rule from '../../../shared/rules/ha/hpa-target-exists.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.vllm.yaml': { expect: [] },
    'pass.keda-lowercase-kind.yaml': { expect: [] },
    'fail.vllm-hpa-alone.yaml': {
      expect: [{ messageId: 'missingTarget', level: 'warning', line: 15, message: 'Deployment default/vllm-gemma-deployment' }],
    },
    'fail.keda-and-broken-ref.yaml': {
      expect: [
        { messageId: 'missingTarget', level: 'warning', line: 28, message: 'ScaledObject events/consumer scales Deployment events/consumer' },
        { messageId: 'noTarget', level: 'warning', line: 40, message: 'HorizontalPodAutoscaler events/consumer-hpa' },
      ],
    },
    'none.deployment-only.yaml': { expect: [] },
  });
});
