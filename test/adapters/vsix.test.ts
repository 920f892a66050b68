// `npm run package` as a release runs it: tfx-cli builds the .vsix offline from vss-extension.json;
// unpacked, it holds the task (task.json, icon, the bundle) and the task runs from there.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tmpTree } from '../helpers/tmp-tree.js';
import { ROOT, runTask } from './runners.js';
import { unzip } from './zip.js';

describe('Azure DevOps extension package', () => {
  it('packs the task and its bundle, and the task runs from the unpacked extension', () => {
    const out = join(tmpTree({}), 'aks-gate.vsix');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const pack = spawnSync(npm, ['run', '--silent', 'package', '--', '--output', out], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, shell: process.platform === 'win32' });
    expect(pack.stderr).not.toMatch(/package:|error/i);
    expect(pack.status).toBe(0);
    expect(pack.stdout.trim().split('\n').at(-1)).toBe(out);

    const entries = unzip(readFileSync(out));
    const same = (entry: string, file: string): void => expect(entries.get(entry)?.equals(readFileSync(join(ROOT, file))), `${entry} == ${file}`).toBe(true);
    same('aks-gate/task.json', 'task.json');
    same('aks-gate/dist/task.js', 'dist/task.js');
    same('aks-gate/dist/package.json', 'dist/package.json');
    same('aks-gate/icon.png', 'task/icon.png');
    same('images/icon.png', 'images/icon.png');
    const contributions = (JSON.parse(entries.get('extension.vsomanifest')?.toString('utf8') ?? '{}') as { contributions?: unknown[] }).contributions;
    expect(contributions).toEqual([expect.objectContaining({ type: 'ms.vss-distributed-task.task', properties: { name: 'aks-gate' } })]);
    expect(entries.get('extension.vsixmanifest')?.toString('utf8')).toMatch(/<Identity Language="en-US" Id="aks-gate" Publisher="aks-gate" Version="[\d.]+"\/>/);

    const unpacked = tmpTree({});
    for (const [name, content] of entries) {
      mkdirSync(dirname(join(unpacked, name)), { recursive: true });
      writeFileSync(join(unpacked, name), content);
    }
    const step = runTask(tmpTree({ 'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  type: ClusterIP\n' }), {}, { bundle: join(unpacked, 'aks-gate/dist/task.js') });
    expect(step.commands.filter((c) => c.command === 'task.complete').map((c) => c.properties.result)).toEqual(['Succeeded']);
    expect(step.stdout).toMatch(/^SARIF report \S+ published as the CodeAnalysisLogs artifact/m);
  });
});
