// The image of every container of a pod template (init, regular and ephemeral), parsed once with
// where it was written, for the image rules and for locating scanner findings on the `image:` line.

import { parseImageReference, type ImageReferenceResult } from './image-ref.js';
import type { Path } from './locator.js';
import type { ContainerGroup, ContainerRef, PodTemplate } from './workloads.js';

export interface ContainerImage {
  readonly container: ContainerRef;
  /** Path of the `image` key inside the object. */
  readonly path: Path;
  /** The value as YAML read it (YAML 1.1: `image: 1.0` is a number, `image: yes` a boolean). */
  readonly value: unknown;
  /** The parse of a string value; undefined when the value is not a string. */
  readonly parsed: ImageReferenceResult | undefined;
}

/**
 * Containers that write an `image` key. One without the key is skipped: Pod templates may leave it to
 * a controller or to Kustomize's `images:` transformer (the API documents it as optional there).
 */
export function containerImages(pod: PodTemplate): ContainerImage[] {
  return pod.containers
    .filter((container) => 'image' in container.body)
    .map((container) => {
      const value = container.body.image;
      // YAML `image:` with nothing after it is null: the same mistake as an empty string.
      const text = value === null ? '' : value;
      return { container, path: [...container.path, 'image'], value, parsed: typeof text === 'string' ? parseImageReference(text) : undefined };
    });
}

const GROUP_LABEL: Readonly<Record<ContainerGroup, string>> = {
  initContainers: 'Init container',
  containers: 'Container',
  ephemeralContainers: 'Ephemeral container',
};

/** `Container "web"`, `Init container "wait-for-db"`, `Container #2` for an unnamed one: how messages start. */
export function containerLabel(container: ContainerRef): string {
  const named = typeof container.body.name === 'string' && container.body.name !== '';
  return `${GROUP_LABEL[container.group]} ${named ? `"${displayName(container.name)}"` : container.name}`;
}

/** Characters a valid image reference can contain; anything else is not echoed into reports. */
const DISPLAYABLE_IMAGE = /^[A-Za-z0-9._:/@[\]-]{1,300}$/;

/** The image as written when it is safe to print (no markup, no control characters, not huge). */
export function displayImage(value: unknown): string | undefined {
  return typeof value === 'string' && DISPLAYABLE_IMAGE.test(value) ? value : undefined;
}

const MAX_DISPLAYED_NAME = 100;

/** A name from the manifest (container, env var, key), with anything unexpected replaced, for messages. */
export function displayName(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9_.:/-]/g, '?');
  return clean.length > MAX_DISPLAYED_NAME ? `${clean.slice(0, MAX_DISPLAYED_NAME)}…` : clean;
}
