import { describe, expect, it } from 'vitest';
import rule from '../../../shared/rules/sec/auto-upgrade-channel.js';
import { cluster, field, infrastructure, unknownField } from '../../helpers/cluster-factory.js';
import { runClusterRule, testClusterRule } from '../../helpers/cluster-rule-tester.js';


function run(...clusters: ReturnType<typeof cluster>[]) {
  const { findings, item } = runClusterRule(rule, infrastructure({ clusters }));
  return { item, found: findings.map((f) => ({ messageId: f.messageId, level: f.level, line: f.region.startLine, message: f.message })) };
}

const at = (f: { at: { region: { startLine: number } } }): number => f.at.region.startLine;

describe(rule.id, () => {
  it.each([
    ['patch', 'NodeImage'],
    ['stable', 'SecurityPatch'],
    ['rapid', 'Unmanaged'],
    ['node-image', 'NodeImage'],
  ])('passes upgradeChannel %s with nodeOSUpgradeChannel %s', (upgrade, nodeOs) => {
    const { found, item } = run(cluster({ upgradeChannel: field(upgrade), nodeOsUpgradeChannel: field(nodeOs) }));
    expect(found).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('warns on upgradeChannel none, on that field', () => {
    const upgrade = field('none');
    const { found, item } = run(cluster({ upgradeChannel: upgrade, nodeOsUpgradeChannel: field('NodeImage') }));
    expect(found).toEqual([
      {
        messageId: 'upgradeChannelNone',
        level: 'warning',
        line: at(upgrade),
        message: 'Cluster "aks1" turns Kubernetes auto-upgrade off (upgradeChannel "none"): its version falls out of support unless someone upgrades it by hand.',
      },
    ]);
    expect(item?.status).toBe('violated');
  });

  it('warns on nodeOSUpgradeChannel None, whatever its case', () => {
    const nodeOs = field('none');
    expect(run(cluster({ upgradeChannel: field('stable'), nodeOsUpgradeChannel: nodeOs })).found.map((f) => [f.messageId, f.level, f.line])).toEqual([
      ['nodeOsChannelNone', 'warning', at(nodeOs)],
    ]);
  });

  it('warns on both missing channels, on the resource (AKS defaults: none, and NodeImage on newer API versions)', () => {
    const c = cluster();
    const { found } = run(c);
    expect(found).toEqual([
      { messageId: 'upgradeChannelMissing', level: 'warning', line: at(c), message: expect.stringContaining('"aks1" sets no auto-upgrade channel') as string },
      { messageId: 'nodeOsChannelMissing', level: 'warning', line: at(c), message: expect.stringContaining('"aks1" sets no node OS upgrade channel') as string },
    ]);
  });

  it('is not evaluated when both channels are unresolved', () => {
    const { found, item } = run(cluster({ upgradeChannel: unknownField('the expression "[reference(\'x\').outputs.c.value]"'), nodeOsUpgradeChannel: unknownField('var.os_channel') }));
    expect(found).toEqual([]);
    expect(item?.status).toBe('not-evaluated');
    expect(item?.notEvaluated).toContainEqual({ evidence: 'cluster', reason: 'aks1: upgradeChannel is the expression "[reference(\'x\').outputs.c.value]"' });
  });

  it('still reports the channel it can read when the other is unresolved', () => {
    const nodeOs = field('None');
    const { found, item } = run(cluster({ upgradeChannel: unknownField('var.channel'), nodeOsUpgradeChannel: nodeOs }));
    expect(found.map((f) => [f.messageId, f.line])).toEqual([['nodeOsChannelNone', at(nodeOs)]]);
    expect(item?.status).toBe('violated');
    expect(run(cluster({ upgradeChannel: unknownField('var.channel'), nodeOsUpgradeChannel: field('NodeImage') })).item?.status).toBe('not-evaluated');
  });

  it('judges several clusters one by one', () => {
    const off = field('none');
    const { found } = run(
      cluster({ upgradeChannel: field('patch'), nodeOsUpgradeChannel: field('NodeImage') }),
      cluster({ id: 'c2', displayName: 'aks-manual', upgradeChannel: off, nodeOsUpgradeChannel: field('SecurityPatch') }),
    );
    expect(found.map((f) => [f.messageId, f.line])).toEqual([['upgradeChannelNone', at(off)]]);
    expect(found[0]?.message).toContain('"aks-manual"');
  });
});

describe(`${rule.id} (fixtures)`, () => {
  testClusterRule(rule, import.meta.dirname, {
    'pass.channels.json': { expect: [] },
    'pass.channels.plan.json': { expect: [] },
    'pass.channels.tf': { expect: [] },
    'fail.channel-none.json': {
      expect: [
        { messageId: 'upgradeChannelNone', level: 'warning', line: 26 },
        { messageId: 'nodeOsChannelMissing', level: 'warning', line: 6, message: '"aks-shop"' },
      ],
    },
    'fail.v4-names.tf': {
      expect: [
        { messageId: 'upgradeChannelMissing', level: 'warning', line: 2 },
        { messageId: 'nodeOsChannelNone', level: 'warning', line: 8 },
      ],
    },
    'fail.v3-names.tf': { expect: [{ messageId: 'nodeOsChannelNone', level: 'warning', line: 9 }] },
    'fail.os-none.plan.json': {
      expect: [
        { messageId: 'upgradeChannelMissing', level: 'warning', line: 7 },
        { messageId: 'nodeOsChannelNone', level: 'warning', line: 21 },
      ],
    },
    'unknown.channel-reference.json': { expect: [] },
  });
});
