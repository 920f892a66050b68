// Bad and hostile cluster definitions through the whole pipeline (`runScan`): a broken file is an
// input problem at its line and never stops the others; values too deep or loops too large to follow
// stay unknown (the item not evaluated) and cost little; look-alike text is never taken for a cluster.

import { describe, expect, it } from 'vitest';
import type { ChecklistId } from '../../../shared/checklist.js';
import { parseConfig, type InputName } from '../../../shared/config.js';
import type { ItemResult } from '../../../shared/engine.js';
import { silentLogger } from '../../../shared/platform.js';
import type { ScanReport } from '../../../shared/report.js';
import { INPUT_PROBLEM } from '../../../shared/rules/input-problem.js';
import { runScan } from '../../../shared/run.js';
import { tmpTree } from '../../helpers/tmp-tree.js';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const PARAMETERS_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#';

/** Generous bounds for 2 shared cores; a parser without limits takes far longer or overflows its stack. */
const QUICK_MS = 5_000;

async function scan(cwd: string, path = '.'): Promise<ScanReport> {
  const inputs: Partial<Record<InputName, string>> = { path, 'fail-on': 'never' };
  return runScan(parseConfig((name) => inputs[name]), { cwd, logger: silentLogger });
}

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await run();
  return { result, ms: performance.now() - start };
}

function item(report: ScanReport, id: ChecklistId): ItemResult {
  const found = report.items.find((i) => i.id === id);
  if (found === undefined) throw new Error(`no item ${id}`);
  return found;
}

function clusterReasons(report: ScanReport, id: ChecklistId): string[] {
  return item(report, id)
    .notEvaluated.filter((n) => n.evidence === 'cluster')
    .map((n) => n.reason);
}

function problems(report: ScanReport): { file: string; line: number; message: string }[] {
  return report.findings.filter((f) => f.ruleId === INPUT_PROBLEM.id).map((f) => ({ file: f.file, line: f.region.startLine, message: f.message }));
}

function findings(report: ScanReport, ruleId: string): { file: string; line: number }[] {
  return report.findings.filter((f) => f.ruleId === ruleId).map((f) => ({ file: f.file, line: f.region.startLine }));
}

/** A minimal ARM template with one public managed cluster; `properties` are merged in. */
function armTemplate(properties: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      $schema: SCHEMA,
      contentVersion: '1.0.0.0',
      resources: [
        {
          type: 'Microsoft.ContainerService/managedClusters',
          apiVersion: '2024-05-01',
          name: 'aks1',
          location: 'westeurope',
          identity: { type: 'SystemAssigned' },
          properties: { dnsPrefix: 'aks1', agentPoolProfiles: [{ name: 'system', count: 1, vmSize: 'Standard_D4s_v5', mode: 'System' }], ...properties },
          ...extra,
        },
      ],
    },
    null,
    2,
  );
}

const TF_CLUSTER = [
  'resource "azurerm_kubernetes_cluster" "aks" {',
  '  name                = "aks-tf"',
  '  location            = "westeurope"',
  '  resource_group_name = "rg"',
  '  dns_prefix          = "akstf"',
  '',
  '  default_node_pool {',
  '    name       = "system"',
  '    node_count = 1',
  '    vm_size    = "Standard_D4s_v5"',
  '  }',
  '',
  '  identity {',
  '    type = "SystemAssigned"',
  '  }',
  '}',
  '',
].join('\n');

describe('bad cluster definitions through runScan', () => {
  it('reports invalid JSON in an ARM template and invalid HCL in a .tf file at their lines, and still reads the other files', async () => {
    const badJson = [
      '{',
      `  "$schema": "${SCHEMA}",`,
      '  "contentVersion": "1.0.0.0",',
      '  "resources": [',
      '    { "type": "Microsoft.ContainerService/managedClusters", "name": "broken" ',
      '    { "apiVersion": "2024-05-01" }',
      '  ]',
      '}',
      '',
    ].join('\n');
    const badHcl = ['resource "azurerm_kubernetes_cluster" "broken" {', '  name = "x"', '  location = = "westeurope"', '}', ''].join('\n');
    const cwd = tmpTree({
      'arm/broken.json': badJson,
      'arm/good.json': armTemplate(),
      'tf/broken/main.tf': badHcl,
      'tf/good/main.tf': TF_CLUSTER,
    });

    const report = await scan(cwd);

    const found = problems(report);
    expect(found).toEqual([
      { file: 'arm/broken.json', line: 6, message: expect.stringContaining('invalid JSON') as unknown },
      { file: 'tf/broken/main.tf', line: 3, message: expect.stringContaining('tf/broken/main.tf was not checked') as unknown },
    ]);
    expect(report.inputs.find((i) => i.path === 'arm/broken.json')).toMatchObject({ status: 'failed', reason: expect.stringContaining('line 6') as unknown });
    // The good files of the same scan are read: their public API servers are findings at their resource lines.
    expect(findings(report, 'api-server-private')).toEqual(
      expect.arrayContaining([
        { file: 'arm/good.json', line: 6 },
        { file: 'tf/good/main.tf', line: 1 },
      ]),
    );
    expect(report.inputs.filter((i) => i.path.includes('good')).map((i) => [i.path, i.status])).toEqual([
      ['arm/good.json', 'scanned'],
      ['tf/good/main.tf', 'scanned'],
    ]);
  });

  // 10,000 levels is longer than ARM allows an expression to be (24,576 characters); 4,000 levels fits in that length
  // and meets the parser's nesting limit instead. Neither may overflow the stack or take long.
  const cases = [
    { depth: 10_000, limit: /expression longer than 24576 characters$/ },
    { depth: 4_000, limit: /nesting deeper than \d+ levels/ },
  ];
  for (const { depth, limit } of cases) {
    it(`leaves enableRBAC unknown when it is ${depth.toLocaleString('en')} nested not() calls: IAM-2 not evaluated, quickly, no crash`, async () => {
      const expression = `[${'not('.repeat(depth)}true()${')'.repeat(depth)}]`;
      const cwd = tmpTree({ 'deep.json': armTemplate({ enableRBAC: expression }) });

      const { result: report, ms } = await timed(() => scan(cwd));

      expect(ms).toBeLessThan(QUICK_MS);
      expect(report.inputs.map((i) => [i.path, i.status])).toEqual([['deep.json', 'scanned']]);
      expect(problems(report)).toEqual([]);
      expect(item(report, 'IAM-2').status).toBe('not-evaluated');
      expect(clusterReasons(report, 'IAM-2')).toEqual([expect.stringMatching(/^aks1: enableRBAC is the expression "\[not\(not\(.*…": /)]);
      expect(clusterReasons(report, 'IAM-2')).toEqual([expect.stringMatching(limit)]);
      // The rest of the cluster is still read and decided.
      expect(findings(report, 'api-server-private')).toHaveLength(1);
    });
  }

  it('reads a managed cluster in a copy loop of 100,000 as one cluster, quickly', async () => {
    const cwd = tmpTree({
      'loop.json': armTemplate({}, { name: "[concat('aks', copyIndex())]", copy: { name: 'clusters', count: 100_000 } }),
    });

    const { result: report, ms } = await timed(() => scan(cwd));

    expect(ms).toBeLessThan(QUICK_MS);
    expect(report.inputs).toEqual([expect.objectContaining({ path: 'loop.json', status: 'scanned', objects: 1 })]);
    expect(problems(report)).toEqual([]);
    // One cluster: one finding per cluster rule, not 100,000.
    expect(findings(report, 'api-server-private')).toHaveLength(1);
  });

  it('reads a copy loop of 100,000 node pools without expanding it, quickly', async () => {
    const cwd = tmpTree({
      'pools.json': armTemplate({
        agentPoolProfiles: undefined,
        copy: [{ name: 'agentPoolProfiles', count: 100_000, input: { name: "[concat('pool', copyIndex('agentPoolProfiles'))]", count: 1, vmSize: 'Standard_D4s_v5', enableAutoScaling: false } }],
      }),
    });

    const { result: report, ms } = await timed(() => scan(cwd));

    expect(ms).toBeLessThan(QUICK_MS);
    expect(report.inputs).toEqual([expect.objectContaining({ path: 'pools.json', status: 'scanned', objects: 1 })]);
    expect(problems(report)).toEqual([]);
    expect(findings(report, 'api-server-private')).toHaveLength(1);
    // Never one finding per pool of the loop, and a loop that is not followed never passes the autoscaler check.
    expect(findings(report, 'node-pool-autoscaler').length).toBeLessThanOrEqual(1);
    expect(item(report, 'HA-3').status).not.toBe('satisfied');
  });

  it('skips a parameters file whose template is not in the inputs, saying so, and reports no missing cluster', async () => {
    const cwd = tmpTree({
      'aks.parameters.json': JSON.stringify({ $schema: PARAMETERS_SCHEMA, contentVersion: '1.0.0.0', parameters: { clusterName: { value: 'aks1' } } }, null, 2),
    });

    const report = await scan(cwd);

    expect(report.inputs).toEqual([expect.objectContaining({ path: 'aks.parameters.json', status: 'skipped', reason: expect.stringMatching(/parameters file whose template is not in the inputs/) as unknown })]);
    expect(report.findings).toEqual([]);
    expect(report.notifications.filter((n) => n.level === 'error' || /no (aks )?cluster/i.test(n.message))).toEqual([]);
    expect(item(report, 'IAM-2').status).toBe('not-evaluated');
  });

  it('takes no heredoc, string or comment that looks like a resource "azurerm_kubernetes_cluster" block for a cluster', async () => {
    const cwd = tmpTree({
      'main.tf': [
        '# resource "azurerm_kubernetes_cluster" "hash" {',
        '// resource "azurerm_kubernetes_cluster" "slash" {',
        '/*',
        'resource "azurerm_kubernetes_cluster" "block_comment" {',
        '  private_cluster_enabled = false',
        '}',
        '*/',
        'resource "azurerm_storage_account" "docs" {',
        '  name = "docs"',
        '  description = <<EOT',
        'resource "azurerm_kubernetes_cluster" "in_heredoc" {',
        '  name = "phantom"',
        '}',
        'EOT',
        '  script = <<-EOF',
        '    resource "azurerm_kubernetes_cluster" "in_indented_heredoc" {',
        '    }',
        '    EOF',
        '  note = "resource \\"azurerm_kubernetes_cluster\\" \\"in_string\\" {"',
        '}',
        'locals {',
        '  template = <<EOT',
        '}',
        'resource "azurerm_kubernetes_cluster" "after_a_brace_in_a_heredoc" {',
        'EOT',
        '}',
        '',
      ].join('\n'),
    });

    const report = await scan(cwd);

    expect(problems(report)).toEqual([]);
    expect(report.inputs).toEqual([expect.objectContaining({ path: 'main.tf', status: 'scanned', objects: 0, reason: expect.stringMatching(/no AKS or related resources/) as unknown })]);
    expect(report.findings).toEqual([]);
    for (const id of ['SEC-1', 'HA-3', 'IAM-1', 'IAM-2'] as const) {
      expect([id, item(report, id).status, item(report, id).evaluated]).toEqual([id, 'not-evaluated', []]);
    }
  });

  it('names a missing local module directory in a notice and still reads the rest', async () => {
    const cwd = tmpTree({
      'app/main.tf': [
        'module "network" {',
        '  source = "./modules/network"',
        '}',
        '',
        TF_CLUSTER,
      ].join('\n'),
    });

    const report = await scan(cwd);

    expect(problems(report)).toEqual([]);
    expect(report.notifications.filter((n) => n.message.includes('module.network'))).toEqual([
      expect.objectContaining({ level: 'warning', file: 'app/main.tf', message: expect.stringContaining('modules/network') as unknown }),
    ]);
    expect(report.inputs).toEqual([expect.objectContaining({ path: 'app/main.tf', status: 'scanned' })]);
    expect(findings(report, 'api-server-private')).toEqual([{ file: 'app/main.tf', line: 5 }]);
  });
});
