// Reads one candidate file as text, or says why it cannot be scanned: too large, empty, binary, not
// UTF-8. A UTF-8 byte order mark is dropped (editors on Windows write one); CRLF line ends are fine.

import { open } from 'node:fs/promises';

export type ReadOutcome =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly status: 'skipped' | 'failed'; readonly reason: string };

const BINARY_SNIFF_BYTES = 8192;
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export async function readText(absolute: string, maxBytes: number): Promise<ReadOutcome> {
  let handle;
  try {
    handle = await open(absolute, 'r');
    const { size } = await handle.stat();
    if (size > maxBytes) {
      return { ok: false, status: 'skipped', reason: `larger than the ${formatBytes(maxBytes)} limit (${formatBytes(size)}); raise --max-file-size to scan it` };
    }
    if (size === 0) return { ok: false, status: 'skipped', reason: 'empty file' };
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buffer, 0, size, 0);
    return decode(buffer.subarray(0, bytesRead));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { ok: false, status: 'failed', reason: `cannot read the file (${code})` };
  } finally {
    await handle?.close();
  }
}

export function decode(bytes: Uint8Array): ReadOutcome {
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { ok: false, status: 'skipped', reason: 'binary file' };
  try {
    // TextDecoder drops a leading BOM (ignoreBOM: false).
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    return { ok: false, status: 'failed', reason: 'not valid UTF-8 text' };
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(bytes % 1024 === 0 ? 0 : 1)} KiB`;
  return `${bytes} B`;
}
