// Parses one file (or stdin) of YAML/JSON into Kubernetes objects that remember where each of their
// fields was written. YAML is read as Kubernetes reads it (YAML 1.1: `yes`, `on`, `0644`), aliases
// are bounded (an alias bomb is refused, not expanded), and a broken document is reported at its line
// while the other documents of the file are still read.

import { LineCounter, isScalar, parseAllDocuments, type Document } from 'yaml';
import { classifyDocument } from './classify.js';
import { Locator, regionAt, type Located, type Path, type Region } from './locator.js';
import { mapIntoTemplate, type TemplateSource } from './rendered.js';

export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** As written; undefined for cluster-scoped objects and for namespaced ones that leave it to kubectl. */
  readonly namespace: string | undefined;
}

export interface ManifestObject extends ObjectRef {
  readonly body: Readonly<Record<string, unknown>>;
  /** Repo-relative path (forward slashes) of the file the object is written in. */
  readonly file: string;
  /** 0-based index of the YAML document in its file (or in the stream). */
  readonly docIndex: number;
  /** Where the object sits inside its document: [] or ['items', n] for the items of a List. */
  readonly basePath: Path;
  /** True when the object was rendered (Helm) and its lines are mapped back into the template by key. */
  readonly approximate: boolean;
  /** Where a path inside the object (relative to the object) was written. */
  locate(path: Path): Located;
}

export type ProblemCode = 'syntax' | 'duplicate-key' | 'alias-limit' | 'not-an-object';

export interface DocumentProblem {
  readonly file: string;
  readonly docIndex: number;
  readonly code: ProblemCode;
  /** Parser's own words, never the file's content. */
  readonly message: string;
  readonly region: Region;
}

export interface SkippedDocument {
  readonly docIndex: number;
  readonly reason: string;
}

export interface ParsedManifests {
  readonly objects: ManifestObject[];
  readonly problems: DocumentProblem[];
  readonly skipped: SkippedDocument[];
  /** Non-empty documents seen. */
  readonly documents: number;
}

export interface ParseOptions {
  /**
   * For rendered streams: turns a `# Source: chart/templates/x.yaml` comment (or a Kustomize origin
   * annotation) into the repo file and text the document came from, when that file is in the repo.
   */
  readonly resolveSource?: (source: string) => TemplateSource | undefined;
}

const SOURCE_COMMENT = /^#\s*Source:\s*(\S[^\r\n]*?)\s*$/m;
const KUSTOMIZE_ORIGIN = 'config.kubernetes.io/origin';

export function parseManifests(source: string, file: string, options: ParseOptions = {}): ParsedManifests {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source; // a UTF-8 byte order mark
  const lines = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter: lines, version: '1.1', prettyErrors: false, keepSourceTokens: false });
  const result = { objects: [] as ManifestObject[], problems: [] as DocumentProblem[], skipped: [] as SkippedDocument[], documents: 0 };
  if (!Array.isArray(parsed)) return result; // an empty stream

  let previousEnd = 0;
  parsed.forEach((doc, docIndex) => {
    const header = text.slice(previousEnd, doc.contents?.range?.[0] ?? doc.range[0]);
    previousEnd = doc.range[2];
    // `---` with nothing (or only comments) after it: yaml gives no contents or an empty scalar.
    if (doc.errors.length === 0 && (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null))) return;
    result.documents += 1;

    const problem = firstProblem(doc, lines);
    if (problem) {
      result.problems.push({ file, docIndex, ...problem });
      return;
    }
    let body: unknown;
    try {
      body = doc.toJS({ maxAliasCount: 100 });
    } catch {
      // yaml refuses to expand more aliases than this: the billion-laughs attack, or a file no person wrote.
      result.problems.push({
        file,
        docIndex,
        code: 'alias-limit',
        message: 'too many YAML aliases (more than 100 expansions); refusing to expand a possible alias bomb',
        region: new Locator(doc, lines, text).locate([]).region,
      });
      return;
    }

    const kind = classifyDocument(body);
    if (kind.type === 'other') {
      result.skipped.push({ docIndex, reason: kind.reason });
      return;
    }
    const locator = new Locator(doc, lines, text);
    const items = kind.type === 'list' ? kind.items.map((item, i) => ({ item, basePath: ['items', i] as Path })) : [{ item: body, basePath: [] as Path }];
    for (const { item, basePath } of items) {
      const ref = objectRef(item);
      if (ref === undefined) {
        result.problems.push({
          file,
          docIndex,
          code: 'not-an-object',
          message: 'a List item is not a Kubernetes object (it needs apiVersion and kind)',
          region: locator.locate(basePath).region,
        });
        continue;
      }
      const source = renderedSource(header, item, options);
      const locate = source
        ? (path: Path): Located => mapIntoTemplate(source, locator, [...basePath, ...path])
        : (path: Path): Located => {
            const at = locator.locate([...basePath, ...path]);
            return { region: at.region, found: at.found.slice(basePath.length) };
          };
      result.objects.push({
        ...ref,
        body: item as Record<string, unknown>,
        file: source?.file ?? file,
        docIndex,
        basePath,
        approximate: source !== undefined,
        locate,
      });
    }
  });
  return result;
}

function firstProblem(doc: Document.Parsed, lines: LineCounter): Omit<DocumentProblem, 'file' | 'docIndex'> | undefined {
  const error = doc.errors[0];
  if (!error) return undefined;
  const at = lines.linePos(error.pos[0]);
  const code: ProblemCode = error.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'syntax';
  const message =
    code === 'duplicate-key'
      ? 'duplicate key in a mapping: Kubernetes tooling rejects it or silently keeps one of the values'
      : `YAML syntax error (${error.code}): ${error.message}`;
  return { code, message, region: regionAt(at.line, at.col) };
}

function objectRef(value: unknown): ObjectRef | undefined {
  if (!isRecord(value) || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string') return undefined;
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : typeof metadata.generateName === 'string' ? `${metadata.generateName}*` : '';
  const namespace = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined;
  return { apiVersion: value.apiVersion, kind: value.kind, name, namespace };
}

function renderedSource(header: string, item: unknown, options: ParseOptions): TemplateSource | undefined {
  if (!options.resolveSource) return undefined;
  const comment = SOURCE_COMMENT.exec(header)?.[1];
  const annotations = isRecord(item) && isRecord(item.metadata) && isRecord(item.metadata.annotations) ? item.metadata.annotations : {};
  const origin = annotations[KUSTOMIZE_ORIGIN];
  const kustomizePath = typeof origin === 'string' ? /^path:\s*(\S+)\s*$/m.exec(origin)?.[1] : undefined;
  const source = comment ?? kustomizePath;
  return source === undefined ? undefined : options.resolveSource(source);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `Deployment shop/api`, or `Deployment api` when the namespace is left to kubectl. */
export function describe(ref: ObjectRef): string {
  const name = ref.name === '' ? '(unnamed)' : ref.name;
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${name}`;
}

/** The namespace an object lands in when applied without `-n`: what cross-object matching compares. */
export function effectiveNamespace(ref: ObjectRef): string {
  return ref.namespace ?? 'default';
}
