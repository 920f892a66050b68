import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import rule from '../../../shared/rules/sec/secret-in-manifest.js';
import { runRule, testRule } from '../../helpers/rule-tester.js';

describe(rule.id, () => {
  testRule(rule, import.meta.dirname, {
    'fail.aks-store.yaml': {
      expect: [
        { messageId: 'committed', level: 'error', line: 6, message: 'Secret rabbitmq-secrets commits 2 values in data (RABBITMQ_DEFAULT_USER, RABBITMQ_DEFAULT_PASS);' },
        { messageId: 'committed', level: 'error', line: 16, message: 'Secret pets/order-service-secrets commits 2 values in data (ORDER_QUEUE_USERNAME, ORDER_QUEUE_PASSWORD)' },
      ],
    },
    'fail.string-data.yaml': {
      expect: [
        { messageId: 'committed', level: 'error', line: 12, message: 'Secret shop/orders-db commits 1 value in data (password)' },
        { messageId: 'committed', level: 'error', line: 7, message: 'commits 3 values in stringData (connection, port, enabled)' },
        { messageId: 'committed', level: 'error', line: 22, message: 'Secret many commits 12 values in stringData (k01, k02, k03, k04, k05, k06, k07, k08, k09, k10 and 2 more)' },
      ],
    },
    'pass.placeholders.yaml': { expect: [] },
    'none.no-secrets.yaml': { expect: [] },
  });

  it('never puts a secret value, encoded or decoded, into a message', () => {
    const values = ['dXNlcm5hbWU=', 'cGFzc3dvcmQ=', 'username', 'password', 'Kf8#mQ2@vL-orders', 'S2Y4I21RMkB2TC1vcmRlcnM=', '1433'];
    for (const file of ['fail.aks-store.yaml', 'fail.string-data.yaml']) {
      const { findings } = runRule(rule, readFileSync(join(import.meta.dirname, file), 'utf8'));
      expect(findings.length).toBeGreaterThan(0);
      for (const finding of findings) {
        // Key names may contain the word ("ORDER_QUEUE_PASSWORD"), so compare against the text with key names removed.
        const withoutKeys = finding.message.replace(/\(([^)]*)\)/, '()');
        for (const value of values) expect(withoutKeys).not.toContain(value);
      }
    }
  });
});
