import { describe, expect, it } from 'vitest';
import type { Expression, TemplatePart } from '../../../shared/documents/terraform/hcl-ast.js';
import { parseHcl } from '../../../shared/documents/terraform/hcl-parser.js';

/** The value of `x = <source>`, which must parse cleanly. */
function parse(source: string): Expression {
  const file = parseHcl(`x = ${source}\n`);
  expect(file.diagnostics).toEqual([]);
  const [item] = file.body.items;
  if (item?.kind !== 'attribute') throw new Error('no attribute');
  return item.value;
}

/** A compact, fully parenthesized rendering of the tree, so precedence and shape show at a glance. */
function show(e: Expression): string {
  switch (e.kind) {
    case 'literal':
      return JSON.stringify(e.value);
    case 'template':
      return `${e.heredoc ? 'heredoc' : 'tpl'}(${e.parts.map(showPart).join(' ')})`;
    case 'variable':
      return e.name;
    case 'getAttr':
      return `${show(e.object)}.${e.name}`;
    case 'index':
      return `${show(e.object)}[${show(e.key)}]`;
    case 'splat':
      return `splat-${e.style}(${show(e.source)} => ${show(e.each)})`;
    case 'splatItem':
      return '@';
    case 'call':
      return `${e.name}(${e.args.map(show).join(', ')}${e.expandFinal ? '...' : ''})`;
    case 'conditional':
      return `(${show(e.condition)} ? ${show(e.trueResult)} : ${show(e.falseResult)})`;
    case 'unary':
      return `(${e.operator}${show(e.operand)})`;
    case 'binary':
      return `(${show(e.left)} ${e.operator} ${show(e.right)})`;
    case 'tuple':
      return `[${e.items.map(show).join(', ')}]`;
    case 'object':
      return `{${e.items.map((i) => `${show(i.key)} = ${show(i.value)}`).join(', ')}}`;
    case 'for': {
      const vars = e.keyVar === undefined ? e.valueVar : `${e.keyVar}, ${e.valueVar}`;
      const body = e.keyExpr ? `${show(e.keyExpr)} => ${show(e.valueExpr)}${e.grouping ? '...' : ''}` : show(e.valueExpr);
      const cond = e.condition ? ` if ${show(e.condition)}` : '';
      const [open, close] = e.isObject ? ['{', '}'] : ['[', ']'];
      return `${open}for ${vars} in ${show(e.collection)} : ${body}${cond}${close}`;
    }
    case 'parens':
      return `paren(${show(e.expr)})`;
    case 'invalid':
      return '<invalid>';
  }
}

function showPart(p: TemplatePart): string {
  if (p.kind === 'literal') return JSON.stringify(p.value);
  if (p.kind === 'interpolation') return `\${${show(p.expr)}}`;
  return `%{${p.keyword}${p.variables.length ? ` ${p.variables.join(',')}` : ''}${p.expr ? ` ${show(p.expr)}` : ''}}`;
}

describe('expressions: literals and templates', () => {
  it.each([
    ['42', '42'],
    ['3.25', '3.25'],
    ['1e3', '1000'],
    ['1.5E-2', '0.015'],
    ['true', 'true'],
    ['false', 'false'],
    ['null', 'null'],
    ['"plain"', 'tpl("plain")'],
    ['""', 'tpl()'],
    ['"a\\tb\\n\\"c\\" \\\\ \\u00e9 \\U0001F680"', 'tpl("a\\tb\\n\\"c\\" \\\\ é 🚀")'],
    ['"aks-${var.env}-${local.n}"', 'tpl("aks-" ${var.env} "-" ${local.n})'],
    ['"$${literal} %%{ also }"', 'tpl("${literal} %{ also }")'],
    ['"${"nested ${x}"}"', 'tpl(${tpl("nested " ${x})})'],
    ['"${ {a = "}"}.a }"', 'tpl(${{"a" = tpl("}")}.a})'],
    ['"a ${~ x ~} b"', 'tpl("a" ${x} "b")'],
    ['"%{ if var.on }yes%{ else }no%{ endif }"', 'tpl(%{if var.on} "yes" %{else} "no" %{endif})'],
    ['"%{ for k, v in var.m }${k}=${v},%{ endfor }"', 'tpl(%{for k,v var.m} ${k} "=" ${v} "," %{endfor})'],
    ['"100%"', 'tpl("100%")'],
    ['"cost: $5"', 'tpl("cost: $5")'],
  ])('%s', (source, expected) => {
    expect(show(parse(source))).toBe(expected);
  });

  it('reads heredocs, with ${} inside and with <<- indentation removed', () => {
    expect(show(parse('<<EOT\nhello ${var.who}\n  bye\nEOT'))).toBe('heredoc("hello " ${var.who} "\\n  bye\\n")');
    expect(show(parse('<<-EOT\n    a\n      b\n\n    c\n    EOT'))).toBe('heredoc("a\\n  b\\n\\nc\\n")');
    expect(show(parse('<<EOT\nEOT'))).toBe('heredoc()');
    expect(show(parse('<<EOT\n%{ if x }on%{ endif }\nEOT'))).toBe('heredoc(%{if x} "on" %{endif} "\\n")');
  });
});

describe('expressions: references, traversals and splats', () => {
  it.each([
    ['var.location', 'var.location'],
    ['local.tags["env"]', 'local.tags[tpl("env")]'],
    ['azurerm_kubernetes_cluster.main.id', 'azurerm_kubernetes_cluster.main.id'],
    ['azurerm_log_analytics_workspace.example[0].id', 'azurerm_log_analytics_workspace.example[0].id'],
    ['data.azurerm_client_config.current.tenant_id', 'data.azurerm_client_config.current.tenant_id'],
    ['each.value.name', 'each.value.name'],
    ['count.index', 'count.index'],
    ['module.aks.kubelet_identity.objectId', 'module.aks.kubelet_identity.objectId'],
    ['x.0.name', 'x[0].name'],
    ['x[count.index + 1]', 'x[(count.index + 1)]'],
    ['x[*].id', 'splat-full(x => @.id)'],
    ['x[*].a[0].b', 'splat-full(x => @.a[0].b)'],
    ['x.*.a.b', 'splat-attr(x => @.a.b)'],
    ['x.*.a[0]', 'splat-attr(x => @.a)[0]'],
    ['azurerm_subnet.s[*]', 'splat-full(azurerm_subnet.s => @)'],
  ])('%s', (source, expected) => {
    expect(show(parse(source))).toBe(expected);
  });
});

describe('expressions: calls, operators and conditionals', () => {
  it.each([
    ['lower(var.x)', 'lower(var.x)'],
    ['merge(local.a, { b = 1 })', 'merge(local.a, {"b" = 1})'],
    ['concat(local.lists...)', 'concat(local.lists...)'],
    ['f()', 'f()'],
    ['f(1, 2,)', 'f(1, 2)'],
    ['f(\n  1,\n  2\n)', 'f(1, 2)'],
    ['1 + 2 * 3', '(1 + (2 * 3))'],
    ['(1 + 2) * 3', '(paren((1 + 2)) * 3)'],
    ['10 - 4 - 3', '((10 - 4) - 3)'],
    ['8 / 4 % 3', '((8 / 4) % 3)'],
    ['a || b && c', '(a || (b && c))'],
    ['a == b && c != d', '((a == b) && (c != d))'],
    ['a < b == c >= d', '((a < b) == (c >= d))'],
    ['-x + !y', '((-x) + (!y))'],
    ['!!x', '(!(!x))'],
    ['-a.b[0]', '(-a.b[0])'],
    ['a ? b : c', '(a ? b : c)'],
    ['a ? b : c ? d : e', '(a ? b : (c ? d : e))'],
    ['x == null ? [] : [x]', '((x == null) ? [] : [x])'],
    ['local.on ? {\n  a = 1\n} : null', '(local.on ? {"a" = 1} : null)'],
  ])('%s', (source, expected) => {
    expect(show(parse(source))).toBe(expected);
  });
});

describe('expressions: collections and for expressions', () => {
  it.each([
    ['[]', '[]'],
    ['[1, "a", true,]', '[1, tpl("a"), true]'],
    ['[\n  1,\n  2\n]', '[1, 2]'],
    ['{}', '{}'],
    ['{ a = 1, "b" : 2 }', '{"a" = 1, tpl("b") = 2}'],
    ['{\n  a = 1\n  b = 2\n\n  c = 3,\n}', '{"a" = 1, "b" = 2, "c" = 3}'],
    ['{ (var.k) = 1 }', '{paren(var.k) = 1}'],
    ['{ "kubernetes.azure.com/mode" = "system" }', '{tpl("kubernetes.azure.com/mode") = tpl("system")}'],
    ['{ a = { b = [1, { c = 2 }] } }', '{"a" = {"b" = [1, {"c" = 2}]}}'],
    ['[for s in var.list : upper(s)]', '[for s in var.list : upper(s)]'],
    ['[for i, s in var.list : s if i > 0]', '[for i, s in var.list : s if (i > 0)]'],
    ['{for k, v in var.map : k => v}', '{for k, v in var.map : k => v}'],
    ['{for v in var.list : v.kind => v.name...}', '{for v in var.list : v.kind => v.name...}'],
    ['[\n  for s in var.list :\n  s\n]', '[for s in var.list : s]'],
    ['[(for), 1]', '[paren(for), 1]'],
  ])('%s', (source, expected) => {
    expect(show(parse(source))).toBe(expected);
  });

  it('gives each object item and for expression a range', () => {
    const object = parse('{\n  a = 1\n}');
    expect(object.range).toMatchObject({ start: { line: 1, column: 5 }, end: { line: 3, column: 2 } });
    expect(object.kind === 'object' && object.items[0]?.range).toMatchObject({ start: { line: 2, column: 3 }, end: { line: 2, column: 8 } });
    expect(parse('[for s in l : s]').range).toMatchObject({ start: { column: 5 }, end: { column: 21 } });
  });
});
