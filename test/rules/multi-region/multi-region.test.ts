import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrafficRouter } from '../../../shared/documents/cluster/model.js';
import rule from '../../../shared/rules/ha/multi-region.js';
import { cluster, field, infrastructure, loc, unknownField } from '../../helpers/cluster-factory.js';
import { runClusterRule, testClusterRule } from '../../helpers/cluster-rule-tester.js';


const short = (f: { messageId: string; level: string; region: { startLine: number } }) => ({ messageId: f.messageId, level: f.level, line: f.region.startLine });

function router(kind: TrafficRouter['kind'] = 'traffic-manager'): TrafficRouter {
  return { kind, id: '/providers/Microsoft.Network/trafficManagerProfiles/shop', displayName: 'shop', format: 'arm', at: loc() };
}

const weu = (location = 'westeurope') => cluster({ id: 'aks-weu', displayName: 'aks-weu', location: field(location) });
const neu = (location = 'northeurope') => cluster({ id: 'aks-neu', displayName: 'aks-neu', location: field(location) });

describe(rule.id, () => {
  it.each(['traffic-manager', 'front-door'] as const)('passes two regions behind a %s', (kind) => {
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [weu(), neu()], trafficRouters: [router(kind)] }));
    expect(findings).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('warns on a single cluster, on its location line', () => {
    const aks = weu();
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [aks], trafficRouters: [router()] }));
    expect(findings.map(short)).toEqual([{ messageId: 'singleCluster', level: 'warning', line: aks.location?.at.region.startLine }]);
    expect(findings[0]?.message).toContain('"aks-weu" is the only cluster');
    expect(item?.status).toBe('violated');
  });

  it('warns on a single cluster whatever its location, even when it is unknown or absent', () => {
    const aks = cluster({ location: unknownField('the expression "[resourceGroup().location]"') });
    expect(runClusterRule(rule, infrastructure({ clusters: [aks] })).findings.map(short)).toEqual([{ messageId: 'singleCluster', level: 'warning', line: aks.location?.at.region.startLine }]);
    const bare = cluster();
    expect(runClusterRule(rule, infrastructure({ clusters: [bare] })).findings.map(short)).toEqual([{ messageId: 'singleCluster', level: 'warning', line: bare.at.region.startLine }]);
  });

  it('warns when every cluster is in the same region, however the location is spelled', () => {
    const first = weu('West Europe');
    const { findings } = runClusterRule(rule, infrastructure({ clusters: [first, neu('westeurope')], trafficRouters: [router()] }));
    expect(findings.map(short)).toEqual([{ messageId: 'singleRegion', level: 'warning', line: first.location?.at.region.startLine }]);
    expect(findings[0]?.message).toBe('AKS clusters "aks-weu", "aks-neu" all run in West Europe: a regional outage takes the whole service down.');
  });

  it('warns when clusters in two regions have no traffic router in front of them', () => {
    const first = weu();
    const { findings } = runClusterRule(rule, infrastructure({ clusters: [first, neu()] }));
    expect(findings.map(short)).toEqual([{ messageId: 'noTrafficRouting', level: 'warning', line: first.location?.at.region.startLine }]);
    expect(findings[0]?.message).toContain('run in westeurope, northeurope but no Traffic Manager or Front Door');
  });

  it('does not evaluate several clusters whose locations it cannot resolve', () => {
    const clusters = [
      cluster({ id: 'a', displayName: 'aks-primary', location: unknownField(`the expression "[parameters('primaryLocation')]"`) }),
      cluster({ id: 'b', displayName: 'aks-secondary', location: field('westeurope') }),
    ];
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters, trafficRouters: [router()] }));
    expect(findings).toEqual([]);
    expect(item?.status).toBe('not-evaluated');
    expect(item?.notEvaluated).toContainEqual({ evidence: 'cluster', reason: `location of "aks-primary" is the expression "[parameters('primaryLocation')]"` });
  });

  it('decides on two known regions even when a third cluster\'s location is unknown', () => {
    const third = cluster({ id: 'c', displayName: 'aks-c', location: unknownField('var.location, a variable without a default') });
    const { findings, item } = runClusterRule(rule, infrastructure({ clusters: [weu(), neu(), third], trafficRouters: [router()] }));
    expect(findings).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });

  it('evaluates nothing without a cluster definition, even with a traffic router', () => {
    const { findings, item } = runClusterRule(rule, infrastructure({ trafficRouters: [router()] }));
    expect(findings).toEqual([]);
    expect(item?.status).toBe('not-evaluated');
  });
});

describe(`${rule.id} fixtures`, () => {
  testClusterRule(rule, import.meta.dirname, {
    'pass.two-regions.json': { expect: [] },
    'pass.front-door.tf': { expect: [] },
    'pass.two-regions.plan.json': { expect: [] },
    'fail.no-routing.json': { expect: [{ messageId: 'noTrafficRouting', level: 'warning', line: 9, message: 'westeurope, northeurope' }] },
    'fail.single-cluster.tf': { expect: [{ messageId: 'singleCluster', level: 'warning', line: 8, message: 'is the only cluster' }] },
    'fail.same-region.plan.json': { expect: [{ messageId: 'singleRegion', level: 'warning', line: 12, message: 'all run in westeurope' }] },
    'unknown.locations.json': { expect: [] },
  });

  it('reads the regions and the Traffic Manager across two files', async () => {
    const { readClusterDefinitions } = await import('../../../shared/sources/cluster/read.js');
    const dir = join(import.meta.dirname, 'two-files');
    const read = await readClusterDefinitions([join(dir, 'west.tf'), join(dir, 'north.tf')], { cwd: dir });
    expect(read.problems).toEqual([]);
    const { findings, item } = runClusterRule(rule, read.infrastructure);
    expect(findings).toEqual([]);
    expect(item?.status).toBe('satisfied');
  });
});
