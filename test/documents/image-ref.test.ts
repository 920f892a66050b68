import { describe, expect, it } from 'vitest';
import {
  compileRegistryPattern,
  parseImageReference,
  registryAllowed,
  type ImageReference,
  type ImageReferenceError,
} from '../../shared/documents/image-ref.js';

const SHA256 = 'sha256:594ceea76b01c592858f803f9ff4d2cb40542cae2060410b2c95f75907d659e1';
const SHA512 = `sha512:${'ab'.repeat(64)}`;

function parsed(text: string): ImageReference {
  const result = parseImageReference(text);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got ${result.error}`);
  return result.reference;
}

describe('parseImageReference: normalization as Docker does it', () => {
  it.each([
    // [input, normalized, registry, repository, tag, digest, implicit registry]
    ['nginx', 'docker.io/library/nginx:latest', 'docker.io', 'library/nginx', undefined, undefined, true],
    ['nginx:1.27', 'docker.io/library/nginx:1.27', 'docker.io', 'library/nginx', '1.27', undefined, true],
    ['redis:alpine', 'docker.io/library/redis:alpine', 'docker.io', 'library/redis', 'alpine', undefined, true],
    ['newrelic/nrsysmond', 'docker.io/newrelic/nrsysmond:latest', 'docker.io', 'newrelic/nrsysmond', undefined, undefined, true],
    ['vllm/vllm-openai:v0.11.0', 'docker.io/vllm/vllm-openai:v0.11.0', 'docker.io', 'vllm/vllm-openai', 'v0.11.0', undefined, true],
    ['docker.io/nginx', 'docker.io/library/nginx:latest', 'docker.io', 'library/nginx', undefined, undefined, false],
    ['index.docker.io/library/nginx:1', 'docker.io/library/nginx:1', 'docker.io', 'library/nginx', '1', undefined, false],
    ['localhost/app', 'localhost/app:latest', 'localhost', 'app', undefined, undefined, false],
    ['localhost:5000/x', 'localhost:5000/x:latest', 'localhost:5000', 'x', undefined, undefined, false],
    ['myacr.azurecr.io/shop/api:1.4.2', 'myacr.azurecr.io/shop/api:1.4.2', 'myacr.azurecr.io', 'shop/api', '1.4.2', undefined, false],
    ['MyACR.AzureCR.io/api:1', 'myacr.azurecr.io/api:1', 'myacr.azurecr.io', 'api', '1', undefined, false],
    ['10.0.0.4:5000/team/app:v2', '10.0.0.4:5000/team/app:v2', '10.0.0.4:5000', 'team/app', 'v2', undefined, false],
    ['[::1]:5000/app:v1', '[::1]:5000/app:v1', '[::1]:5000', 'app', 'v1', undefined, false],
    // A registry needs a ".", a ":" or `localhost`: otherwise the first part is a Docker Hub namespace.
    ['myregistry/app', 'docker.io/myregistry/app:latest', 'docker.io', 'myregistry/app', undefined, undefined, true],
    // `localhost:5000` alone is the image "localhost" with the tag "5000", as Docker reads it.
    ['localhost:5000', 'docker.io/library/localhost:5000', 'docker.io', 'library/localhost', '5000', undefined, true],
    [`nginx@${SHA256}`, `docker.io/library/nginx@${SHA256}`, 'docker.io', 'library/nginx', undefined, SHA256, true],
    [
      `registry.k8s.io/ingress-nginx/controller:v1.15.1@${SHA256}`,
      `registry.k8s.io/ingress-nginx/controller:v1.15.1@${SHA256}`,
      'registry.k8s.io',
      'ingress-nginx/controller',
      'v1.15.1',
      SHA256,
      false,
    ],
    [`ghcr.io/a/b@${SHA512}`, `ghcr.io/a/b@${SHA512}`, 'ghcr.io', 'a/b', undefined, SHA512, false],
    ['us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/frontend:v0.10.6', 'us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/frontend:v0.10.6', 'us-central1-docker.pkg.dev', 'online-boutique-ci/microservices-demo/frontend', 'v0.10.6', undefined, false],
    ['rabbitmq:4.3.2-management-alpine', 'docker.io/library/rabbitmq:4.3.2-management-alpine', 'docker.io', 'library/rabbitmq', '4.3.2-management-alpine', undefined, true],
    ['a__b/c---d.e_f:Tag_1.x-Y', 'docker.io/a__b/c---d.e_f:Tag_1.x-Y', 'docker.io', 'a__b/c---d.e_f', 'Tag_1.x-Y', undefined, true],
  ] as const)('%s → %s', (input, normalized, registry, repository, tag, digest, implicitRegistry) => {
    const ref = parsed(input);
    expect(ref.normalized).toBe(normalized);
    expect(ref.registry).toBe(registry);
    expect(ref.repository).toBe(repository);
    expect(ref.tag).toBe(tag);
    expect(ref.digest).toBe(digest);
    expect(ref.implicitRegistry).toBe(implicitRegistry);
    expect(ref.name).toBe(`${registry}/${repository}`);
  });

  it('splits host and port', () => {
    expect(parsed('localhost:5000/x')).toMatchObject({ host: 'localhost', port: 5000 });
    expect(parsed('mcr.microsoft.com/azuredocs/azure-vote-front:v1')).toMatchObject({ host: 'mcr.microsoft.com', port: undefined });
  });

  it('accepts a 128-character tag and a 255-character repository, not one more', () => {
    expect(parseImageReference(`app:${'a'.repeat(128)}`).ok).toBe(true);
    expect(parseImageReference(`app:${'a'.repeat(129)}`)).toMatchObject({ ok: false, error: 'invalid-tag' });
    expect(parseImageReference(`r.io/${'a'.repeat(255)}`).ok).toBe(true);
    expect(parseImageReference(`r.io/${'a'.repeat(256)}`)).toMatchObject({ ok: false, error: 'too-long' });
  });
});

describe('parseImageReference: refusals', () => {
  it.each([
    ['', 'empty'],
    ['-nginx', 'option-like'],
    ['--help', 'option-like'],
    ['-oProxyCommand=evil', 'option-like'],
    ['nginx ', 'whitespace'],
    [' nginx', 'whitespace'],
    ['nginx\t:1', 'whitespace'],
    ['nginx\n', 'whitespace'],
    ['nginx\u00a0:1', 'whitespace'],
    ['nginx\u0000', 'control-character'],
    ['nginx\u001b[31m', 'control-character'],
    ['nginx\u200b:1', 'control-character'],
    ['nginx\u202e:1', 'control-character'],
    ['{{ .Values.image }}', 'placeholder'],
    ['myacr.azurecr.io/api:{{ .Values.tag }}', 'placeholder'],
    ['${REGISTRY}/api:${TAG}', 'placeholder'],
    ['myacr.azurecr.io/api:$(TAG)', 'placeholder'],
    ['myacr.azurecr.io/api:#{Build.BuildId}#', 'placeholder'],
    ['nginx:ünïcode', 'invalid-character'],
    ['a'.repeat(64).replace(/a/g, 'f'), 'image-id'],
    ['repo:', 'empty-tag'],
    ['myacr.azurecr.io/shop/api:', 'empty-tag'],
    ['nginx:.1', 'invalid-tag'],
    ['nginx:-1', 'invalid-tag'],
    ['nginx:1:2', 'invalid-repository'],
    ['nginx@', 'empty-digest'],
    ['nginx@sha256', 'invalid-digest'],
    ['nginx@sha256:xyz', 'invalid-digest'],
    ['nginx@sha256:abc@def', 'invalid-digest'],
    [`nginx@${SHA256.toUpperCase().replace('SHA256', 'sha256')}`, 'unsupported-digest'],
    [`nginx@sha256:${'a'.repeat(31)}`, 'invalid-digest'],
    [`nginx@sha256:${'a'.repeat(63)}`, 'unsupported-digest'],
    [`nginx@sha256:${'a'.repeat(65)}`, 'unsupported-digest'],
    [`nginx@md5:${'a'.repeat(32)}`, 'unsupported-digest'],
    ['Nginx', 'uppercase-repository'],
    ['myacr.azurecr.io/Shop/api', 'uppercase-repository'],
    ['https://myacr.azurecr.io/api', 'invalid-registry'],
    ['myacr.azurecr.io//api', 'invalid-repository'],
    ['myacr.azurecr.io/api/', 'invalid-repository'],
    ['myacr.azurecr.io/-api', 'invalid-repository'],
    ['myacr.azurecr.io/a..b', 'invalid-repository'],
    ['my_acr.io/api', 'invalid-registry'],
    ['-acr.io/api', 'option-like'],
    ['acr-.io/api', 'invalid-registry'],
    ['localhost:99999/api', 'invalid-registry'],
  ] as const satisfies readonly (readonly [string, ImageReferenceError])[])('%j is refused: %s', (input, error) => {
    const result = parseImageReference(input);
    expect(result).toMatchObject({ ok: false, error });
    if (!result.ok) expect(result.reason.length).toBeGreaterThan(0);
  });

  it('never quotes the input in its reason', () => {
    const input = '-password=hunter2-but-longer';
    const result = parseImageReference(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).not.toContain('hunter2');
  });
});

describe('registry patterns', () => {
  const ref = (text: string): ImageReference => parsed(text);

  it.each([
    ['*.azurecr.io', 'myacr.azurecr.io/api:1', true],
    ['*.azurecr.io', 'myacr.westeurope.data.azurecr.io/api:1', true],
    ['*.azurecr.io', 'MyAcr.AzureCR.io/api:1', true],
    ['*.AZURECR.IO', 'myacr.azurecr.io/api:1', true],
    ['*.azurecr.io', 'azurecr.io/api:1', false],
    ['*.azurecr.io', 'evil-azurecr.io/api:1', false],
    ['*.azurecr.io', 'myacr.azurecr.io.evil.com/api:1', false],
    ['*.azurecr.io', 'myacr.azurecr.io:443/api:1', false],
    ['mcr.microsoft.com', 'mcr.microsoft.com/azuredocs/azure-vote-front:v1', true],
    ['mcr.microsoft.com', 'mcrXmicrosoft.com/x:1', false],
    ['docker.io', 'nginx:1.27', true],
    ['index.docker.io', 'nginx:1.27', true],
    ['docker.io', 'ghcr.io/x/y:1', false],
    ['localhost:5000', 'localhost:5000/x:1', true],
    ['localhost:5000', 'localhost:5001/x:1', false],
    ['localhost', 'localhost:5000/x:1', false],
    ['*', 'ghcr.io/x/y:1', true],
    ['*', 'nginx:1', true],
    ['registry.*.example.com', 'registry.eu.example.com/x:1', true],
    ['registry.*.example.com', 'registry.example.com/x:1', false],
    ['[::1]:5000', '[::1]:5000/app:v1', true],
  ] as const)('%s vs %s → %s', (pattern, image, expected) => {
    expect(registryAllowed(ref(image), [pattern])).toBe(expected);
  });

  it('matches when any pattern matches, and an empty list matches nothing', () => {
    expect(registryAllowed(ref('ghcr.io/a/b:1'), ['*.azurecr.io', 'ghcr.io'])).toBe(true);
    expect(registryAllowed(ref('ghcr.io/a/b:1'), [])).toBe(false);
  });

  it.each(['', '   ', 'https://myacr.azurecr.io', 'myacr.azurecr.io/team', 'acr*.azurecr.io', '*acr.io', 'a..b', 'bad_host.io', 'host:port'])(
    'refuses the pattern %j',
    (pattern) => {
      expect(compileRegistryPattern(pattern).ok).toBe(false);
      expect(registryAllowed(ref('myacr.azurecr.io/api:1'), [pattern])).toBe(false);
    },
  );
});
