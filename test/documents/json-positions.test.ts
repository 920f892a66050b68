import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstInvalidOffset, parseJsonWithPositions } from '../../shared/documents/json-positions.js';

const ARM = join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'aks-iac', 'arm');

describe('JSON with positions', () => {
  const text = '{\n  "a": {\n    "b": [1, {"c": true}],\n    "d\\/e": "x"\n  },\n  "f": null\n}\n';

  it('locates members, array items and the nearest parent of a missing member', () => {
    const parsed = parseJsonWithPositions(text);
    if (!parsed.ok) throw new Error('must parse');
    expect(parsed.value).toEqual({ a: { b: [1, { c: true }], 'd/e': 'x' }, f: null });
    expect(parsed.positions.locate(['a', 'b']).region).toMatchObject({ startLine: 3, startColumn: 5 });
    expect(parsed.positions.locate(['a', 'b', 1, 'c']).region).toMatchObject({ startLine: 3, startColumn: 15 });
    expect(parsed.positions.locate(['a', 'd/e']).region).toMatchObject({ startLine: 4, startColumn: 5 });
    expect(parsed.positions.locate(['f']).region).toMatchObject({ startLine: 6, startColumn: 3 });
    const missing = parsed.positions.locate(['a', 'zzz', 'y']);
    expect(missing.found).toEqual(['a']);
    expect(missing.region.startLine).toBe(2);
    expect(parsed.positions.has(['a', 'b', 1])).toBe(true);
    expect(parsed.positions.has(['a', 'nope'])).toBe(false);
  });

  it('reports invalid JSON at its line without quoting it', () => {
    const parsed = parseJsonWithPositions('{\n  "a": 1,\n  "b": ##vso[oops]\n}\n');
    expect(parsed).toMatchObject({ ok: false, line: 3, message: 'invalid JSON' });
  });

  it.each([
    ['{"a": 1,}', 8],
    ['{"a" 1}', 5],
    ['[1, 2', 5],
    ['{"a": [1, 2]} x', 14],
    ['{"a": tru}', 6],
    ['[1,,2]', 3],
    ['{"a": "b\nc"}', 6],
])('finds where %j stops being JSON', (text, offset) => {
    expect(firstInvalidOffset(text)).toBe(offset);
  });

  it('indexes the large compiled AVM template, key by key', () => {
    const avm = readFileSync(join(ARM, 'avm-managed-cluster__main.json'), 'utf8');
    const parsed = parseJsonWithPositions(avm);
    if (!parsed.ok) throw new Error('must parse');
    const lines = avm.split('\n');
    const at = parsed.positions.locate(['parameters']).region.startLine;
    expect(lines[at - 1]).toMatch(/^\s*"parameters": \{/);
  });
});
