import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Attribute, Block, Body, Range } from '../../../shared/documents/terraform/hcl-ast.js';
import { parseHcl } from '../../../shared/documents/terraform/hcl-parser.js';
import { attributeOf, blocksOf } from '../../../shared/documents/terraform/hcl-query.js';

const fixture = (name: string): string => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');

function clean(text: string): Body {
  const file = parseHcl(text);
  expect(file.diagnostics).toEqual([]);
  return file.body;
}

function block(body: Body, type: string, ...labels: string[]): Block {
  const [found] = blocksOf(body, type, ...labels);
  if (!found) throw new Error(`no block ${type} ${labels.join(' ')}`);
  return found;
}

function attr(body: Body, name: string): Attribute {
  const found = attributeOf(body, name);
  if (!found) throw new Error(`no attribute ${name}`);
  return found;
}

/** [startLine, startColumn, endLine, endColumn] */
const at = (range: Range): number[] => [range.start.line, range.start.column, range.end.line, range.end.column];

describe('parseHcl: structure', () => {
  it('reads attributes and blocks with identifier and quoted labels', () => {
    const body = clean('a = 1\nb "x" y "z" {\n  c = 2\n}\n');
    expect(body.items.map((i) => i.kind)).toEqual(['attribute', 'block']);
    const b = block(body, 'b');
    expect(b.labels.map((l) => l.value)).toEqual(['x', 'y', 'z']);
    expect(attr(b.body, 'c').value).toMatchObject({ kind: 'literal', value: 2 });
  });

  it('reads one-line blocks, empty or with one attribute', () => {
    const body = clean('provider "azurerm" {\n  features {}\n  x { a = 1 }\n}\n');
    const provider = block(body, 'provider', 'azurerm');
    expect(block(provider.body, 'features').body.items).toEqual([]);
    expect(attr(block(provider.body, 'x').body, 'a').value).toMatchObject({ value: 1 });
  });

  it('reads a dynamic block like any other block', () => {
    const body = clean(
      [
        'resource "azurerm_kubernetes_cluster" "main" {',
        '  dynamic "oms_agent" {',
        '    for_each = var.workspace_id == null ? [] : [1]',
        '    content {',
        '      log_analytics_workspace_id = var.workspace_id',
        '    }',
        '  }',
        '}',
      ].join('\n'),
    );
    const dynamic = block(block(body, 'resource').body, 'dynamic', 'oms_agent');
    expect(attr(dynamic.body, 'for_each').value.kind).toBe('conditional');
    const content = block(dynamic.body, 'content');
    expect(attr(content.body, 'log_analytics_workspace_id').range.start.line).toBe(5);
  });

  it('accepts a file without a final newline, CRLF line ends and a byte order mark', () => {
    expect(clean('a = 1').items).toHaveLength(1);
    const body = clean('\uFEFFx {\r\n  a = "b"\r\n}\r\ny = 2\r\n');
    expect(attr(block(body, 'x').body, 'a').range.start).toMatchObject({ line: 2, column: 3 });
    expect(attr(body, 'y').range.start).toMatchObject({ line: 4, column: 1 });
  });

  it('reads the three comment styles, including a comment at the end of a line', () => {
    const body = clean('# one\n// two\n/* three\n   lines */ a = 1 # after\nb = 2 // after\nc = /* inside */ 3\n');
    expect(body.items.map((i) => (i.kind === 'attribute' ? i.name : i.type))).toEqual(['a', 'b', 'c']);
    expect(attr(body, 'a').range.start).toMatchObject({ line: 4, column: 13 });
  });

  it('gives the whole file as the range of the top-level body', () => {
    expect(at(parseHcl('a = 1\n').body.range)).toEqual([1, 1, 2, 1]);
  });
});

describe('parseHcl: positions (fixtures/positions.tf)', () => {
  const body = clean(fixture('positions.tf'));
  const cluster = block(body, 'resource', 'azurerm_kubernetes_cluster', 'main');

  it('points at block headers, labels and braces', () => {
    expect(at(block(body, 'terraform').range)).toEqual([2, 1, 4, 2]);
    expect(at(cluster.typeRange)).toEqual([6, 1, 6, 9]);
    expect(cluster.labels.map((l) => at(l.range))).toEqual([
      [6, 10, 6, 38],
      [6, 39, 6, 45],
    ]);
    expect(at(cluster.openBraceRange)).toEqual([6, 46, 6, 47]);
    expect(cluster.closeBraceRange && at(cluster.closeBraceRange)).toEqual([19, 1, 19, 2]);
    expect(at(cluster.range)).toEqual([6, 1, 19, 2]);
  });

  it('points at an attribute, its name and its value', () => {
    const name = attr(cluster.body, 'name');
    expect(at(name.range)).toEqual([7, 3, 7, 45]);
    expect(at(name.nameRange)).toEqual([7, 3, 7, 7]);
    expect(at(name.value.range)).toEqual([7, 29, 7, 45]);
    const enabled = attr(cluster.body, 'private_cluster_enabled');
    expect(at(enabled.range)).toEqual([8, 3, 8, 33]);
    expect(at(enabled.value.range)).toEqual([8, 29, 8, 33]);
  });

  it('points inside nested blocks and at the parts of a value', () => {
    const pool = block(cluster.body, 'default_node_pool');
    expect(at(pool.range)).toEqual([10, 3, 14, 4]);
    expect(at(attr(pool.body, 'node_count').range)).toEqual([12, 5, 12, 19]);
    const zones = attr(pool.body, 'zones').value;
    expect(zones.kind === 'tuple' && zones.items.map((z) => at(z.range))).toEqual([
      [13, 19, 13, 22],
      [13, 24, 13, 27],
      [13, 29, 13, 32],
    ]);
    const template = attr(cluster.body, 'name').value;
    expect(template.kind === 'template' && template.parts.map((p) => at(p.range))).toEqual([
      [7, 30, 7, 34],
      [7, 34, 7, 44],
    ]);
  });

  it('counts a tab as one column and a non-ASCII character (even an emoji) as one column', () => {
    const tags = attr(cluster.body, 'tags');
    expect(at(tags.range)).toEqual([16, 2, 16, 30]);
    const object = tags.value;
    expect(object.kind === 'object' && at(object.items[0]!.value.range)).toEqual([16, 18, 16, 28]);
    const note = attr(cluster.body, 'note').value;
    expect(note.kind === 'tuple' && at(note.items[1]!.range)).toEqual([18, 16, 18, 20]);
    const locals = block(body, 'locals');
    expect(at(attr(locals.body, 'héllo').value.range)).toEqual([21, 18, 21, 25]);
  });

  it('points into a one-line block', () => {
    const network = block(cluster.body, 'network_profile');
    expect(at(network.range)).toEqual([17, 3, 17, 47]);
    expect(at(attr(network.body, 'network_policy').range)).toEqual([17, 21, 17, 45]);
  });

  it('gives offsets that slice the source', () => {
    const text = fixture('positions.tf');
    const value = attr(cluster.body, 'name').value.range;
    expect(text.slice(value.start.offset, value.end.offset)).toBe('"aks-${var.env}"');
  });
});

describe('parseHcl: comments and heredocs that look like blocks (fixtures/look-alike-blocks.tf)', () => {
  const body = clean(fixture('look-alike-blocks.tf'));

  it('finds only the one real block', () => {
    expect(body.items).toHaveLength(1);
    const real = block(body, 'resource', 'azurerm_kubernetes_cluster', 'real');
    expect(real.body.items.map((i) => i.kind)).toEqual(['attribute', 'attribute', 'attribute', 'attribute']);
    expect(attr(real.body, 'private_cluster_enabled').range.start).toMatchObject({ line: 20, column: 3 });
  });

  it('keeps a heredoc as a template with its interpolation', () => {
    const description = attr(block(body, 'resource').body, 'description').value;
    expect(description).toMatchObject({ kind: 'template', heredoc: true });
    expect(description.kind === 'template' && description.parts.map((p) => p.kind)).toEqual(['literal', 'interpolation', 'literal']);
    expect(description.kind === 'template' && description.parts[0]).toMatchObject({
      kind: 'literal',
      value: 'resource "azurerm_kubernetes_cluster" "in_heredoc" {\n  name = "',
    });
    expect(at(description.range)).toEqual([9, 17, 13, 4]);
  });

  it('removes the common indentation of a <<- heredoc', () => {
    const script = attr(block(body, 'resource').body, 'script').value;
    expect(script.kind === 'template' && script.parts.map((p) => (p.kind === 'literal' ? p.value : '')).join('')).toBe(
      'resource "x" "y" {\n  z = 1\n}\n',
    );
  });

  it('decodes escaped quotes in a string', () => {
    const label = attr(block(body, 'resource').body, 'label').value;
    expect(label).toMatchObject({ kind: 'template', parts: [{ kind: 'literal', value: 'resource "x" "y" {' }] });
  });
});
