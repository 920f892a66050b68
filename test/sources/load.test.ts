import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifests, type LoadOptions } from '../../shared/sources/load.js';
import { tmpTree } from '../helpers/tmp-tree.js';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

function load(cwd: string, extra: Partial<LoadOptions> = {}) {
  return loadManifests({ cwd, paths: ['.'], exclude: [], maxFileSize: 10 * 1024 * 1024, ...extra });
}

function inputOf(inputs: readonly { path: string }[], path: string) {
  const found = inputs.find((i) => i.path === path);
  expect(found, `input ${path} is listed`).toBeDefined();
  return found as (typeof inputs)[number] & { status: string; reason?: string; documents: number; objects: number };
}

describe('loading manifests from files', () => {
  it('reads multi-document YAML, JSON and List kinds, recursively, with one record per file', async () => {
    const cwd = tmpTree({
      'k8s/app.yaml': `${DEPLOYMENT}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: api\n---\n# only a comment\n`,
      'k8s/pod.json': '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": []}}',
      'k8s/nested/list.yml': 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: a}\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: b}\n',
      'README.md': '# not read',
    });
    const loaded = await load(cwd);
    expect(loaded.objects.map((o) => `${o.file}:${o.kind}/${o.name}`)).toEqual([
      'k8s/app.yaml:Deployment/api',
      'k8s/app.yaml:Service/api',
      'k8s/nested/list.yml:ConfigMap/a',
      'k8s/nested/list.yml:ConfigMap/b',
      'k8s/pod.json:Pod/p',
    ]);
    expect(loaded.inputs.map((i) => [i.path, i.status, i.objects])).toEqual([
      ['k8s/app.yaml', 'scanned', 2],
      ['k8s/nested/list.yml', 'scanned', 2],
      ['k8s/pod.json', 'scanned', 1],
    ]);
    const listItem = loaded.objects.find((o) => o.name === 'b');
    expect(listItem?.locate(['metadata', 'name']).region.startLine).toBe(9);
  });

  it('reads YAML 1.1 scalars as Kubernetes does', async () => {
    const cwd = tmpTree({ 'cm.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: yes\n  volumes:\n    - name: v\n      secret:\n        defaultMode: 0644\n' });
    const [pod] = (await load(cwd)).objects;
    const spec = pod?.body.spec as { hostNetwork: unknown; volumes: { secret: { defaultMode: unknown } }[] };
    expect(spec.hostNetwork).toBe(true);
    expect(spec.volumes[0]?.secret.defaultMode).toBe(0o644);
  });

  it('skips YAML that is not Kubernetes, and says what it is', async () => {
    const cwd = tmpTree({
      '.github/workflows/ci.yml': 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n',
      'compose.yaml': 'services:\n  web:\n    image: nginx\n',
      'chart/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 1.0.0\n',
      'chart/values.yaml': 'replicaCount: 1\nimage:\n  repository: nginx\n',
      'chart/templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n',
      'kustomization.yaml': 'resources:\n  - app.yaml\n',
      'package.json': '{"name": "x", "version": "1.0.0", "scripts": {}}',
    });
    const loaded = await load(cwd);
    expect(loaded.objects).toEqual([]);
    expect(loaded.problems).toEqual([]);
    const reasons = Object.fromEntries(loaded.inputs.map((i) => [i.path, `${i.status}: ${i.reason ?? ''}`]));
    expect(reasons['.github/workflows/ci.yml']).toMatch(/^skipped: GitHub Actions workflow/);
    expect(reasons['compose.yaml']).toMatch(/^skipped: Docker Compose/);
    expect(reasons['chart/Chart.yaml']).toMatch(/^skipped: Helm chart metadata/);
    expect(reasons['chart/values.yaml']).toMatch(/^skipped: not a Kubernetes object/);
    expect(reasons['chart/templates/deployment.yaml']).toMatch(/^skipped: Helm chart template; render it first/);
    expect(reasons['kustomization.yaml']).toMatch(/^skipped: Kustomize kustomization/);
    expect(reasons['package.json']).toMatch(/^skipped: npm package file/);
  });

  it('skips node_modules and .git always, and what --exclude matches with a record', async () => {
    const cwd = tmpTree({
      'node_modules/x/deploy.yaml': DEPLOYMENT,
      '.git/config.yaml': DEPLOYMENT,
      'vendor/deploy.yaml': DEPLOYMENT,
      'app/deploy.yaml': DEPLOYMENT,
    });
    const loaded = await load(cwd, { exclude: ['vendor/**'] });
    expect(loaded.objects.map((o) => o.file)).toEqual(['app/deploy.yaml']);
    expect(inputOf(loaded.inputs, 'vendor').status).toBe('skipped');
    expect(loaded.inputs.some((i) => i.path.startsWith('node_modules') || i.path.startsWith('.git'))).toBe(false);
  });
});

describe('bad input', () => {
  it('reports malformed YAML at its line and still scans the other files and documents', async () => {
    const cwd = tmpTree({
      'a-broken.yaml': `${DEPLOYMENT}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: [unclosed\n`,
      'b-fine.yaml': DEPLOYMENT,
    });
    const loaded = await load(cwd);
    expect(loaded.objects.map((o) => o.file)).toEqual(['a-broken.yaml', 'b-fine.yaml']);
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]).toMatchObject({ file: 'a-broken.yaml', docIndex: 1, code: 'syntax' });
    expect(loaded.problems[0]?.region.startLine).toBeGreaterThanOrEqual(16);
    expect(inputOf(loaded.inputs, 'a-broken.yaml').reason).toMatch(/1 of 2 documents could not be parsed/);
  });

  it('refuses a YAML alias bomb quickly and reports it', async () => {
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const cwd = tmpTree({ 'bomb.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lol\ndata:\n  ${bomb.join('\n  ')}\n` });
    const started = process.hrtime.bigint();
    const loaded = await load(cwd);
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    expect(loaded.objects).toEqual([]);
    expect(loaded.problems.map((p) => p.code)).toEqual(['alias-limit']);
    expect(inputOf(loaded.inputs, 'bomb.yaml').status).toBe('failed');
    // 9^10 strings would never finish; refusing takes milliseconds. The bound is generous for a loaded CI box.
    expect(elapsedMs).toBeLessThan(5000);
  });

  it('reports duplicate keys instead of silently keeping one value', async () => {
    const cwd = tmpTree({ 'dup.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  name: b\n' });
    const loaded = await load(cwd);
    expect(loaded.problems).toMatchObject([{ code: 'duplicate-key', region: { startLine: 5 } }]);
  });

  it('skips a file over the size cap, and reads it when the cap is raised', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 0x20);
    Buffer.from(DEPLOYMENT).copy(big);
    const cwd = tmpTree({ 'big.yaml': big });
    const skipped = await load(cwd, { maxFileSize: 10 * 1024 * 1024 });
    expect(inputOf(skipped.inputs, 'big.yaml')).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/larger than the 10 MiB limit \(50 MiB\)/) as unknown });
    expect(skipped.objects).toEqual([]);
  });

  it('skips binary files and fails text that is not UTF-8', async () => {
    const cwd = tmpTree({ 'image.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), 'latin1.yaml': Buffer.from([0x6b, 0x3a, 0x20, 0xe9, 0x0a]) });
    const loaded = await load(cwd);
    expect(inputOf(loaded.inputs, 'image.yaml')).toMatchObject({ status: 'skipped', reason: 'binary file' });
    expect(inputOf(loaded.inputs, 'latin1.yaml')).toMatchObject({ status: 'failed', reason: 'not valid UTF-8 text' });
  });

  it('reads a file with a UTF-8 BOM and CRLF line ends, with the right lines', async () => {
    const cwd = tmpTree({ 'win.yaml': '\ufeff' + DEPLOYMENT.replace(/\n/g, '\r\n') });
    const [object] = (await load(cwd)).objects;
    expect(object?.apiVersion).toBe('apps/v1');
    const image = object?.locate(['spec', 'template', 'spec', 'containers', 0, 'image']).region;
    expect(image).toEqual({ startLine: 11, startColumn: 11, endLine: 11, endColumn: 28 });
  });

  it('skips an empty file and a file of comments, saying so', async () => {
    const cwd = tmpTree({ 'empty.yaml': '', 'comments.yaml': '# nothing here\n---\n' });
    const loaded = await load(cwd);
    expect(inputOf(loaded.inputs, 'empty.yaml')).toMatchObject({ status: 'skipped', reason: 'empty file' });
    expect(inputOf(loaded.inputs, 'comments.yaml')).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/no YAML documents/) as unknown });
  });

  it('does not follow a directory symlink that leads outside the scanned root', async () => {
    const outside = tmpTree({ 'secret/deploy.yaml': DEPLOYMENT });
    const cwd = tmpTree({ 'app/deploy.yaml': DEPLOYMENT, 'app/inner/x.yaml': DEPLOYMENT });
    symlinkSync(join(outside, 'secret'), join(cwd, 'app', 'escape'));
    symlinkSync(join(cwd, 'app', 'inner'), join(cwd, 'app', 'loop-inside'));
    symlinkSync(join(cwd, 'app'), join(cwd, 'app', 'inner', 'back-to-app'));
    const loaded = await loadManifests({ cwd, paths: ['app'], exclude: [], maxFileSize: 1e7 });
    expect(loaded.objects.map((o) => o.file).sort()).toEqual(['app/deploy.yaml', 'app/inner/x.yaml']);
    expect(inputOf(loaded.inputs, 'app/escape')).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/outside the scanned root/) as unknown });
  });

  it('refuses a path that does not exist as a configuration error', async () => {
    const cwd = tmpTree({});
    await expect(loadManifests({ cwd, paths: ['nope'], exclude: [], maxFileSize: 1e7 })).rejects.toThrow(/path not found: nope/);
  });
});

describe('rendered Helm output on stdin', () => {
  it('maps each document to its template file through the # Source: comment', async () => {
    const template = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "shop.fullname" . }}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n';
    const cwd = tmpTree({ 'charts/shop/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 0.1.0\n', 'charts/shop/templates/deployment.yaml': template });
    const rendered = `---\n# Source: shop/templates/service.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: rel-shop\n---\n# Source: shop/templates/deployment.yaml\n${DEPLOYMENT}`;
    const loaded = await load(cwd, { paths: ['-'], readStdin: () => Promise.resolve(Buffer.from(rendered)) });
    const [service, deployment] = loaded.objects;
    // The Service template is not in the repo: the finding stays on the stream.
    expect(service?.file).toBe('<stdin>');
    expect(deployment?.file).toBe('charts/shop/templates/deployment.yaml');
    expect(deployment?.approximate).toBe(true);
    expect(deployment?.locate(['spec', 'template', 'spec', 'containers', 0, 'image']).region.startLine).toBe(10);
    expect(inputOf(loaded.inputs, '<stdin>')).toMatchObject({ status: 'scanned', objects: 2 });
  });

  it('refuses standard input over the size cap', async () => {
    const cwd = tmpTree({});
    writeFileSync(join(cwd, 'x'), '');
    const loaded = await load(cwd, { paths: ['-'], maxFileSize: 10, readStdin: () => Promise.resolve('too-large' as const) });
    expect(inputOf(loaded.inputs, '<stdin>').status).toBe('skipped');
  });
});
