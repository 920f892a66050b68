import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { known } from '../../../shared/documents/cluster/model.js';
import { BICEP_NOT_FOUND, compileBicep } from '../../../shared/sources/cluster/bicep.js';
import { readClusterDefinitions } from '../../../shared/sources/cluster/read.js';
import { tmpTree } from '../../helpers/tmp-tree.js';

const FAKE = join(import.meta.dirname, '..', '..', 'fakes', 'bicep');
const BICEP = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'aks-iac', 'bicep');
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('Bicep', () => {
  it('compiles the AVM module with the Bicep CLI and points findings into the .bicep source', async () => {
    const cwd = tmpTree({});
    copyFileSync(join(BICEP, 'avm-managed-cluster__main.bicep'), join(cwd, 'avm-managed-cluster__main.bicep'));
    const source = readFileSync(join(cwd, 'avm-managed-cluster__main.bicep'), 'utf8');
    const read = await readClusterDefinitions(['avm-managed-cluster__main.bicep'], { cwd, bicep: { bicepPath: FAKE } });
    expect(read.problems).toEqual([]);
    expect(read.inputs).toMatchObject([{ path: 'avm-managed-cluster__main.bicep', status: 'scanned' }]);
    const [cluster] = read.infrastructure.clusters;
    expect(cluster?.format).toBe('bicep');
    expect(cluster?.at).toMatchObject({ file: 'avm-managed-cluster__main.bicep', approximate: true });
    // The resource declaration, by its symbolic name.
    expect(cluster?.at.region.startLine).toBe(lineOf(source, "resource managedCluster 'Microsoft.ContainerService/managedClusters@"));
    // A property written literally inside it: `enableRBAC: enableRBAC` (the parameter defaults to true).
    expect(known(cluster?.enableRbac)).toBe(true);
    expect(cluster?.enableRbac?.at.region.startLine).toBe(lineOf(source, '    enableRBAC: enableRBAC'));
  });

  it('says plainly when no Bicep CLI is installed, and never downloads one', async () => {
    const empty = tmpTree({ 'bin/.keep': '' });
    const result = await compileBicep(join(BICEP, 'azure-quickstart-templates__aks__main.bicep'), { env: { PATH: join(empty, 'bin'), HOME: empty } });
    expect(result).toEqual({ ok: false, reason: BICEP_NOT_FOUND });
  });

  it('reports a compilation error with the CLI\'s last line, and a hang with the timeout', async () => {
    const cwd = tmpTree({ 'broken.bicep': 'resourcex aks\n', 'slow.bicep': '' });
    const broken = await compileBicep(join(cwd, 'broken.bicep'), { bicepPath: FAKE });
    expect(broken).toMatchObject({ ok: false, reason: expect.stringMatching(/^Bicep compilation failed: .*BCP007/) as unknown });
    const slow = await compileBicep(join(cwd, 'slow.bicep'), { bicepPath: FAKE, timeoutMs: 500 });
    expect(slow).toMatchObject({ ok: false, reason: expect.stringMatching(/timed out/) as unknown });
  });

  it('maps a resource of an array-form template to the n-th declaration of its type', async () => {
    const cwd = tmpTree({
      'main.bicep': [
        "param name string = 'aks1'",
        "resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {",
        '  name: name',
        "  location: 'westeurope'",
        '  properties: {',
        '    disableLocalAccounts: false',
        '  }',
        '}',
        '',
      ].join('\n'),
    });
    mkdirSync(join(cwd, 'x'), { recursive: true });
    const compiled = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      parameters: { name: { type: 'string', defaultValue: 'aks1' } },
      resources: [{ type: 'Microsoft.ContainerService/managedClusters', apiVersion: '2024-05-01', name: "[parameters('name')]", location: 'westeurope', properties: { disableLocalAccounts: false } }],
    };
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(cwd, 'main.bicep.compiled.json'), JSON.stringify(compiled));
    const read = await readClusterDefinitions(['main.bicep'], { cwd, bicep: { bicepPath: FAKE } });
    const [cluster] = read.infrastructure.clusters;
    expect(cluster?.displayName).toBe('aks1');
    expect(cluster?.at.region.startLine).toBe(2);
    expect(cluster?.disableLocalAccounts?.at.region.startLine).toBe(6);
    expect(known(cluster?.disableLocalAccounts)).toBe(false);
  });
});
