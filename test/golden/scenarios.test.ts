// Golden scenarios: test/golden/scenarios/<name>/inputs → the whole pipeline → expected.sarif and
// expected-summary.md, normalized for the version and times. `AKS_GATE_UPDATE_GOLDEN=1 npm test`
// rewrites them; review the diff like code.

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../shared/config.js';
import { toSarif } from '../../shared/output/sarif.js';
import { toMarkdownSummary } from '../../shared/output/summary.js';
import { silentLogger } from '../../shared/platform.js';
import { runScan } from '../../shared/run.js';
import { expectValidSarif } from '../helpers/sarif-schema.js';

const ROOT = join(import.meta.dirname, 'scenarios');
const FIXED_TIME = new Date('2026-01-01T00:00:00.000Z');

function normalize(text: string, version: string): string {
  return text.split(version).join('0.0.0-golden');
}

describe('golden scenarios', () => {
  for (const name of readdirSync(ROOT).sort()) {
    it(name, async () => {
      const dir = join(ROOT, name);
      // Image scanning off: goldens must not depend on the scanners a machine has installed.
      const config = parseConfig((input) => (input === 'path' ? 'inputs' : input === 'scanners' ? 'none' : undefined));
      const report = await runScan(config, { cwd: dir, logger: silentLogger, now: () => FIXED_TIME });
      const sarif = toSarif(report);
      expectValidSarif(sarif);
      const outputs = {
        'expected.sarif': normalize(JSON.stringify(sarif, null, 2) + '\n', report.tool.version),
        'expected-summary.md': normalize(toMarkdownSummary(report), report.tool.version),
      };
      for (const [file, actual] of Object.entries(outputs)) {
        const path = join(dir, file);
        if (process.env.AKS_GATE_UPDATE_GOLDEN || !existsSync(path)) writeFileSync(path, actual);
        expect(actual, `${name}/${file} (AKS_GATE_UPDATE_GOLDEN=1 rewrites it)`).toBe(readFileSync(path, 'utf8'));
      }
    });
  }
});
