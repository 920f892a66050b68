// Parses OCI image references the way the container runtime on an AKS node does: the grammar of
// github.com/distribution/reference (registry host with optional port, lower-case path components,
// tag, digest) plus Docker's normalization (`nginx` → `docker.io/library/nginx:latest`). Rules about
// tags, digests and registries and the image scanners all read images through this one parser, so a
// reference means the same thing everywhere. Pure: no I/O, no registry lookups.

export const DEFAULT_REGISTRY = 'docker.io';
/** Docker Hub's old name; Docker rewrites it to docker.io. */
const LEGACY_DEFAULT_REGISTRY = 'index.docker.io';
/** Docker Hub keeps its official images under this namespace: `nginx` is `library/nginx`. */
const OFFICIAL_NAMESPACE = 'library/';
/** The tag a runtime pulls when a reference names neither a tag nor a digest. */
export const DEFAULT_TAG = 'latest';
/** distribution/reference's RepositoryNameTotalLengthMax, applied to the repository path. */
const MAX_REPOSITORY_LENGTH = 255;
const MAX_PORT = 65_535;

// The grammar, piece by piece, as distribution/reference writes it (regexp.go).
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const IPV6_HOST = '\\[[a-fA-F0-9:]+\\]';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|${IPV6_HOST})`;
const DOMAIN_AND_PORT = new RegExp(`^(${HOST})(?::([0-9]+))?$`);
const REPOSITORY = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*):([0-9a-fA-F]{32,})$/;
/** A bare 64-hex string is an image id to Docker, never a repository name. */
const IMAGE_ID = /^[a-f0-9]{64}$/;
/** Digest algorithms the runtimes verify (opencontainers/go-digest), with the exact encoding each needs. */
const DIGEST_ENCODINGS: Readonly<Record<string, RegExp>> = {
  sha256: /^[a-f0-9]{64}$/,
  sha384: /^[a-f0-9]{96}$/,
  sha512: /^[a-f0-9]{128}$/,
};
/** Template syntax left unrendered: Helm/Go `{{ }}`, shell and envsubst `${ }`, `$( )`, Azure DevOps `#{ }#`. */
const PLACEHOLDER = /\{\{|\$\{|\$\(|#\{/;
const WHITESPACE = /\s/u;
/** Control and invisible format characters (zero-width, bidi overrides): never part of an image name. */
const CONTROL = /[\p{Cc}\p{Cf}]/u;
const NON_ASCII = /[^\x20-\x7e]/;

export interface ImageReference {
  /** Registry host, lower-cased, with its port when one was written: `docker.io`, `myacr.azurecr.io`, `localhost:5000`. */
  readonly registry: string;
  /** The registry without its port. */
  readonly host: string;
  readonly port: number | undefined;
  /** True when the reference names no registry and Docker Hub is implied. */
  readonly implicitRegistry: boolean;
  /** Repository path inside the registry: `library/nginx`, `azure-samples/aks-store-demo/store-front`. */
  readonly repository: string;
  /** The tag as written, when one was written. */
  readonly tag: string | undefined;
  /** `sha256:<hex>`, when the reference pins a digest. */
  readonly digest: string | undefined;
  /** `registry/repository`. */
  readonly name: string;
  /** The fully qualified reference a runtime pulls: `docker.io/library/nginx:latest`, `…@sha256:…`. */
  readonly normalized: string;
}

export type ImageReferenceError =
  | 'empty'
  | 'option-like'
  | 'placeholder'
  | 'whitespace'
  | 'control-character'
  | 'invalid-character'
  | 'image-id'
  | 'empty-tag'
  | 'invalid-tag'
  | 'empty-digest'
  | 'invalid-digest'
  | 'unsupported-digest'
  | 'invalid-registry'
  | 'uppercase-repository'
  | 'invalid-repository'
  | 'too-long';

export type ImageReferenceResult =
  | { readonly ok: true; readonly reference: ImageReference }
  | { readonly ok: false; readonly error: ImageReferenceError; readonly reason: string };

/** Why each error refuses the reference; never quotes the input, which may be anything. */
export const IMAGE_REFERENCE_ERRORS: Readonly<Record<ImageReferenceError, string>> = {
  empty: 'the image is empty',
  'option-like': 'it starts with "-", so a tool that passes it on a command line would read it as an option',
  placeholder: 'it holds an unrendered template or variable placeholder',
  whitespace: 'it contains whitespace',
  'control-character': 'it contains control or invisible formatting characters',
  'invalid-character': 'it contains characters outside the image reference grammar',
  'image-id': 'a bare 64-character hex string is an image id, not a repository name',
  'empty-tag': 'the tag after ":" is empty',
  'invalid-tag': 'the tag is not valid (letters, digits, "_", "." and "-", at most 128, not starting with "." or "-")',
  'empty-digest': 'the digest after "@" is empty',
  'invalid-digest': 'the digest is not of the form algorithm:hex',
  'unsupported-digest': 'the digest algorithm is unknown or its hex has the wrong length or case (sha256 needs 64 lower-case hex digits)',
  'invalid-registry': 'the registry host or port is not valid',
  'uppercase-repository': 'the repository name has upper-case letters, which registries refuse',
  'invalid-repository': 'the repository name is not valid (lower-case letters, digits and single ".", "_", "__" or "-" separators between "/" parts)',
  'too-long': `the repository name is longer than ${MAX_REPOSITORY_LENGTH} characters`,
};

export function parseImageReference(text: string): ImageReferenceResult {
  const refused = precheck(text);
  if (refused) return fail(refused);

  // The digest is everything after the first "@"; the tag is after the last ":" that follows the last "/".
  const at = text.indexOf('@');
  const beforeDigest = at === -1 ? text : text.slice(0, at);
  let digest: string | undefined;
  if (at !== -1) {
    const error = digestError(text.slice(at + 1));
    if (error) return fail(error);
    digest = text.slice(at + 1);
  }
  const colon = beforeDigest.lastIndexOf(':');
  const hasTag = colon > beforeDigest.lastIndexOf('/');
  const nameText = hasTag ? beforeDigest.slice(0, colon) : beforeDigest;
  let tag: string | undefined;
  if (hasTag) {
    tag = beforeDigest.slice(colon + 1);
    if (tag === '') return fail('empty-tag');
    if (!TAG.test(tag)) return fail('invalid-tag');
  }

  const split = splitRegistry(nameText);
  if (typeof split === 'string') return fail(split);
  const { registry, host, port, implicitRegistry, repository } = split;
  if (repository.toLowerCase() !== repository) return fail('uppercase-repository');
  if (!REPOSITORY.test(repository)) return fail('invalid-repository');
  if (repository.length > MAX_REPOSITORY_LENGTH) return fail('too-long');

  const name = `${registry}/${repository}`;
  const normalized = `${name}${tag !== undefined ? `:${tag}` : digest === undefined ? `:${DEFAULT_TAG}` : ''}${digest !== undefined ? `@${digest}` : ''}`;
  return { ok: true, reference: { registry, host, port, implicitRegistry, repository, tag, digest, name, normalized } };
}

/** The refusals that do not need the grammar: they protect every later consumer (logs, command lines, Markdown). */
function precheck(text: string): ImageReferenceError | undefined {
  if (text === '') return 'empty';
  if (text.startsWith('-')) return 'option-like';
  if (CONTROL.test(text.replace(/[\t\n\r\v\f]/g, ' '))) return 'control-character';
  if (PLACEHOLDER.test(text)) return 'placeholder';
  if (WHITESPACE.test(text)) return 'whitespace';
  if (NON_ASCII.test(text)) return 'invalid-character';
  if (IMAGE_ID.test(text)) return 'image-id';
  return undefined;
}

/** What is wrong with the text after "@", if anything. */
function digestError(text: string): ImageReferenceError | undefined {
  if (text === '') return 'empty-digest';
  const match = DIGEST.exec(text);
  if (!match) return 'invalid-digest';
  const encoding = DIGEST_ENCODINGS[match[1] ?? ''];
  if (encoding === undefined || !encoding.test(match[2] ?? '')) return 'unsupported-digest';
  return undefined;
}

interface RegistrySplit {
  readonly registry: string;
  readonly host: string;
  readonly port: number | undefined;
  readonly implicitRegistry: boolean;
  readonly repository: string;
}

/**
 * Docker's rule (distribution/reference splitDockerDomain): the first "/"-separated part is a registry
 * when it is `localhost`, contains "." or ":", or has upper-case letters; otherwise the whole name is a
 * Docker Hub repository, and a one-part Docker Hub name lives under `library/`.
 */
function splitRegistry(nameText: string): RegistrySplit | ImageReferenceError {
  const slash = nameText.indexOf('/');
  const first = slash === -1 ? '' : nameText.slice(0, slash);
  const isRegistry = slash !== -1 && (first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first);
  if (!isRegistry) return dockerHub(nameText, true);

  const match = DOMAIN_AND_PORT.exec(first);
  if (!match) return 'invalid-registry';
  const host = (match[1] ?? '').toLowerCase();
  const port = match[2] === undefined ? undefined : Number(match[2]);
  if (port !== undefined && port > MAX_PORT) return 'invalid-registry';
  const rest = nameText.slice(slash + 1);
  if (host === DEFAULT_REGISTRY || host === LEGACY_DEFAULT_REGISTRY) {
    if (port === undefined) return dockerHub(rest, false);
  }
  return { registry: port === undefined ? host : `${host}:${port}`, host, port, implicitRegistry: false, repository: rest };
}

function dockerHub(path: string, implicitRegistry: boolean): RegistrySplit {
  const repository = path.includes('/') ? path : `${OFFICIAL_NAMESPACE}${path}`;
  return { registry: DEFAULT_REGISTRY, host: DEFAULT_REGISTRY, port: undefined, implicitRegistry, repository };
}

function fail(error: ImageReferenceError): ImageReferenceResult {
  return { ok: false, error, reason: IMAGE_REFERENCE_ERRORS[error] };
}

// ---------------------------------------------------------------------------------------------------
// Registry allow-list patterns.
//
// A pattern is a registry host with an optional port, matched against ImageReference.registry:
// - `mcr.microsoft.com` matches exactly that host (case-insensitive, as DNS is);
// - `*` stands for a whole DNS label or more, so `*.azurecr.io` matches `myacr.azurecr.io` and
//   `myacr.westeurope.data.azurecr.io` but not `azurecr.io` itself, nor `evil-azurecr.io`;
//   a `*` inside a label (`acr*.azurecr.io`) is refused, because it is easy to misread;
// - the port must match: `localhost:5000` matches only port 5000, and a pattern without a port
//   matches only a registry written without one (an allow-list is safer strict);
// - `docker.io` (or `index.docker.io`) matches Docker Hub, also when an image names no registry.
// ---------------------------------------------------------------------------------------------------

export interface RegistryPattern {
  readonly source: string;
  readonly regex: RegExp;
}

export type RegistryPatternResult = { readonly ok: true; readonly pattern: RegistryPattern } | { readonly ok: false; readonly reason: string };

const PATTERN_LABEL = /^(?:\*|[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)$/;
const WILDCARD_LABELS = '[a-z0-9-]+(?:\\.[a-z0-9-]+)*';

/** Compiles one allow-list entry; the configuration calls this once to refuse a bad pattern early. */
export function compileRegistryPattern(text: string): RegistryPatternResult {
  const source = text.trim().toLowerCase();
  if (source === '') return { ok: false, reason: 'the pattern is empty' };
  if (source.includes('/')) return { ok: false, reason: 'write the registry host only, without a scheme or a repository path' };
  const match = /^(\[[0-9a-f:]+\]|[^:]+)(?::([0-9]+))?$/.exec(source);
  const hostPart = match?.[1];
  if (match === null || hostPart === undefined) return { ok: false, reason: 'the pattern is not a host with an optional :port' };
  const port = match[2];
  const host = hostPart === LEGACY_DEFAULT_REGISTRY && port === undefined ? DEFAULT_REGISTRY : hostPart;
  let hostRegex: string;
  if (host.startsWith('[')) {
    hostRegex = escapeRegex(host);
  } else {
    const labels = host.split('.');
    if (!labels.every((label) => PATTERN_LABEL.test(label))) {
      return { ok: false, reason: 'each dot-separated part must be a DNS label or a lone "*"' };
    }
    hostRegex = labels.map((label) => (label === '*' ? WILDCARD_LABELS : escapeRegex(label))).join('\\.');
  }
  const portRegex = port === undefined ? '' : `:${String(Number(port))}`;
  return { ok: true, pattern: { source, regex: new RegExp(`^${hostRegex}${portRegex}$`) } };
}

/** Whether the image's registry is one of the patterns; invalid patterns match nothing. */
export function registryAllowed(reference: ImageReference, patterns: readonly string[]): boolean {
  return patterns.some((text) => {
    const compiled = compileRegistryPattern(text);
    return compiled.ok && compiled.pattern.regex.test(reference.registry);
  });
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
