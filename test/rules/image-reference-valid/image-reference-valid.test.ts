import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/image-reference-valid.js';
import { testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.valid.yaml': { expect: [] },
    'fail.invalid.yaml': {
      expect: [
        { messageId: 'optionLike', level: 'error', line: 18, message: 'Init container "migrate" in Deployment shop/api has an image that starts with "-"' },
        { messageId: 'invalid', level: 'error', line: 21, message: '(value not shown): it holds an unrendered template or variable placeholder.' },
        { messageId: 'invalid', level: 'error', line: 23, message: 'unrendered template' },
        { messageId: 'invalid', level: 'error', line: 25, message: '("ContosoProd.azurecr.io/Shop/API:1.0"): the repository name has upper-case letters' },
        { messageId: 'invalid', level: 'error', line: 27, message: 'the registry host or port is not valid' },
        { messageId: 'invalid', level: 'error', line: 29, message: '(value not shown): it contains whitespace.' },
        { messageId: 'invalid', level: 'error', line: 31, message: 'the digest is not of the form algorithm:hex' },
        { messageId: 'invalid', level: 'error', line: 33, message: 'Container "empty" in Deployment shop/api has an image reference that cannot be pulled (value not shown): the image is empty.' },
      ],
    },
    'fail.yaml11-scalars.yaml': {
      expect: [
        { messageId: 'notString', level: 'error', line: 9, message: 'Container "number" in Pod scalars has an image that YAML reads as a number, not a string; quote it.' },
        { messageId: 'notString', level: 'error', line: 11, message: 'reads as a boolean' },
        { messageId: 'notString', level: 'error', line: 13, message: 'reads as a mapping' },
      ],
    },
    'none.no-workloads.yaml': { expect: [] },
  });
});
