import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import rule from '../../../shared/rules/sec/credential-in-value.js';
import { runRule, testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'pass.aks-store.yaml': { expect: [] },
    'fail.env.yaml': {
      expect: [
        {
          messageId: 'env',
          level: 'error',
          line: 20,
          message: 'Init container "migrate" in Deployment shop/orders sets env var "ConnectionStrings__Orders" to a credential in plain text (a connection string with Password= or Pwd=).',
        },
        { messageId: 'env', level: 'error', line: 26, message: 'env var "STORAGE_CONNECTION_STRING" to a credential in plain text (an Azure Storage connection string with AccountKey=)' },
        { messageId: 'env', level: 'error', line: 28, message: 'env var "PAYMENT_API_KEY" to a credential in plain text (a random-looking value under a secret-like name)' },
        { messageId: 'env', level: 'error', line: 32, message: '(an AWS access key id)' },
        { messageId: 'env', level: 'error', line: 34, message: '(a URL with a password in it)' },
      ],
    },
    'fail.configmap.yaml': {
      expect: [
        {
          messageId: 'configMapSetting',
          level: 'error',
          line: 8,
          message: 'ConfigMap shop/orders-config holds a credential in plain text under key "appsettings.json", setting "ApiKey" (a random-looking value under a secret-like name).',
        },
        { messageId: 'configMapSetting', level: 'error', line: 15, message: 'key "application.properties", setting "spring.datasource.password"' },
        { messageId: 'configMap', level: 'error', line: 19, message: 'under key "deploy-key" (a PEM private key)' },
        { messageId: 'configMap', level: 'error', line: 23, message: 'under key "SERVICEBUS" (an Azure Service Bus, Event Hubs or IoT Hub connection string with SharedAccessKey=)' },
      ],
    },
    'none.no-subjects.yaml': { expect: [] },
  });

  it('never puts the credential into a message', () => {
    const secrets = [
      'Kf8#mQ2@vL-orders',
      'q9XwLm3Rt8Vb2Nc5Zs7Kd1Fg4Hj6Pq0Wy',
      'a3f9c2e87b1d4f60a9e2c7b5d8f1e403',
      'AKIAQWERTY2345ASDFGH',
      's3cr3tRedisPw',
      'Zk3p9QvX7mL2wR8tY4nB',
      'hJ8$kL2!pQ9z',
      'b3BlbnNzaC1rZXktdjEAAAAA',
    ];
    for (const file of ['fail.env.yaml', 'fail.configmap.yaml']) {
      const { findings } = runRule(rule, readFileSync(join(import.meta.dirname, file), 'utf8'));
      expect(findings.length).toBeGreaterThan(0);
      for (const finding of findings) for (const secret of secrets) expect(finding.message).not.toContain(secret);
    }
  });
});
