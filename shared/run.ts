// The whole pipeline in one readable function: configuration → inputs → rules → report. Adapters call
// `runScan`, then `writeReports`, then act on `report.gate`.

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseFileConfig, type Config, type FileConfig } from './config.js';
import { known, type Infrastructure, type Unresolved } from './documents/cluster/model.js';
import { compareVersions, parseKubernetesVersion, type KubernetesVersion } from './rules/data/kubernetes-apis.js';
import type { DefinitionProblem } from './sources/cluster/read.js';
import type { DocumentProblem, ManifestObject } from './documents/manifest.js';
import { imageFindings, type ImageFindingsResult } from './scanners/image-findings.js';
import { parseIgnoreList, type ImagePolicy } from './scanners/policy.js';
import { scanImages } from './scanners/runner.js';
import { collectImageUsages, imagesToScan, parseImageList } from './scanners/usages.js';
import { evaluate, fingerprint, type Finding } from './engine.js';
import { ConfigurationError } from './errors.js';
import { decideGate } from './gate.js';
import { toJsonReport } from './output/json.js';
import { toSarif } from './output/sarif.js';
import { toMarkdownSummary } from './output/summary.js';
import type { Logger } from './platform.js';
import type { Notification, ScanReport } from './report.js';
import { RULES } from './rules/index.js';
import { INPUT_PROBLEM } from './rules/input-problem.js';
import { DEFAULT_RULE_SETTINGS, type RuleSettings } from './rules/settings.js';
import { loadManifests, type LoadOptions } from './sources/load.js';
import { TOOL } from './version.js';

export interface RunEnvironment {
  readonly cwd: string;
  readonly logger: Logger;
  readonly readStdin?: LoadOptions['readStdin'];
  /** The environment scanners are looked up in (PATH) and run with; default: this process's. */
  readonly scannerEnv?: NodeJS.ProcessEnv;
  readonly now?: () => Date;
}

export async function runScan(config: Config, env: RunEnvironment): Promise<ScanReport> {
  const now = env.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const fileConfig = await readFileConfig(config.configFile, env.cwd);

  const loaded = await loadManifests({
    cwd: env.cwd,
    paths: config.paths,
    exclude: [...config.exclude, ...fileConfig.exclude],
    maxFileSize: config.maxFileSize,
    parameterFiles: config.parameterFiles,
    varFiles: config.varFiles,
    ...(env.readStdin ? { readStdin: env.readStdin } : {}),
  });
  env.logger.debug(`read ${loaded.objects.length} Kubernetes objects from ${loaded.inputs.length} inputs`);

  const settings: RuleSettings = {
    ...DEFAULT_RULE_SETTINGS,
    ...targetVersion(config, loaded.infrastructure),
    allowedRegistries: [...config.allowedRegistries, ...fileConfig.allowedRegistries],
    infrastructure: loaded.infrastructure,
  };
  const images = await scanWorkloadImages(config, fileConfig, loaded.objects, env, now);
  const result = evaluate({
    objects: loaded.objects,
    infrastructure: loaded.infrastructure,
    rules: RULES,
    overrides: fileConfig.rules,
    settings,
    ...(images ? { external: images.external } : {}),
  });
  const findings = [...loaded.problems.map(problemFinding), ...loaded.definitionProblems.map(definitionProblemFinding), ...result.findings];

  return {
    tool: TOOL,
    startedAt,
    finishedAt: now().toISOString(),
    inputs: loaded.inputs,
    rules: RULES.map((rule) => ({ rule, level: fileConfig.rules[rule.id] ?? rule.severity })),
    findings,
    items: result.items,
    notifications: [...notifications(loaded.inputs.length, loaded.problems), ...loaded.infrastructure.unresolved.map(unresolvedNotification), ...(images?.notifications ?? [])],
    ...(images ? { images: images.images, scanners: images.scanners } : {}),
    gate: decideGate(findings, config.failOn),
  };
}

/** Writes the reports the configuration asks for; returns the paths written. */
export async function writeReports(report: ScanReport, config: Config, cwd: string): Promise<string[]> {
  const outputs: [string | undefined, () => string][] = [
    [config.sarifFile, () => JSON.stringify(toSarif(report), null, 2) + '\n'],
    [config.summaryFile, () => toMarkdownSummary(report)],
    [config.jsonFile, () => JSON.stringify(toJsonReport(report), null, 2) + '\n'],
  ];
  const written: string[] = [];
  for (const [file, render] of outputs) {
    if (file === undefined) continue;
    const absolute = resolve(cwd, file);
    await mkdir(dirname(absolute), { recursive: true });
    await writeFile(absolute, render());
    written.push(file);
  }
  return written;
}

async function readFileConfig(file: string | undefined, cwd: string): Promise<FileConfig> {
  const known = new Set(RULES.map((r) => r.id));
  if (file === undefined) return parseFileConfig(undefined, '', known);
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch {
    throw new ConfigurationError(`config file not found or unreadable: ${file}`);
  }
  let data: unknown;
  try {
    data = parseYaml(text, { version: '1.1', prettyErrors: false });
  } catch (error) {
    throw new ConfigurationError(`${file}: not valid YAML (${(error as Error).message})`);
  }
  return parseFileConfig(data, file, known);
}

function problemFinding(problem: DocumentProblem): Finding {
  return {
    ruleId: INPUT_PROBLEM.id,
    checklist: undefined,
    level: INPUT_PROBLEM.severity,
    messageId: problem.code,
    message: `Document ${problem.docIndex + 1} of ${problem.file} was not checked: ${problem.message}.`,
    file: problem.file,
    region: problem.region,
    approximate: false,
    object: undefined,
    pointer: '',
    fingerprint: fingerprint([INPUT_PROBLEM.id, problem.code, problem.file, String(problem.docIndex)]),
  };
}

/**
 * SEC-4's image half: every image the workloads use (and those given directly) scanned once per
 * scanner, in parallel, then judged by the image policy. Undefined when scanning is switched off.
 */
async function scanWorkloadImages(config: Config, fileConfig: FileConfig, objects: readonly ManifestObject[], env: RunEnvironment, now: () => Date): Promise<ImageFindingsResult | undefined> {
  const options = config.images;
  if (Array.isArray(options.scanners) && options.scanners.length === 0) return undefined;
  const listed = options.extraImages.map((reference) => ({ reference }));
  if (options.imageFile !== undefined) {
    let text: string;
    try {
      text = await readFile(resolve(env.cwd, options.imageFile), 'utf8');
    } catch {
      throw new ConfigurationError(`image-file not found or unreadable: ${options.imageFile}`);
    }
    listed.push(...parseImageList(text, options.imageFile));
  }
  const usages = collectImageUsages(objects, listed);
  const wanted = imagesToScan(usages);
  const policy: ImagePolicy = { threshold: options.threshold, ignoreUnfixed: options.ignoreUnfixed, ignore: parseIgnoreList(fileConfig.ignore, `${config.configFile ?? 'config'}: ignore`) };
  const scan = await scanImages(wanted, {
    scanners: options.scanners,
    timeoutMs: options.timeoutMs,
    offline: options.offline,
    ...(options.trivyPath ? { trivyPath: options.trivyPath } : {}),
    ...(options.grypePath ? { grypePath: options.grypePath } : {}),
    ...(options.trivyServer ? { trivyServer: options.trivyServer } : {}),
    ...(options.trivyCacheDir ? { trivyCacheDir: options.trivyCacheDir } : {}),
    ...(options.grypeCacheDir ? { grypeCacheDir: options.grypeCacheDir } : {}),
    ...(options.resultCacheDir ? { resultCacheDir: resolve(env.cwd, options.resultCacheDir) } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(env.scannerEnv ? { env: env.scannerEnv } : {}),
    onProgress: (line) => env.logger.info(line),
  });
  for (const warning of scan.warnings) env.logger.warn(warning);
  return imageFindings({ usages, scan, policy, today: now() });
}

/**
 * The version the removed-API check targets: the user's, else the newest version among the cluster
 * definitions in the inputs (the manifests must run there), else the newest version aks-gate knows.
 */
function targetVersion(config: Config, infrastructure: Infrastructure): Partial<RuleSettings> {
  if (config.kubernetesVersion) return { kubernetesVersion: config.kubernetesVersion, kubernetesVersionSource: 'configured' };
  let best: { version: KubernetesVersion; cluster: string } | undefined;
  for (const cluster of infrastructure.clusters) {
    const text = known(cluster.kubernetesVersion);
    const version = text === undefined ? undefined : parseKubernetesVersion(text);
    if (version && (best === undefined || compareVersions(version, best.version) > 0)) best = { version, cluster: cluster.displayName };
  }
  return best ? { kubernetesVersion: best.version, kubernetesVersionSource: 'cluster-definition', kubernetesVersionFrom: best.cluster } : {};
}

function definitionProblemFinding(problem: DefinitionProblem): Finding {
  return {
    ruleId: INPUT_PROBLEM.id,
    checklist: undefined,
    level: INPUT_PROBLEM.severity,
    messageId: 'syntax',
    message: `${problem.file} was not checked: ${problem.message}.`,
    file: problem.file,
    region: problem.region,
    approximate: false,
    object: undefined,
    pointer: '',
    fingerprint: fingerprint([INPUT_PROBLEM.id, 'definition', problem.file]),
  };
}

function unresolvedNotification(u: Unresolved): Notification {
  return { level: 'warning', message: `${u.what} was not followed: ${u.reason}.`, file: u.at.file, region: u.at.region };
}

function notifications(inputs: number, problems: readonly DocumentProblem[]): Notification[] {
  const list: Notification[] = problems.map((p) => ({ level: 'error', message: `${p.file}: ${p.message}`, file: p.file, region: p.region }));
  if (inputs === 0) list.push({ level: 'warning', message: 'No files to scan were found under the given paths.' });
  return list;
}
