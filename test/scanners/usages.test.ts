import { describe, expect, it } from 'vitest';
import { parseManifests, type ManifestObject } from '../../shared/documents/manifest.js';
import { NO_FILE, collectImageUsages, imagesToScan, parseImageList } from '../../shared/scanners/usages.js';

function objects(text: string, file = 'k8s/app.yaml'): ManifestObject[] {
  return parseManifests(text, file).objects;
}

const WORKLOADS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  template:
    spec:
      initContainers:
        - name: migrate
          image: myacr.azurecr.io/shop/migrate:1.2
      containers:
        - name: web
          image: nginx
        - name: sidecar
          image: docker.io/library/nginx:latest
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 1 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: job
              image: busybox:1.32.1
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  containers:
    - name: main
      image: busybox:1.32.1
  ephemeralContainers:
    - name: shell
      image: "-rm"
    - name: numeric
      image: 1.0
    - name: blank
      image:
---
apiVersion: v1
kind: Service
metadata:
  name: not-a-workload
`;

describe('collectImageUsages', () => {
  const usages = collectImageUsages(objects(WORKLOADS));

  it('finds every image of every workload kind, normalized and sorted, each once', () => {
    expect(imagesToScan(usages)).toEqual(['docker.io/library/busybox:1.32.1', 'docker.io/library/nginx:latest', 'myacr.azurecr.io/shop/migrate:1.2']);
  });

  it('keeps every place an image is used, with the line of its image key, the object and the container', () => {
    const nginx = usages.images.find((i) => i.image === 'docker.io/library/nginx:latest');
    expect(nginx?.usages.map((u) => [u.file, u.region?.startLine, u.object?.kind, u.object?.name, u.container, u.pointer, u.containerKey])).toEqual([
      ['k8s/app.yaml', 14, 'Deployment', 'api', 'Container "web"', '/spec/template/spec/containers/0/image', 'containers/web'],
      ['k8s/app.yaml', 16, 'Deployment', 'api', 'Container "sidecar"', '/spec/template/spec/containers/1/image', 'containers/sidecar'],
    ]);
    const busybox = usages.images.find((i) => i.image === 'docker.io/library/busybox:1.32.1');
    expect(busybox?.usages.map((u) => `${u.object?.kind}:${u.region?.startLine}`)).toEqual(['CronJob:30', 'Pod:39']);
    const migrate = usages.images.find((i) => i.image.includes('migrate'));
    expect(migrate?.usages[0]?.container).toBe('Init container "migrate"');
  });

  it('never passes on invalid references: they are listed apart (image-reference-valid reports them); non-strings are skipped', () => {
    expect(usages.invalid.map((i) => [i.error, i.source, i.usage.container])).toEqual([
      ['option-like', 'manifest', 'Ephemeral container "shell"'],
      ['empty', 'manifest', 'Ephemeral container "blank"'],
    ]);
    expect(usages.invalid[0]?.usage.region?.startLine).toBe(42);
    expect(imagesToScan(usages).some((i) => i.includes('rm'))).toBe(false);
  });

  it('joins the same image used in two files, and adds images given directly', () => {
    const a = objects(WORKLOADS, 'k8s/a.yaml');
    const b = objects(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:latest\n`, 'k8s/b.yaml');
    const listed = [{ reference: 'nginx' }, ...parseImageList('# images\n\n  alpine:3.10   # base\n-bad\n', 'images.txt')];
    const all = collectImageUsages([...a, ...b], listed);
    const nginx = all.images.find((i) => i.image === 'docker.io/library/nginx:latest');
    expect(nginx?.usages.map((u) => u.file)).toEqual(['k8s/a.yaml', 'k8s/a.yaml', 'k8s/b.yaml', NO_FILE]);
    const alpine = all.images.find((i) => i.image === 'docker.io/library/alpine:3.10');
    expect(alpine?.usages).toEqual([
      { file: 'images.txt', region: { startLine: 3, startColumn: 3, endLine: 3, endColumn: 14 }, approximate: false, object: undefined, container: undefined, pointer: '', containerKey: '' },
    ]);
    expect(all.invalid.filter((i) => i.source === 'listed').map((i) => [i.error, i.usage.file, i.usage.region?.startLine])).toEqual([['option-like', 'images.txt', 4]]);
  });
});
