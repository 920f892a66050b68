// `npm run package [-- --output FILE]`: the Azure DevOps extension (.vsix), built with tfx-cli offline.
// vss-extension.json describes the package as tfx sees it: the task folder (aks-gate/: task.json, its
// icon and the bundle in dist/) beside the extension's icon and README. This script lays that out in a
// temporary folder from the repository's files, so task.json can stay at the repository root, then
// runs `tfx extension create` there (tfx also validates task.json and its execution targets).
// npm runs it from the repository root; run `npm run build` first.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

interface ExtensionManifest {
  readonly id: string;
  readonly publisher: string;
  readonly version: string;
  readonly contributions: readonly { readonly type: string; readonly properties: { readonly name: string } }[];
}

const TASK_CONTRIBUTION = 'ms.vss-distributed-task.task';

export function packageExtension(root: string, output?: string): string {
  const manifest = JSON.parse(readFileSync(join(root, 'vss-extension.json'), 'utf8')) as ExtensionManifest;
  const vsix = resolve(output ?? join(root, `${manifest.publisher}.${manifest.id}-${manifest.version}.vsix`));
  const taskFolder = manifest.contributions.find((c) => c.type === TASK_CONTRIBUTION)?.properties.name;
  if (taskFolder === undefined) throw new Error(`vss-extension.json has no ${TASK_CONTRIBUTION} contribution`);
  /** Path in the package → path in the repository. */
  const layout: Record<string, string> = {
    'vss-extension.json': 'vss-extension.json',
    'README.md': 'README.md',
    'images/icon.png': 'images/icon.png',
    [`${taskFolder}/task.json`]: 'task.json',
    [`${taskFolder}/icon.png`]: 'task/icon.png',
    [`${taskFolder}/dist/task.js`]: 'dist/task.js',
    [`${taskFolder}/dist/package.json`]: 'dist/package.json',
  };
  const stage = mkdtempSync(join(tmpdir(), 'aks-gate-vsix-'));
  try {
    for (const [to, from] of Object.entries(layout)) {
      if (!existsSync(join(root, from))) throw new Error(`${from} is missing (run npm run build first)`);
      cpSync(join(root, from), join(stage, to));
    }
    const tfx = createRequire(join(root, 'package.json')).resolve('tfx-cli/_build/tfx-cli.js');
    const args = ['extension', 'create', '--root', stage, '--manifests', join(stage, 'vss-extension.json'), '--output-path', vsix, '--no-prompt', '--no-color', '--json'];
    const run = spawnSync(process.execPath, [tfx, ...args], { encoding: 'utf8', timeout: 120_000 });
    if (run.status !== 0) throw new Error(`tfx extension create failed (${run.status ?? run.signal}):\n${run.stdout}${run.stderr}`);
    return vsix;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

try {
  const { values } = parseArgs({ options: { output: { type: 'string' } } });
  process.stdout.write(`${packageExtension(process.cwd(), values.output)}\n`);
} catch (error) {
  process.stderr.write(`package: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
