// Turns the configured paths (and stdin) into Kubernetes objects with positions, input problems
// (findings at their line) and a record for every input: scanned, skipped or failed, with why.

import { parseManifests, type DocumentProblem, type ManifestObject, type ParsedManifests } from '../documents/manifest.js';
import type { Infrastructure } from '../documents/cluster/model.js';
import type { InputRecord } from '../report.js';
import { looksLikeDefinition, readClusterDefinitions, type DefinitionProblem } from './cluster/read.js';
import type { BicepOptions } from './cluster/bicep.js';
import { decode, formatBytes, readText } from './read.js';
import { createSourceResolver } from './rendered-sources.js';
import { walk } from './walk.js';

export const STDIN = '-';
export const STDIN_NAME = '<stdin>';

export interface LoadOptions {
  readonly cwd: string;
  readonly paths: readonly string[];
  readonly exclude: readonly string[];
  readonly maxFileSize: number;
  /** Reads standard input, at most `maxBytes` (more is an error the loader reports). */
  readonly readStdin?: (maxBytes: number) => Promise<Uint8Array | 'too-large'>;
  /** ARM parameters files (`--parameters`). */
  readonly parameterFiles?: readonly string[];
  /** Terraform variable files (`--var-file`). */
  readonly varFiles?: readonly string[];
  readonly bicep?: BicepOptions;
}

export interface Loaded {
  readonly objects: ManifestObject[];
  readonly problems: DocumentProblem[];
  readonly inputs: InputRecord[];
  /** What the cluster definitions (ARM, Bicep, Terraform, plans) among the inputs describe. */
  readonly infrastructure: Infrastructure;
  /** Cluster-definition files that could not be parsed, at their line. */
  readonly definitionProblems: DefinitionProblem[];
}

const DEFINITION_EXTENSIONS = /\.(tf|tfvars|bicep)$/i;
/** Files read ahead of the one being parsed. */
const READ_AHEAD = 16;

export async function loadManifests(options: LoadOptions): Promise<Loaded> {
  const objects: ManifestObject[] = [];
  const problems: DocumentProblem[] = [];
  const inputs: InputRecord[] = [];
  const filePaths = options.paths.filter((p) => p !== STDIN);
  const { candidates, skipped } = await walk(filePaths, options);
  const definitions: string[] = [];
  const texts = new Map<string, string>();

  // Reading is I/O and parsing is CPU: keep a few reads in flight ahead of the parser, in order.
  const manifests = candidates.filter((c) => !DEFINITION_EXTENSIONS.test(c.absolute));
  definitions.push(...candidates.filter((c) => DEFINITION_EXTENSIONS.test(c.absolute)).map((c) => c.absolute));
  const reads = new Map<number, ReturnType<typeof readText>>();
  const startRead = (i: number): void => {
    const candidate = manifests[i];
    if (candidate !== undefined && !reads.has(i)) reads.set(i, readText(candidate.absolute, options.maxFileSize));
  };
  for (let i = 0; i < manifests.length; i++) {
    const candidate = manifests[i] as (typeof manifests)[number];
    for (let ahead = i; ahead < i + READ_AHEAD; ahead++) startRead(ahead);
    const read = await (reads.get(i) as ReturnType<typeof readText>);
    reads.delete(i);
    if (!read.ok) {
      inputs.push({ path: candidate.path, status: read.status, reason: read.reason, documents: 0, objects: 0 });
      continue;
    }
    // ARM templates and Terraform plans are JSON too: they go to the cluster-definition readers.
    if (/\.json$/i.test(candidate.absolute) && looksLikeDefinition(read.text)) {
      definitions.push(candidate.absolute);
      texts.set(candidate.absolute, read.text);
      continue;
    }
    add({ objects, problems, inputs }, candidate.path, parseManifests(read.text, candidate.path));
  }
  inputs.push(...skipped);

  const cluster = await readClusterDefinitions(definitions, {
    cwd: options.cwd,
    maxFileSize: options.maxFileSize,
    texts,
    ...(options.parameterFiles ? { parameterFiles: options.parameterFiles } : {}),
    terraform: { ...(options.varFiles ? { varFiles: options.varFiles } : {}) },
    ...(options.bicep ? { bicep: options.bicep } : {}),
  });
  inputs.push(...cluster.inputs);
  const loaded: Loaded = { objects, problems, inputs, infrastructure: cluster.infrastructure, definitionProblems: cluster.problems };

  if (options.paths.includes(STDIN)) await loadStdin(loaded, options);
  loaded.inputs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return loaded;
}

async function loadStdin(loaded: Loaded, options: LoadOptions): Promise<void> {
  if (!options.readStdin) {
    loaded.inputs.push({ path: STDIN_NAME, status: 'failed', reason: 'standard input is not available here', documents: 0, objects: 0 });
    return;
  }
  const bytes = await options.readStdin(options.maxFileSize);
  if (bytes === 'too-large') {
    loaded.inputs.push({ path: STDIN_NAME, status: 'skipped', reason: `larger than the ${formatBytes(options.maxFileSize)} limit; raise --max-file-size`, documents: 0, objects: 0 });
    return;
  }
  const read = decode(bytes);
  if (!read.ok) {
    loaded.inputs.push({ path: STDIN_NAME, status: read.status, reason: read.reason, documents: 0, objects: 0 });
    return;
  }
  const resolver = await createSourceResolver(options.cwd);
  add(loaded, STDIN_NAME, parseManifests(read.text, STDIN_NAME, { resolveSource: (source) => resolver.resolve(source) }));
}

function add(loaded: Pick<Loaded, 'objects' | 'problems' | 'inputs'>, path: string, parsed: ParsedManifests): void {
  loaded.objects.push(...parsed.objects);
  loaded.problems.push(...parsed.problems);
  loaded.inputs.push(record(path, parsed));
}

function record(path: string, parsed: ParsedManifests): InputRecord {
  const { documents, problems, skipped } = parsed;
  const objects = parsed.objects.length;
  const base = { path, documents, objects };
  if (documents === 0) return { ...base, status: 'skipped', reason: 'no YAML documents (empty or only comments)' };
  if (objects === 0 && problems.length > 0) {
    const first = problems[0];
    return { ...base, status: 'failed', reason: `${first?.message ?? 'cannot be parsed'} (line ${first?.region.startLine ?? 1})` };
  }
  if (objects === 0) return { ...base, status: 'skipped', reason: skipped[0]?.reason ?? 'no Kubernetes objects' };
  const notes: string[] = [];
  if (problems.length > 0) notes.push(`${problems.length} of ${documents} documents could not be parsed`);
  if (skipped.length > 0) notes.push(`${skipped.length} of ${documents} documents skipped: ${[...new Set(skipped.map((s) => s.reason))].join('; ')}`);
  return notes.length > 0 ? { ...base, status: 'scanned', reason: notes.join('; ') } : { ...base, status: 'scanned' };
}
