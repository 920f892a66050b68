// A finding about a missing key points at the nearest key that is written (an empty `replicas:`, the container item,
// the `spec`), so the annotation lands on a line that exists and the fingerprint names what is there.

import type { Path } from '../../documents/locator.js';
import { isRecord } from '../../documents/manifest.js';

/** The longest prefix of `path` that exists in `value`. */
export function existingPath(value: unknown, path: Path): Path {
  const found: (string | number)[] = [];
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number' && segment < current.length) current = current[segment] as unknown;
    else if (isRecord(current) && typeof segment === 'string' && Object.hasOwn(current, segment)) current = current[segment];
    else break;
    found.push(segment);
  }
  return found;
}
