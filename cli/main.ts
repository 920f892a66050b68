// `aks-gate`, the command-line adapter: argv → the core's config → scan → console, files, exit code.
// Exit 0: gate passed; 1: gate failed; 2: usage or configuration error (one line, no stack trace);
// 3: a bug in aks-gate.

import { parseArgs } from 'node:util';
import { parseConfig, type InputName } from '../shared/config.js';
import { ConfigurationError } from '../shared/errors.js';
import { renderConsole } from '../shared/output/console.js';
import { safeLine } from '../shared/output/sanitize.js';
import type { Logger } from '../shared/platform.js';
import { RULES } from '../shared/rules/index.js';
import { runScan, writeReports } from '../shared/run.js';
import { TOOL } from '../shared/version.js';
import { readStdin } from './stdin.js';

const USAGE = `Usage: aks-gate scan [PATH ...] [options]
       aks-gate rules

Checks Kubernetes manifests and AKS cluster definitions (ARM, Bicep, Terraform,
terraform show -json plans) against the enterprise AKS checklist.
PATH is a file or directory (default "."); "-" reads manifests from standard input,
e.g. helm template my-release ./chart | aks-gate scan -

Options:
  --sarif FILE                 write SARIF 2.1.0
  --summary FILE               write the Markdown summary
  --json FILE                  write the JSON report
  --fail-on LEVEL              error | warning | note | never (default: error)
  --kubernetes-version X.Y     target version for the removed-API check
  --exclude GLOB               skip matching paths (repeatable)
  --allowed-registry PATTERN   images must come from these registries (repeatable, e.g. *.azurecr.io)
  --config FILE                rule overrides: rules: {rule-id: off|error|warning|note}
  --parameters FILE            ARM parameters file for the templates (repeatable;
                               default: <template>.parameters.json beside each one)
  --var-file FILE              Terraform variables file (repeatable)

Image scanning (Trivy and/or Grype, whichever is installed):
  --scanners LIST              auto (default), trivy, grype, trivy,grype or none
  --image REF                  scan this image too (repeatable); --image-file FILE: a list
  --vulnerability-threshold S  lowest fixable severity that is an error (default: high)
  --ignore-unfixed             leave out vulnerabilities without a fix
  --trivy-path P, --grype-path P, --trivy-server URL
  --trivy-cache-dir D, --grype-cache-dir D   database caches (cache them in CI)
  --scan-cache-dir DIR         keep results between runs; reused for images pinned
                               by digest with the same scanner and database
  --scan-timeout SECONDS       per image and scanner (default: 300)
  --scan-concurrency N         scanner processes at once (default: CPUs)
  --offline                    no database download; use the caches as they are
  --max-file-size SIZE         skip larger files (default: 10MiB)
  --no-color                   plain output even on a terminal
  -h, --help                   this help
  -v, --version                the version

Exit status: 0 gate passed, 1 gate failed, 2 usage or configuration error.`;

const OPTIONS = {
  sarif: { type: 'string' },
  summary: { type: 'string' },
  json: { type: 'string' },
  'fail-on': { type: 'string' },
  'kubernetes-version': { type: 'string' },
  exclude: { type: 'string', multiple: true },
  'allowed-registry': { type: 'string', multiple: true },
  config: { type: 'string' },
  parameters: { type: 'string', multiple: true },
  'var-file': { type: 'string', multiple: true },
  'max-file-size': { type: 'string' },
  scanners: { type: 'string' },
  image: { type: 'string', multiple: true },
  'image-file': { type: 'string' },
  'vulnerability-threshold': { type: 'string' },
  'ignore-unfixed': { type: 'boolean' },
  'trivy-path': { type: 'string' },
  'grype-path': { type: 'string' },
  'trivy-server': { type: 'string' },
  'trivy-cache-dir': { type: 'string' },
  'grype-cache-dir': { type: 'string' },
  'scan-cache-dir': { type: 'string' },
  'scan-timeout': { type: 'string' },
  'scan-concurrency': { type: 'string' },
  offline: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${TOOL.version}\n`);
    return 0;
  }
  const [command, ...paths] = positionals;
  if (command === 'rules') {
    for (const rule of RULES) process.stdout.write(`${rule.id.padEnd(36)} ${rule.checklist.padEnd(6)} ${rule.severity.padEnd(8)} ${rule.title}\n`);
    return 0;
  }
  if (command !== 'scan') return usageError(command === undefined ? 'missing command' : `unknown command "${command}"`);

  const inputs: Record<InputName, string | undefined> = {
    path: paths.join('\n') || undefined,
    exclude: values.exclude?.join('\n'),
    'fail-on': values['fail-on'],
    'sarif-file': values.sarif,
    'summary-file': values.summary,
    'json-file': values.json,
    'kubernetes-version': values['kubernetes-version'],
    'allowed-registries': values['allowed-registry']?.join('\n'),
    'max-file-size': values['max-file-size'],
    config: values.config,
    parameters: values.parameters?.join('\n'),
    'var-file': values['var-file']?.join('\n'),
    scanners: values.scanners,
    image: values.image?.join('\n'),
    'image-file': values['image-file'],
    'vulnerability-threshold': values['vulnerability-threshold'],
    'ignore-unfixed': values['ignore-unfixed'] === true ? 'true' : undefined,
    'trivy-path': values['trivy-path'],
    'grype-path': values['grype-path'],
    'trivy-server': values['trivy-server'],
    'trivy-cache-dir': values['trivy-cache-dir'],
    'grype-cache-dir': values['grype-cache-dir'],
    'scan-cache-dir': values['scan-cache-dir'],
    'scan-timeout': values['scan-timeout'],
    'scan-concurrency': values['scan-concurrency'],
    offline: values.offline === true ? 'true' : undefined,
  };
  const cwd = process.cwd();
  const logger: Logger = {
    info: (m) => process.stderr.write(safeLine(m) + '\n'),
    warn: (m) => process.stderr.write(`warning: ${safeLine(m)}\n`),
    debug: (m) => {
      if (process.env.AKS_GATE_DEBUG) process.stderr.write(`debug: ${safeLine(m)}\n`);
    },
  };
  try {
    const config = parseConfig((name) => inputs[name]);
    const report = await runScan(config, { cwd, logger, readStdin });
    const color = !values['no-color'] && process.stdout.isTTY === true && !('NO_COLOR' in process.env);
    process.stdout.write(renderConsole(report, { color }));
    for (const file of await writeReports(report, config, cwd)) logger.info(`wrote ${file}`);
    return report.gate.passed ? 0 : 1;
  } catch (error) {
    if (error instanceof ConfigurationError) return usageError(error.message);
    throw error;
  }
}

function usageError(message: string): number {
  process.stderr.write(`aks-gate: ${safeLine(message)}\nRun "aks-gate --help" for usage.\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`aks-gate: internal error, please report it: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 3;
  },
);
