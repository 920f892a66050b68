// Bundles the three entry points (CLI, GitHub Action, Azure DevOps task) into self-contained CommonJS
// files in dist/. The output is committed and CI rebuilds it and diffs it, so the build must be
// deterministic: no timestamps, no absolute paths, no minification that depends on the machine.
import { build } from 'esbuild';
import { mkdir, readFile, writeFile } from 'node:fs/promises';

const entries = {
  cli: 'cli/main.ts',
  action: 'action/main.ts',
  task: 'task/main.ts',
};

const { version } = JSON.parse(await readFile('package.json', 'utf8'));
await mkdir('dist', { recursive: true });
// The root package is ESM ("type": "module"); the bundles are CommonJS, as both runners load them.
await writeFile('dist/package.json', JSON.stringify({ type: 'commonjs' }, null, 2) + '\n');

await Promise.all(
  Object.entries(entries).map(([name, entry]) =>
    build({
      entryPoints: [entry],
      outfile: `dist/${name}.js`,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      sourcemap: false,
      legalComments: 'none',
      logLevel: 'warning',
      define: { __AKS_GATE_VERSION__: JSON.stringify(version) },
      banner: name === 'cli' ? { js: '#!/usr/bin/env node' } : {},
    }),
  ),
);
