// Where a SARIF result or notification points: a repo-relative URI reference under %SRCROOT% and a
// region. GitHub code scanning resolves relative URIs against the repository root; an absolute path
// (a runner's /home/runner/work/…) would match no file and would leak the machine's layout.

import type * as sarif from 'sarif';
import type { Region } from '../documents/locator.js';

export const SRCROOT = '%SRCROOT%';

/**
 * A repo-relative path as a relative URI reference: forward slashes, each segment percent-encoded
 * (spaces, `#`, `?`, `%`, non-ASCII), leading slashes and `.` segments dropped so it can never be
 * read as absolute or as having a scheme (`C:` becomes `C%3A`).
 */
export function toUriReference(path: string): string {
  return path
    .replace(/\\/g, '/')
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** SARIF lines and columns are 1-based; a 0 from a broken locator would make the whole log invalid. */
export function toSarifRegion(region: Region): sarif.Region {
  const startLine = Math.max(1, region.startLine);
  const startColumn = Math.max(1, region.startColumn);
  const endLine = Math.max(startLine, region.endLine);
  const endColumn = endLine === startLine ? Math.max(startColumn, region.endColumn) : Math.max(1, region.endColumn);
  return { startLine, startColumn, endLine, endColumn };
}

export function physicalLocation(file: string, region: Region | undefined): sarif.PhysicalLocation {
  const artifactLocation: sarif.ArtifactLocation = { uri: toUriReference(file), uriBaseId: SRCROOT };
  return region === undefined ? { artifactLocation } : { artifactLocation, region: toSarifRegion(region) };
}
