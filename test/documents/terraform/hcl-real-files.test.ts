// The Terraform files aks-gate is meant to read (/work/shared/fixtures/aks-iac/terraform): every one
// parses cleanly, and the blocks and lines below were read off the files by hand.

import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Attribute, Block, Body } from '../../../shared/documents/terraform/hcl-ast.js';
import { parseHcl } from '../../../shared/documents/terraform/hcl-parser.js';
import { attributeOf, blocksOf, staticTraversal } from '../../../shared/documents/terraform/hcl-query.js';

const ROOT = '/work/shared/fixtures/aks-iac/terraform';

function tfFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? tfFiles(join(dir, e.name)) : e.name.endsWith('.tf') ? [join(dir, e.name)] : []))
    .sort();
}

function parsed(path: string): Body {
  const file = parseHcl(readFileSync(join(ROOT, path), 'utf8'));
  expect(file.diagnostics).toEqual([]);
  return file.body;
}

function block(body: Body, type: string, ...labels: string[]): Block {
  const [found] = blocksOf(body, type, ...labels);
  if (!found) throw new Error(`no block ${type} ${labels.join(' ')}`);
  return found;
}

function attr(body: Body, name: string): Attribute {
  const found = attributeOf(body, name);
  if (!found) throw new Error(`no attribute ${name}`);
  return found;
}

const line = (node: { range: { start: { line: number } } }): number => node.range.start.line;

describe('real Terraform files', () => {
  const files = tfFiles(ROOT);

  it('finds all thirteen files', () => {
    expect(files).toHaveLength(13);
  });

  it.each(files.map((f) => [relative(ROOT, f)]))('%s parses without diagnostics', (path) => {
    const body = parsed(path);
    expect(body.items.length).toBeGreaterThan(0);
  });

  it('basic-cluster/main.tf: the cluster, its blocks and attribute lines', () => {
    const body = parsed('tf-provider-azurerm-examples/basic-cluster/main.tf');
    expect(body.items.map((i) => (i.kind === 'block' ? `${i.type}@${line(i)}` : i.name))).toEqual(['provider@4', 'resource@8', 'resource@13']);
    const cluster = block(body, 'resource', 'azurerm_kubernetes_cluster', 'example');
    expect(line(cluster)).toBe(13);
    expect(cluster.range.end.line).toBe(32);
    expect(cluster.body.items.map((i) => (i.kind === 'block' ? `${i.type}{}@${line(i)}` : `${i.name}@${line(i)}`))).toEqual([
      'name@14',
      'location@15',
      'resource_group_name@16',
      'dns_prefix@17',
      'default_node_pool{}@19',
      'node_provisioning_profile{}@25',
      'identity{}@29',
    ]);
    const pool = block(cluster.body, 'default_node_pool');
    expect(attr(pool.body, 'node_count').range.start).toMatchObject({ line: 21, column: 5 });
    expect(attr(pool.body, 'node_count').value).toMatchObject({ kind: 'literal', value: 1 });
    expect(attr(block(cluster.body, 'identity').body, 'type').value.range.start).toMatchObject({ line: 30, column: 12 });
    expect(block(block(body, 'provider', 'azurerm').body, 'features').range.start).toMatchObject({ line: 5, column: 3 });
  });

  it('private-api-server/main.tf: private_cluster_enabled after the nested blocks', () => {
    const cluster = block(parsed('tf-provider-azurerm-examples/private-api-server/main.tf'), 'resource', 'azurerm_kubernetes_cluster');
    const enabled = attr(cluster.body, 'private_cluster_enabled');
    expect(enabled.range.start).toMatchObject({ line: 38, column: 3 });
    expect(enabled.value).toMatchObject({ kind: 'literal', value: true });
    expect(line(block(cluster.body, 'network_profile'))).toBe(29);
    expect(attr(cluster.body, 'location').value.kind).toBe('getAttr');
    expect(staticTraversal(attr(cluster.body, 'location').value)).toEqual({
      root: 'azurerm_resource_group',
      steps: [
        { kind: 'attr', name: 'example' },
        { kind: 'attr', name: 'location' },
      ],
    });
  });

  it('network-policy-calico: the node pool points at the cluster; variables have defaults', () => {
    const body = parsed('tf-provider-azurerm-examples/network-policy-calico/main.tf');
    const network = block(block(body, 'resource', 'azurerm_kubernetes_cluster', 'example').body, 'network_profile');
    expect(attr(network.body, 'network_policy').range.start.line).toBe(46);
    const pool = block(body, 'resource', 'azurerm_kubernetes_cluster_node_pool', 'user');
    expect(line(pool)).toBe(55);
    expect(staticTraversal(attr(pool.body, 'kubernetes_cluster_id').value)).toMatchObject({ root: 'azurerm_kubernetes_cluster', steps: [{ name: 'example' }, { name: 'id' }] });
    const variables = parsed('tf-provider-azurerm-examples/network-policy-calico/variables.tf');
    expect(attr(block(variables, 'variable', 'prefix').body, 'default').range.start.line).toBe(6);
  });

  it('spot-node-pool: a number followed by a comment, a quoted object key, a multi-line tuple', () => {
    const pool = block(parsed('tf-provider-azurerm-examples/spot-node-pool/main.tf'), 'resource', 'azurerm_kubernetes_cluster_node_pool');
    expect(attr(pool.body, 'spot_max_price').value).toMatchObject({ kind: 'literal', value: 0.5 });
    const labels = attr(pool.body, 'node_labels').value;
    expect(labels.kind === 'object' && labels.items[0]?.key).toMatchObject({ kind: 'template', range: { start: { line: 43, column: 5 } } });
    const taints = attr(pool.body, 'node_taints');
    expect([taints.range.start.line, taints.range.end.line]).toEqual([45, 47]);
  });

  it('egress-with-udr-azure-cni: a nested block inside a route table', () => {
    const body = parsed('tf-provider-azurerm-examples/egress-with-udr-azure-cni/main.tf');
    const route = block(block(body, 'resource', 'azurerm_route_table').body, 'route');
    expect(line(route)).toBe(33);
    expect(attr(route.body, 'next_hop_in_ip_address').range.start.line).toBe(37);
    const network = block(block(body, 'resource', 'azurerm_kubernetes_cluster').body, 'network_profile');
    expect(attr(network.body, 'outbound_type').range.start.line).toBe(66);
  });

  it('old-role-based-access-control-azuread: comments inside a nested block', () => {
    const cluster = block(parsed('tf-provider-azurerm-examples/old-role-based-access-control-azuread/main.tf'), 'resource', 'azurerm_kubernetes_cluster');
    const rbac = block(cluster.body, 'role_based_access_control');
    expect(line(rbac)).toBe(32);
    const aad = block(rbac.body, 'azure_active_directory');
    expect(line(aad)).toBe(35);
    expect(aad.body.items.map((i) => (i.kind === 'attribute' ? `${i.name}@${line(i)}` : ''))).toEqual(['client_app_id@38', 'server_app_id@40', 'server_app_secret@41']);
    expect(attr(cluster.body, 'tags').range.start.line).toBe(45);
  });

  it('aks-store-demo/kubernetes.tf: modules with object inputs and conditionals', () => {
    const body = parsed('aks-store-demo/kubernetes.tf');
    expect(body.items.map((i) => (i.kind === 'block' ? `${i.type}.${i.labels.map((l) => l.value).join('.')}@${line(i)}` : ''))).toEqual([
      'module.acr@2',
      'module.aks@12',
      'resource.azurerm_role_assignment.acr_pull@96',
    ]);
    const aks = block(body, 'module', 'aks');
    expect(attr(aks.body, 'disable_local_accounts').range.start.line).toBe(33);
    const access = attr(aks.body, 'api_server_access_profile').value;
    expect(access.kind).toBe('object');
    const ranges = access.kind === 'object' ? access.items[0]?.value : undefined;
    expect(ranges?.range.start).toMatchObject({ line: 36, column: 28 });
    expect(ranges?.kind === 'tuple' && ranges.items[0]).toMatchObject({
      kind: 'template',
      parts: [{ kind: 'interpolation', expr: { kind: 'call', name: 'chomp' } }, { kind: 'literal', value: '/32' }],
    });
    const monitor = attr(aks.body, 'azure_monitor_profile');
    expect(monitor.value.kind).toBe('conditional');
    expect([monitor.range.start.line, monitor.range.end.line]).toEqual([70, 76]);
    const oms = attr(aks.body, 'addon_profile_oms_agent').value;
    expect(oms.kind === 'conditional' && oms.trueResult.kind).toBe('object');
    const acrPull = block(body, 'resource', 'azurerm_role_assignment', 'acr_pull');
    expect(attr(acrPull.body, 'depends_on').range.start.line).toBe(101);
    expect(attr(acrPull.body, 'scope').value.kind).toBe('getAttr');
  });
});
