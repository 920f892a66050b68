// One line per finished image, e.g.
//   [12/40] docker.io/library/redis:7 — 3 critical, 10 high (trivy 8.1 s)
//   [13/40] docker.io/library/x:1 — not evaluated: timed out after 300 s (grype)
//   [14/40] docker.io/library/y@sha256:… — 0 critical, 2 high (trivy, cached)
// With both scanners the parts are joined with "; ", each naming its scanner.

import { safeLine, truncate } from '../output/sanitize.js';
import type { ScannerName } from './report.js';
import type { ScanOutcome } from './runner.js';

export function progressLine(done: number, total: number, image: string, outcomes: readonly (readonly [ScannerName, ScanOutcome])[]): string {
  const parts = outcomes.map(([name, outcome]) => {
    if (!outcome.ok) return `not evaluated: ${outcome.reason} (${name})`;
    const counts = { critical: 0, high: 0 };
    for (const v of outcome.report.vulnerabilities) {
      if (v.severity === 'critical' || v.severity === 'high') counts[v.severity] += 1;
    }
    const secrets = outcome.report.secrets.length;
    const found = [`${counts.critical} critical`, `${counts.high} high`, ...(secrets > 0 ? [`${secrets} secret${secrets === 1 ? '' : 's'}`] : [])];
    const how = outcome.cached === true ? `${name}, cached` : `${name} ${(outcome.durationMs / 1000).toFixed(1)} s`;
    return `${found.join(', ')} (${how})`;
  });
  return `[${done}/${total}] ${truncate(safeLine(image), 200)} — ${parts.join('; ')}`;
}
