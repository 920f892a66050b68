import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import rule from '../../../shared/rules/sec/service-principal-secret-literal.js';
import { cluster, field, infrastructure, unknownField } from '../../helpers/cluster-factory.js';
import { runClusterRule, testClusterRule } from '../../helpers/cluster-rule-tester.js';

const FAKE_SECRET = 'example-not-a-real-secret';

function run(...clusters: ReturnType<typeof cluster>[]) {
  const { findings, item } = runClusterRule(rule, infrastructure({ clusters }));
  return { item, found: findings.map((f) => ({ messageId: f.messageId, level: f.level, line: f.region.startLine, message: f.message })) };
}

describe(rule.id, () => {
  it('passes a cluster without a literal secret (managed identity, or a secret from a variable)', () => {
    for (const c of [cluster({ identityType: field('SystemAssigned') }), cluster({ servicePrincipalClientId: field('00000000-0000-0000-0000-000000000000'), servicePrincipalSecretLiteral: field(false) })]) {
      const { found, item } = run(c);
      expect(found).toEqual([]);
      expect(item?.status).toBe('satisfied');
    }
  });

  it('reports a literal client_secret as an error on its line, without the value', () => {
    const literal = field(true);
    const { found, item } = run(cluster({ servicePrincipalClientId: field('00000000-0000-0000-0000-000000000000'), servicePrincipalSecretLiteral: literal }));
    expect(found).toEqual([
      {
        messageId: 'secretLiteral',
        level: 'error',
        line: literal.at.region.startLine,
        message:
          'Cluster "aks1" writes its service principal client_secret as a literal: the secret sits in version control and in every copy of the code; use a managed identity instead.',
      },
    ]);
    expect(item?.status).toBe('violated');
  });

  it('has no message placeholder that could carry the secret: only the cluster is named', () => {
    expect(Object.values(rule.messages).join('\n').match(/\{\{\s*\w+\s*\}\}/g)).toEqual(['{{cluster}}']);
    expect(readFileSync(join(import.meta.dirname, 'fail.literal.tf'), 'utf8')).toContain(FAKE_SECRET);
  });

  it('is not evaluated when the secret cannot be classified', () => {
    const { found, item } = run(cluster({ servicePrincipalSecretLiteral: unknownField('module output module.sp.secret') }));
    expect(found).toEqual([]);
    expect(item?.status).toBe('not-evaluated');
    expect(item?.notEvaluated).toContainEqual({ evidence: 'cluster', reason: 'aks1: the service principal client_secret is module output module.sp.secret' });
  });

  it('judges several clusters one by one', () => {
    const literal = field(true);
    const { found } = run(cluster(), cluster({ id: 'c2', displayName: 'azurerm_kubernetes_cluster.legacy', servicePrincipalSecretLiteral: literal }));
    expect(found.map((f) => [f.messageId, f.line])).toEqual([['secretLiteral', literal.at.region.startLine]]);
    expect(found[0]?.message).toContain('"azurerm_kubernetes_cluster.legacy"');
  });
});

describe(`${rule.id} (fixtures)`, () => {
  testClusterRule(rule, import.meta.dirname, {
    'pass.managed-identity.json': { expect: [] },
    'pass.managed-identity.plan.json': { expect: [] },
    'pass.variable.tf': { expect: [] },
    'fail.literal.tf': { expect: [{ messageId: 'secretLiteral', level: 'error', line: 16, message: '"azurerm_kubernetes_cluster.shop"' }] },
    'fail.literal.plan.json': { expect: [{ messageId: 'secretLiteral', level: 'error', line: 30 }] },
  });
});
