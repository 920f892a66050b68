import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Body, Diagnostic, HclFile } from '../../../shared/documents/terraform/hcl-ast.js';
import { parseHcl } from '../../../shared/documents/terraform/hcl-parser.js';
import { attributeOf, blocksOf } from '../../../shared/documents/terraform/hcl-query.js';

const fixture = (name: string): string => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');
const REAL = '/work/shared/fixtures/aks-iac/terraform';

/** [code, line, column] of each diagnostic. */
const where = (file: HclFile): [string, number, number][] => file.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.column]);

/** "type.label.label@line" of each top-level block. */
const blocks = (body: Body): string[] =>
  body.items.flatMap((i) => (i.kind === 'block' ? [`${[i.type, ...i.labels.map((l) => l.value)].join('.')}@${i.range.start.line}`] : []));

/** No message may carry more than a few characters of the source between quotes. */
function expectShortQuotes(diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    for (const [, quoted] of d.message.matchAll(/"([^"]*)"/g)) expect(Array.from(quoted ?? '').length).toBeLessThanOrEqual(13);
    expect(d.message.length).toBeLessThan(120);
  }
}

describe('parseHcl: malformed files still give their good blocks', () => {
  it('an unclosed brace: reported at the block, and the next top-level block is still top-level', () => {
    const file = parseHcl(fixture('fail.unclosed-brace.tf'));
    expect(where(file)).toEqual([['unclosed-block', 1, 1]]);
    expect(blocks(file.body)).toEqual(['resource.azurerm_resource_group.rg@1', 'resource.azurerm_kubernetes_cluster.main@4']);
    const [rg] = blocksOf(file.body, 'resource', 'azurerm_resource_group');
    expect(rg?.closeBraceRange).toBeUndefined();
    expect(rg?.body.items.map((i) => i.kind)).toEqual(['attribute']);
    const [main] = blocksOf(file.body, 'resource', 'azurerm_kubernetes_cluster');
    expect(main && attributeOf(main.body, 'private_cluster_enabled')?.range.start.line).toBe(5);
  });

  it('an unterminated string: reported at its line, the rest of the block and file are read', () => {
    const file = parseHcl(fixture('fail.unterminated-string.tf'));
    expect(where(file)).toEqual([['unterminated-string', 2, 14]]);
    expect(blocks(file.body)).toEqual(['resource.azurerm_resource_group.one@1', 'resource.azurerm_kubernetes_cluster.two@6']);
    const [one] = blocksOf(file.body, 'resource', 'azurerm_resource_group');
    expect(one && attributeOf(one.body, 'location')?.range.start.line).toBe(3);
  });

  it('a stray closing brace: reported, and skipped', () => {
    const file = parseHcl(fixture('fail.stray-brace.tf'));
    expect(where(file)).toEqual([['unexpected-token', 4, 1]]);
    expect(blocks(file.body)).toEqual(['resource.azurerm_resource_group.one@1', 'resource.azurerm_kubernetes_cluster.two@6']);
  });

  it.each([
    ['a bad attribute value', 'a {\n  x = = 1\n  y = 2\n}\nb {}\n', [['unexpected-token', 2, 7]], ['a@1', 'b@5'], 'y'],
    ['two values on a line', 'a {\n  x = 1 2\n  y = 2\n}\nb {}\n', [['unexpected-token', 2, 9]], ['a@1', 'b@5'], 'y'],
    ['an unclosed tuple', 'a {\n  x = [1, 2\n  y = 2\n}\nb {}\n', [['unclosed-bracket', 2, 7]], ['a@1', 'b@5'], 'x'],
    ['an unclosed call', 'a {\n  x = f(1,\n}\nb {}\n', [['unclosed-bracket', 2, 8]], ['a@1', 'b@4'], 'x'],
    // The "}" closes the object, so it is the block that is left open.
    ['an unclosed object', 'a {\n  x = { k = 1\n}\nb {}\n', [['unclosed-block', 1, 1]], ['a@1', 'b@4'], 'x'],
    ['an unclosed interpolation', 'a {\n  x = "${var.y"\n}\nb {}\n', [['unterminated-string', 2, 15], ['unexpected-token', 2, 15]], ['a@1', 'b@4'], 'x'],
    ['a missing block brace', 'a "l"\nb {}\n', [['unexpected-token', 1, 6]], ['b@2'], undefined],
    ['an interpolated label', 'a "${x}" {}\nb {}\n', [['invalid-label', 1, 4]], ['a.@1', 'b@2'], undefined],
    ['a stray character', 'a {\n  x = 1 ^\n}\nb {}\n', [['unexpected-token', 2, 9]], ['a@1', 'b@4'], 'x'],
    ['an invalid escape', 'a {\n  x = "\\q"\n}\n', [['invalid-escape', 2, 8]], ['a@1'], 'x'],
    ['an unclosed block comment', 'a {}\n/* open\nb {}\n', [['unterminated-comment', 2, 1]], ['a@1'], undefined],
    ['an unclosed heredoc', 'a {}\nb {\n  x = <<EOT\n  text\n', [['unclosed-block', 2, 1], ['unterminated-heredoc', 3, 7]], ['a@1', 'b@2'], undefined],
    ['a top-level garbage line', '+++\na {}\n', [['unexpected-token', 1, 1]], ['a@2'], undefined],
  ])('%s', (_name, source, diagnostics, expectedBlocks, keptAttribute) => {
    const file = parseHcl(source);
    expect(where(file)).toEqual(diagnostics);
    expect(blocks(file.body)).toEqual(expectedBlocks);
    const [first] = file.body.items;
    if (keptAttribute !== undefined) expect(first?.kind === 'block' && attributeOf(first.body, keptAttribute)).toBeTruthy();
    expectShortQuotes(file.diagnostics);
  });

  it('never quotes a string value or a long name in a message', () => {
    const secret = 'p4ssw0rd-that-must-not-leak';
    const file = parseHcl(`a {\n  x = "${secret}" "${secret}"\n  averyveryverylongattributename "${secret}"\n}\n`);
    expect(file.diagnostics.length).toBeGreaterThan(0);
    for (const d of file.diagnostics) expect(d.message).not.toContain('p4ss');
    expectShortQuotes(file.diagnostics);
  });
});

describe('parseHcl: hostile input', () => {
  it.each([
    ['5,000 nested brackets', `x = ${'['.repeat(5000)}${']'.repeat(5000)}\ny = 1\n`],
    ['5,000 unclosed brackets', `x = ${'['.repeat(5000)}\n`],
    ['5,000 nested blocks', `${'a {\n'.repeat(5000)}${'}\n'.repeat(5000)}b {}\n`],
    ['5,000 nested objects', `x = ${'{a = '.repeat(5000)}1${'}'.repeat(5000)}\n`],
    ['5,000 nested parentheses', `x = ${'('.repeat(5000)}1${')'.repeat(5000)}\n`],
    ['5,000 nested templates', `x = ${'"${'.repeat(5000)}1${'}"'.repeat(5000)}\n`],
    ['5,000 nested calls', `x = ${'f('.repeat(5000)}1${')'.repeat(5000)}\n`],
    ['50,000 unary operators', `x = ${'-'.repeat(50000)}1\n`],
    ['50,000 chained additions', `x = ${'1 + '.repeat(50000)}1\n`],
    ['50,000 chained attributes', `x = a${'.b'.repeat(50000)}\n`],
  ])('%s: one too-deep diagnostic, quickly', (_name, source) => {
    const started = performance.now();
    const file = parseHcl(source);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(file.diagnostics.filter((d) => d.code === 'too-deep')).toHaveLength(1);
    expect(file.diagnostics.length).toBeLessThanOrEqual(3);
  });

  it('caps the number of diagnostics', () => {
    const file = parseHcl('}\n'.repeat(10_000));
    expect(file.diagnostics).toHaveLength(101);
    expect(file.diagnostics[100]?.code).toBe('too-many-errors');
  });

  it('accepts a deeper limit when asked', () => {
    expect(parseHcl(`x = ${'['.repeat(200)}${']'.repeat(200)}\n`, { maxDepth: 300 }).diagnostics).toEqual([]);
  });

  it('never throws and always ends on mangled real files', () => {
    const texts = realFiles().map((f) => readFileSync(f, 'utf8'));
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const noise = ['{', '}', '"', '${', '%{', '[', ']', '(', ')', '<<EOT\n', '\n', '/*', '#', '\\', '~}', '=', '?', ':', '...', '.*', '[*]', '\uD83D'];
    for (let round = 0; round < 400; round += 1) {
      const text = texts[round % texts.length] ?? '';
      let mangled = text;
      for (let edit = 0; edit < 1 + random(5); edit += 1) {
        const at = random(mangled.length + 1);
        const cut = random(3) === 0 ? random(20) : 0;
        mangled = mangled.slice(0, at) + (noise[random(noise.length)] ?? '') + mangled.slice(at + cut);
      }
      const file = parseHcl(mangled);
      expect(Array.isArray(file.body.items)).toBe(true);
      for (const d of file.diagnostics) expect(d.range.start.line).toBeGreaterThanOrEqual(1);
      expectShortQuotes(file.diagnostics);
    }
  });
});

function realFiles(dir = REAL): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? realFiles(join(dir, entry.name)) : entry.name.endsWith('.tf') ? [join(dir, entry.name)] : [],
  );
}
