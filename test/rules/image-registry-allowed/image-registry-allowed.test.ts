import { describe } from 'vitest';
import rule from '../../../shared/rules/sec/image-registry-allowed.js';
import { testRule } from '../../helpers/rule-tester.js';

const allowedRegistries = ['*.azurecr.io', 'mcr.microsoft.com'];

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.acr-and-mcr.yaml': { expect: [], settings: { allowedRegistries } },
    'pass.no-allow-list.yaml': { expect: [] },
    'fail.public-registries.yaml': {
      settings: { allowedRegistries },
      expect: [
        {
          messageId: 'notAllowed',
          level: 'error',
          line: 18,
          message:
            'Container "rabbitmq" in StatefulSet rabbitmq pulls image "rabbitmq:4.3.2-management-alpine" from docker.io (Docker Hub, implied when an image names no registry), which is not an allowed registry (*.azurecr.io, mcr.microsoft.com).',
        },
        { messageId: 'notAllowed', level: 'error', line: 35, message: 'Init container "wait-for-rabbitmq" in Deployment order-service pulls image "docker.io/library/busybox:1.37.0" from docker.io,' },
        { messageId: 'notAllowed', level: 'error', line: 38, message: 'from ghcr.io,' },
        { messageId: 'notAllowed', level: 'error', line: 40, message: 'from contoso-azurecr.io,' },
        { messageId: 'notAllowed', level: 'error', line: 42, message: 'from contoso.azurecr.io.evil.example,' },
        { messageId: 'notAllowed', level: 'error', line: 44, message: 'from contoso.azurecr.io:5000,' },
      ],
    },
    'none.no-workloads.yaml': { expect: [], settings: { allowedRegistries } },
  });
});
