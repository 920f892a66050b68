import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import rule from '../../../shared/rules/sec/key-vault-secrets-provider.js';
import { cluster, field, infrastructure, unknownField } from '../../helpers/cluster-factory.js';
import { runClusterRule, testClusterRule } from '../../helpers/cluster-rule-tester.js';

const READER = join(import.meta.dirname, '../../../shared/sources/cluster/read.ts');

function run(...clusters: ReturnType<typeof cluster>[]) {
  const { findings, item } = runClusterRule(rule, infrastructure({ clusters }));
  return { item, found: findings.map((f) => ({ messageId: f.messageId, level: f.level, line: f.region.startLine, message: f.message })) };
}

const at = (f: { at: { region: { startLine: number } } }): number => f.at.region.startLine;

describe(rule.id, () => {
  it('passes a cluster with the add-on enabled', () => {
    const { found, item } = run(cluster({ addons: { azureKeyvaultSecretsProvider: field(true) } }));
    expect(found).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('warns on a disabled add-on, on its field', () => {
    const addon = field(false);
    const { found, item } = run(cluster({ addons: { azureKeyvaultSecretsProvider: addon } }));
    expect(found).toEqual([
      {
        messageId: 'notEnabled',
        level: 'warning',
        line: at(addon),
        message:
          'Cluster "aks1" does not enable the Azure Key Vault secrets provider add-on (azureKeyvaultSecretsProvider): workloads cannot mount secrets from Key Vault and end up keeping them in Kubernetes Secrets or manifests.',
      },
    ]);
    expect(item?.status).toBe('violated');
  });

  it('warns on a missing add-on (AKS enables none by default), on the resource', () => {
    const c = cluster({ addons: { azurepolicy: field(true) } });
    expect(run(c).found.map((f) => [f.messageId, f.level, f.line])).toEqual([['notEnabled', 'warning', at(c)]]);
  });

  it('is not evaluated when the add-on cannot be resolved', () => {
    const { found, item } = run(cluster({ addons: { azureKeyvaultSecretsProvider: unknownField('var.enable_kv_csi (no default)') } }));
    expect(found).toEqual([]);
    expect(item?.status).toBe('not-evaluated');
    expect(item?.notEvaluated).toContainEqual({ evidence: 'cluster', reason: 'aks1: the azureKeyvaultSecretsProvider add-on is var.enable_kv_csi (no default)' });
  });

  it('judges several clusters one by one', () => {
    const off = cluster({ id: 'c2', displayName: 'aks-batch' });
    const { found } = run(cluster({ addons: { azureKeyvaultSecretsProvider: field(true) } }), off);
    expect(found.map((f) => [f.messageId, f.line])).toEqual([['notEnabled', at(off)]]);
    expect(found[0]?.message).toContain('"aks-batch"');
  });
});

describe.skipIf(!existsSync(READER))(`${rule.id} (fixtures)`, () => {
  testClusterRule(rule, import.meta.dirname, {
    'pass.enabled.json': { expect: [] },
    'pass.block.plan.json': { expect: [] },
    'pass.block.tf': { expect: [] },
    'fail.disabled.json': { expect: [{ messageId: 'notEnabled', level: 'warning', line: 27, message: '"aks-shop"' }] },
    'fail.no-block.tf': { expect: [{ messageId: 'notEnabled', level: 'warning', line: 2 }] },
    'fail.no-block.plan.json': { expect: [{ messageId: 'notEnabled', level: 'warning', line: 7 }] },
    'unknown.addon-reference.json': { expect: [] },
  });
});
