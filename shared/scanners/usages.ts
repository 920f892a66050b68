// Which images a scan has to look at, and every place each one is used: the `image:` line of every
// container of every workload (init, regular and ephemeral containers; Pod templates of Deployments,
// CronJobs and the rest; bare Pods), plus images given directly. A finding about an image lands on
// each of these places (CHECKLIST.md SEC-4: "located on the `image:` line of every manifest that uses it").

import { containerImages, containerLabel, displayImage } from '../documents/container-images.js';
import { parseImageReference, type ImageReference, type ImageReferenceError } from '../documents/image-ref.js';
import type { Region } from '../documents/locator.js';
import type { ManifestObject, ObjectRef } from '../documents/manifest.js';
import { podTemplateOf } from '../documents/workloads.js';
import { toPointer } from '../engine.js';
import type { ImageUsageRecord } from '../report.js';

/** The file of a usage given on the command line: it has no line anywhere. */
export const NO_FILE = '';

export interface ImageUsage extends ImageUsageRecord {
  /** True when the line was found again in a Helm template by key. */
  readonly approximate: boolean;
  /** JSON pointer of the `image` key inside the object; '' outside a manifest. */
  readonly pointer: string;
  /** Stable identity of the container inside its object (`containers/web`), for fingerprints; '' outside a manifest. */
  readonly containerKey: string;
}

export interface UsedImage {
  /** Normalized: `nginx` → `docker.io/library/nginx:latest`. What the scanners are given. */
  readonly image: string;
  readonly reference: ImageReference;
  /** In input order: manifests first, then the images given directly. */
  readonly usages: readonly ImageUsage[];
}

/** A reference that is not scanned. In a manifest, image-reference-valid reports it at its line. */
export interface InvalidImage {
  /** The value as written, only when it is safe to print (plain reference characters). */
  readonly shown: string | undefined;
  readonly error: ImageReferenceError;
  readonly reason: string;
  readonly usage: ImageUsage;
  /** `manifest` (a rule reports it) or `listed` (nothing else does: make it a notice or a configuration error). */
  readonly source: 'manifest' | 'listed';
}

export interface ImageUsages {
  /** Sorted by normalized reference. */
  readonly images: readonly UsedImage[];
  readonly invalid: readonly InvalidImage[];
}

/** An image given directly: `--image REF` (no file) or one line of an image list file. */
export interface ListedImage {
  readonly reference: string;
  /** Omitted for `--image` on the command line. */
  readonly file?: string;
  readonly region?: Region;
}

export function collectImageUsages(objects: readonly ManifestObject[], listed: readonly ListedImage[] = []): ImageUsages {
  const byImage = new Map<string, { reference: ImageReference; usages: ImageUsage[] }>();
  const invalid: InvalidImage[] = [];
  const add = (text: string, usage: ImageUsage, source: InvalidImage['source']): void => {
    const parsed = parseImageReference(text);
    if (!parsed.ok) {
      invalid.push({ shown: displayImage(text), error: parsed.error, reason: parsed.reason, usage, source });
      return;
    }
    const entry = byImage.get(parsed.reference.normalized) ?? { reference: parsed.reference, usages: [] };
    entry.usages.push(usage);
    byImage.set(parsed.reference.normalized, entry);
  };

  for (const object of objects) {
    const pod = podTemplateOf(object);
    if (pod === undefined) continue;
    for (const image of containerImages(pod)) {
      // Not a string (`image: 1.0`) or blank: image-reference-valid reports it; there is nothing to pull.
      if (typeof image.value !== 'string' && image.value !== null) continue;
      const { group, name } = image.container;
      add(
        typeof image.value === 'string' ? image.value : '',
        {
          file: object.file,
          region: object.locate(image.path).region,
          approximate: object.approximate,
          object: refOf(object),
          container: containerLabel(image.container),
          pointer: toPointer(image.path),
          containerKey: `${group}/${name}`,
        },
        'manifest',
      );
    }
  }
  for (const entry of listed) {
    add(entry.reference.trim(), { file: entry.file ?? NO_FILE, region: entry.region, approximate: false, object: undefined, container: undefined, pointer: '', containerKey: '' }, 'listed');
  }

  const images = [...byImage].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([image, { reference, usages }]) => ({ image, reference, usages }));
  return { images, invalid };
}

/** The normalized references to hand to the scanners: valid ones only, each once. */
export function imagesToScan(usages: ImageUsages): string[] {
  return usages.images.map((i) => i.image);
}

/**
 * An image list file: one reference per line; blank lines and `#` comments are skipped, so is a
 * trailing comment after whitespace. Each entry keeps its line, where its findings will be placed.
 */
export function parseImageList(text: string, file: string): ListedImage[] {
  const entries: ListedImage[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const content = line.replace(/(^|\s)#.*$/, '');
    const reference = content.trim();
    if (reference === '') return;
    const startColumn = content.indexOf(reference) + 1;
    entries.push({ reference, file, region: { startLine: i + 1, startColumn, endLine: i + 1, endColumn: startColumn + reference.length } });
  });
  return entries;
}

function refOf(object: ManifestObject): ObjectRef {
  return { apiVersion: object.apiVersion, kind: object.kind, name: object.name, namespace: object.namespace };
}
