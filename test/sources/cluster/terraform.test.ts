import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { known, unknownReason, type AksCluster } from '../../../shared/documents/cluster/model.js';
import { readClusterDefinitions } from '../../../shared/sources/cluster/read.js';
import { readTerraformDirectory } from '../../../shared/sources/cluster/terraform.js';

const SHARED = '/work/shared/fixtures/aks-iac/terraform';
const EXAMPLES = join(SHARED, 'tf-provider-azurerm-examples');
const FIXTURES = join(import.meta.dirname, 'fixtures', 'terraform');

/** The .tf and .tfvars files under a directory, as the walker hands them over. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : /\.(tf|tfvars)$/.test(name) ? [path] : [];
    })
    .sort();
}

async function read(root: string, dir: string, varFiles: readonly string[] = []) {
  return readClusterDefinitions(filesUnder(join(root, dir)), { cwd: root, terraform: { varFiles } });
}

function only(clusters: readonly AksCluster[]): AksCluster {
  expect(clusters).toHaveLength(1);
  const [cluster] = clusters;
  if (!cluster) throw new Error('one cluster expected');
  return cluster;
}

const line = (field: { at: { region: { startLine: number } } } | undefined): number | undefined => field?.at.region.startLine;

describe('Terraform .tf directories: the shared examples', () => {
  const examples = ['aks-store-demo', ...readdirSync(EXAMPLES).map((d) => `tf-provider-azurerm-examples/${d}`)];

  it.each(examples)('%s reads without problems', async (dir) => {
    const result = await read(SHARED, dir);
    expect(result.problems).toEqual([]);
    expect(result.inputs.length).toBeGreaterThan(0);
    expect(result.inputs.every((i) => i.status !== 'failed')).toBe(true);
  });

  it('egress-with-udr-azure-cni: user-defined routing and the default route to a virtual appliance', async () => {
    const { infrastructure } = await read(SHARED, 'tf-provider-azurerm-examples/egress-with-udr-azure-cni');
    const cluster = only(infrastructure.clusters);
    expect(cluster.id).toBe('azurerm_kubernetes_cluster.example');
    expect(line(cluster)).toBe(46);
    expect(known(cluster.outboundType)).toBe('userDefinedRouting');
    expect(line(cluster.outboundType)).toBe(66);
    expect(cluster.outboundType?.via).toBeUndefined();
    const [table] = infrastructure.routeTables;
    expect(table?.id).toBe('azurerm_route_table.example');
    expect(table?.routes.map((r) => [known(r.addressPrefix), known(r.nextHopType), r.at.region.startLine])).toEqual([['0.0.0.0/0', 'VirtualAppliance', 33]]);
    // azurerm_subnet_route_table_association links the table to the subnet the default pool is in, both by address.
    expect(table?.subnetIds).toEqual([{ known: true, value: 'azurerm_subnet.internal' }]);
    expect(known(cluster.nodePools[0]?.subnetId)).toBe('azurerm_subnet.internal');
    expect(line(cluster.nodePools[0]?.subnetId)).toBe(56);
    // var.prefix has no default and there is no tfvars file.
    expect(unknownReason(cluster.name)).toBe('var.prefix has no value (give it a default or a tfvars file)');
    expect(cluster.name?.via).toBe('var.prefix');
  });

  it('private-api-server: private_cluster_enabled at its line', async () => {
    const cluster = only((await read(SHARED, 'tf-provider-azurerm-examples/private-api-server')).infrastructure.clusters);
    expect(known(cluster.enablePrivateCluster)).toBe(true);
    expect(line(cluster.enablePrivateCluster)).toBe(38);
    expect(cluster.enablePrivateCluster?.at.file).toBe('tf-provider-azurerm-examples/private-api-server/main.tf');
  });

  it('network-policy-calico: variable defaults, a followed resource argument, and the separate pool attached', async () => {
    const { infrastructure } = await read(SHARED, 'tf-provider-azurerm-examples/network-policy-calico');
    const cluster = only(infrastructure.clusters);
    expect(known(cluster.networkPolicy)).toBe('calico');
    expect(known(cluster.name)).toBe('akscalico-k8s');
    // location = azurerm_resource_group.example.location, itself var.location with a default.
    expect(cluster.location).toMatchObject({ value: { known: true, value: 'West US' }, via: 'reference to azurerm_resource_group.example' });
    expect(cluster.nodePools.map((p) => [p.id, p.separate, p.at.region.startLine])).toEqual([
      ['azurerm_kubernetes_cluster.example/system', false, 33],
      ['azurerm_kubernetes_cluster_node_pool.user', true, 55],
    ]);
    expect(infrastructure.unresolved).toEqual([]);
  });

  it('old-role-based-access-control-azuread: the legacy service principal secret comes from a variable', async () => {
    const cluster = only((await read(SHARED, 'tf-provider-azurerm-examples/old-role-based-access-control-azuread')).infrastructure.clusters);
    expect(cluster.servicePrincipalSecretLiteral).toMatchObject({ value: { known: true, value: false } });
    expect(line(cluster.servicePrincipalSecretLiteral)).toBe(29);
    expect(known(cluster.enableRbac)).toBe(true);
    expect(line(cluster.enableRbac)).toBe(33);
    expect(cluster.nodePools.map((p) => p.id)).toEqual(['azurerm_kubernetes_cluster.example/default']);
  });

  it('aks-store-demo: registry modules are listed as not read; the AVM AKS module call still gives its cluster', async () => {
    const { infrastructure, inputs } = await read(SHARED, 'aks-store-demo');
    // What is passed to the AVM module is read (test/sources/cluster/avm.test.ts checks the values).
    expect(infrastructure.clusters.map((c) => c.id)).toEqual(['module.aks']);
    expect(infrastructure.unresolved.map((u) => [u.what, u.at.region.startLine])).toEqual([
      ['remote module Azure/avm-res-containerregistry-registry/azurerm 0.5.1', 2],
      ['remote module Azure/avm-res-containerservice-managedcluster/azurerm 0.6.1', 12],
    ]);
    expect(infrastructure.unresolved[0]?.reason).toMatch(/not read/);
    expect(inputs).toEqual([{ path: 'aks-store-demo/kubernetes.tf', status: 'scanned', documents: 1, objects: 1, reason: '2 module(s) or reference(s) not followed' }]);
  });

  it('records each .tf file as read with its module, with its resources or none', async () => {
    const { inputs } = await read(SHARED, 'tf-provider-azurerm-examples/spot-node-pool');
    expect(inputs).toEqual([
      { path: 'tf-provider-azurerm-examples/spot-node-pool/main.tf', status: 'scanned', documents: 1, objects: 2 },
      { path: 'tf-provider-azurerm-examples/spot-node-pool/variables.tf', status: 'scanned', documents: 1, objects: 0, reason: 'read with its module; no AKS or related resources in it' },
    ]);
  });
});

describe('Terraform .tf directories: the language', () => {
  it('reads azurerm v3 and v4 argument names into the same fields', async () => {
    const v3 = only((await read(FIXTURES, 'v3-names')).infrastructure.clusters);
    const v4 = only((await read(FIXTURES, 'v4-names')).infrastructure.clusters);
    for (const [cluster, lines] of [
      [v3, { ips: 6, upgrade: 7, autoscale: 13, aad: 20 }],
      [v4, { ips: 10, upgrade: 6, autoscale: 16, aad: 22 }],
    ] as const) {
      expect(known(cluster.authorizedIpRanges)).toEqual(['203.0.113.0/24']);
      expect(line(cluster.authorizedIpRanges)).toBe(lines.ips);
      expect(known(cluster.upgradeChannel)).toBe('stable');
      expect(line(cluster.upgradeChannel)).toBe(lines.upgrade);
      expect(known(cluster.nodeOsUpgradeChannel)).toBe('NodeImage');
      expect(known(cluster.nodePools[0]?.enableAutoScaling)).toBe(true);
      expect(line(cluster.nodePools[0]?.enableAutoScaling)).toBe(lines.autoscale);
      expect(known(cluster.nodePools[0]?.enableNodePublicIP)).toBe(false);
      expect(known(cluster.aadManaged)).toBe(true);
      // v3 says `managed = true` (its line); v4's block is managed by being there (its header).
      expect(line(cluster.aadManaged)).toBe(lines.aad);
      expect(known(cluster.azureRbac)).toBe(true);
    }
  });

  it('expands dynamic blocks over known collections, at the content block', async () => {
    const { infrastructure } = await read(FIXTURES, 'dynamic');
    const [table] = infrastructure.routeTables;
    // Map keys in lexical order, as Terraform iterates them.
    expect(table?.routes.map((r) => [known(r.addressPrefix), known(r.nextHopType), r.at.region.startLine, line(r.addressPrefix)])).toEqual([
      ['0.0.0.0/0', 'VirtualAppliance', 23, 25],
      ['10.0.0.0/8', 'VnetLocal', 23, 25],
    ]);
    expect(table?.routes[0]?.addressPrefix.via).toBe('route.value');
    const audit = infrastructure.diagnosticSettings.find((d) => d.id === 'azurerm_monitor_diagnostic_setting.audit');
    expect(audit?.targetId).toEqual({ known: true, value: 'azurerm_kubernetes_cluster.main' });
    // A named iterator over a local.
    expect(known(audit?.enabledLogs)).toEqual(['kube-audit', 'kube-audit-admin']);
    // An empty for_each makes no block at all.
    expect(only(infrastructure.clusters).defender).toBeUndefined();
  });

  it('reads a dynamic block with an unknown for_each once, unknown where it uses the iterator', async () => {
    const { infrastructure } = await read(FIXTURES, 'dynamic');
    const setting = infrastructure.diagnosticSettings.find((d) => d.id === 'azurerm_monitor_diagnostic_setting.unknown');
    expect(setting?.enabledLogs.value).toEqual({ known: false, reason: 'the for_each of dynamic "enabled_log" is unknown (var.log_groups has no value (give it a default or a tfvars file))' });
  });

  it('expands count and for_each into instances; count = 0 is none; an unknown count is one [*] instance', async () => {
    const { infrastructure } = await read(FIXTURES, 'expansion');
    expect(infrastructure.clusters.map((c) => [c.id, known(c.name), known(c.location), line(c)])).toEqual([
      ['azurerm_kubernetes_cluster.regional[0]', 'aks-0', 'westeurope', 14],
      ['azurerm_kubernetes_cluster.regional[1]', 'aks-1', 'northeurope', 14],
      ['azurerm_kubernetes_cluster.scaled[*]', undefined, 'westeurope', 52],
    ]);
    const [first] = infrastructure.clusters;
    expect(first?.nodePools.map((p) => [p.id, known(p.name), known(p.availabilityZones)])).toEqual([
      ['azurerm_kubernetes_cluster.regional[0]/system', 'system', undefined],
      ['azurerm_kubernetes_cluster_node_pool.extra["batch"]', 'batch', ['1']],
      ['azurerm_kubernetes_cluster_node_pool.extra["user"]', 'user', ['1', '2', '3']],
    ]);
    // A reference to any instance of the [*] resource names it.
    expect(known(infrastructure.alertRules[0]?.scopes)).toEqual(['azurerm_kubernetes_cluster.scaled[*]']);
    expect(infrastructure.unresolved).toEqual([
      expect.objectContaining({ what: 'the instances of azurerm_kubernetes_cluster.scaled[*]', reason: 'count is unknown: var.replicas has no value (give it a default or a tfvars file)' }),
    ]);
  });

  it('applies defaults, terraform.tfvars, *.auto.tfvars(.json) and --var-file in that order', async () => {
    const { infrastructure, inputs, problems } = await read(FIXTURES, 'tfvars', ['tfvars/prod.tfvars']);
    expect(problems).toEqual([]);
    const cluster = only(infrastructure.clusters);
    expect(known(cluster.location)).toBe('from-terraform-tfvars');
    expect(known(cluster.enablePrivateCluster)).toBe(true);
    expect(known(cluster.kubernetesVersion)).toBe('from-b-auto-json');
    expect(known(cluster.skuTier)).toBe('Premium');
    expect(cluster.skuTier?.via).toBe('var.sku_tier');
    expect(line(cluster.skuTier)).toBe(6);
    expect(unknownReason(cluster.upgradeChannel)).toBe('var.upgrade_channel has no value (give it a default or a tfvars file)');
    expect(inputs.filter((i) => i.path.endsWith('.tfvars'))).toEqual([
      { path: 'tfvars/a.auto.tfvars', status: 'scanned', reason: 'variables for tfvars', documents: 1, objects: 0 },
      { path: 'tfvars/prod.tfvars', status: 'scanned', reason: 'variables for tfvars (--var-file)', documents: 1, objects: 0 },
      { path: 'tfvars/terraform.tfvars', status: 'scanned', reason: 'variables for tfvars', documents: 1, objects: 0 },
    ]);
  });

  it('does not load a .tfvars file that Terraform would not load by itself', async () => {
    const { infrastructure, inputs } = await read(FIXTURES, 'tfvars');
    expect(known(only(infrastructure.clusters).skuTier)).toBe('from-a-auto');
    expect(inputs.find((i) => i.path === 'tfvars/prod.tfvars')).toEqual({ path: 'tfvars/prod.tfvars', status: 'skipped', reason: 'not loaded automatically; pass it with --var-file', documents: 1, objects: 0 });
  });

  it('reads a file named alone on its own, and a directory path with all its .tf files', async () => {
    const alone = await readClusterDefinitions([join(FIXTURES, 'tfvars', 'main.tf')], { cwd: FIXTURES });
    // variables.tf is not part of it, so var.location is undeclared.
    expect(unknownReason(only(alone.infrastructure.clusters).location)).toBe('var.location has no value');
    const directory = await readTerraformDirectory([join(FIXTURES, 'tfvars')], { cwd: FIXTURES });
    expect(known(only(directory.infrastructure.clusters).location)).toBe('from-terraform-tfvars');
  });
});

describe('Terraform .tf directories: modules', () => {
  it('follows a local module with its arguments, and its instances under for_each', async () => {
    const { infrastructure, problems } = await read(FIXTURES, 'app');
    expect(problems).toEqual([]);
    expect(infrastructure.clusters.map((c) => [c.id, known(c.name), known(c.location), known(c.enablePrivateCluster), known(c.disableLocalAccounts)])).toEqual([
      ['module.aks.azurerm_kubernetes_cluster.this', 'aks-prod', 'westeurope', true, true],
      ['module.regional["north"].azurerm_kubernetes_cluster.this', 'aks-north', 'northeurope', false, true],
      ['module.regional["west"].azurerm_kubernetes_cluster.this', 'aks-west', 'westeurope', false, true],
    ]);
    const [aks] = infrastructure.clusters;
    expect(aks?.at).toEqual({ file: 'app/modules/aks/main.tf', region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 47 } });
    expect(aks?.enablePrivateCluster?.via).toBe('var.private');
    expect(line(aks?.enablePrivateCluster)).toBe(6);
    // The pool inside the module references the module's own cluster.
    expect(aks?.nodePools.map((p) => p.id)).toEqual(['module.aks.azurerm_kubernetes_cluster.this/system', 'module.aks.azurerm_kubernetes_cluster_node_pool.user["user"]']);
  });

  it('resolves a module output the caller references to the address inside the module', async () => {
    const { infrastructure } = await read(FIXTURES, 'app');
    const [setting] = infrastructure.diagnosticSettings;
    expect(setting?.targetId).toEqual({ known: true, value: 'module.aks.azurerm_kubernetes_cluster.this' });
    expect(unknownReason(infrastructure.alertRules[0]?.scopes)).toBe('module.registry is a module that is not read');
  });

  it('lists a remote module and a missing local module as not followed, without stopping', async () => {
    const { infrastructure } = await read(FIXTURES, 'app');
    expect(infrastructure.unresolved.map((u) => [u.what, u.reason, u.at.file, u.at.region.startLine])).toEqual([
      ['module.gone', 'its directory app/modules/missing does not exist', 'app/main.tf', 21],
      ['remote module Azure/aks/azurerm 9.1.0', 'it is not read (only local modules are followed; a terraform show -json plan shows what it creates)', 'app/main.tf', 25],
    ]);
  });

  it('does not read a scanned module directory a second time on its own', async () => {
    const { infrastructure, inputs } = await read(FIXTURES, 'app');
    // On its own, with no arguments, it would be azurerm_kubernetes_cluster.this.
    expect(infrastructure.clusters.some((c) => c.id === 'azurerm_kubernetes_cluster.this')).toBe(false);
    expect(inputs.find((i) => i.path === 'app/modules/aks/main.tf')).toEqual({
      path: 'app/modules/aks/main.tf',
      status: 'scanned',
      documents: 1,
      objects: 4,
      reason: 'read as module.aks of app; read as module.regional of app',
    });
    expect(inputs.find((i) => i.path === 'app/main.tf')).toMatchObject({ status: 'scanned', objects: 2 });
    // A file of module calls only is read, through its calls; it is not "skipped".
    expect(inputs.find((i) => i.path === 'app/main.tf')?.reason).toMatch(/calls module\.aks, module\.regional/);
  });

  it('reads a module directory scanned without its caller on its own, with unknown variables', async () => {
    const { infrastructure } = await read(FIXTURES, 'app/modules/aks');
    const cluster = only(infrastructure.clusters);
    expect(cluster.id).toBe('azurerm_kubernetes_cluster.this');
    expect(unknownReason(cluster.name)).toBe('var.name has no value (give it a default or a tfvars file)');
  });
});

describe('Terraform .tf directories: broken and tricky files', () => {
  it('reports invalid HCL at its line and still reads the good blocks and files', async () => {
    const { infrastructure, problems, inputs } = await read(FIXTURES, 'invalid');
    expect(problems).toEqual([{ file: 'invalid/broken.tf', message: 'expected an expression, found "="', region: { startLine: 13, startColumn: 14, endLine: 13, endColumn: 15 } }]);
    expect(infrastructure.clusters.map((c) => c.id)).toEqual(['azurerm_kubernetes_cluster.broken', 'azurerm_kubernetes_cluster.good']);
    expect(infrastructure.routeTables.map((t) => t.id)).toEqual(['azurerm_route_table.before']);
    expect(infrastructure.firewalls.map((f) => [f.id, line(f)])).toEqual([['azurerm_firewall.after', 16]]);
    expect(unknownReason(infrastructure.clusters[0]?.location)).toBe('the expression has a syntax error');
    expect(known(infrastructure.clusters[1]?.enablePrivateCluster)).toBe(true);
    expect(inputs.find((i) => i.path === 'invalid/broken.tf')).toMatchObject({ status: 'scanned', reason: 'invalid HCL (line 13); the other blocks were read' });
  });

  it('makes no resources of comments, heredocs and strings that look like blocks', async () => {
    const { infrastructure, problems } = await read(FIXTURES, 'look-alike');
    expect(problems).toEqual([]);
    expect(infrastructure.clusters.map((c) => [c.id, line(c)])).toEqual([['azurerm_kubernetes_cluster.real', 8]]);
    expect(infrastructure.firewalls).toEqual([]);
    expect(line(infrastructure.clusters[0]?.enablePrivateCluster)).toBe(20);
  });
});
