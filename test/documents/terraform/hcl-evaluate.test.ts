import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Body, Expression } from '../../../shared/documents/terraform/hcl-ast.js';
import { evaluate } from '../../../shared/documents/terraform/hcl-evaluate.js';
import { parseHcl } from '../../../shared/documents/terraform/hcl-parser.js';
import { attributeOf, blocksOf } from '../../../shared/documents/terraform/hcl-query.js';
import type { Scope } from '../../../shared/documents/terraform/hcl-scope.js';
import { ResourceReference, UnknownValue, known, unknown, type Evaluated, type Value } from '../../../shared/documents/terraform/hcl-values.js';

function expr(source: string): Expression {
  const file = parseHcl(`x = ${source}\n`);
  expect(file.diagnostics).toEqual([]);
  const [item] = file.body.items;
  if (item?.kind !== 'attribute') throw new Error('no attribute');
  return item.value;
}

const run = (source: string, scope: Scope = {}): Evaluated => evaluate(expr(source), scope);

/** The `locals` of a body, as a Scope wants them. */
function localsOf(body: Body): Record<string, Expression> {
  const out: Record<string, Expression> = {};
  for (const block of blocksOf(body, 'locals')) for (const item of block.body.items) if (item.kind === 'attribute') out[item.name] = item.value;
  return out;
}

function localsScope(source: string, rest: Omit<Scope, 'locals'> = {}): Scope {
  const file = parseHcl(source);
  expect(file.diagnostics).toEqual([]);
  return { ...rest, locals: localsOf(file.body) };
}

describe('evaluate: literals, templates and operators', () => {
  it.each([
    ['42', 42],
    ['"text"', 'text'],
    ['true', true],
    ['null', null],
    ['"a-${1 + 1}-${true}-${"b"}"', 'a-2-true-b'],
    ['"${42}"', 42],
    ['<<EOT\nline ${"one"}\nEOT', 'line one\n'],
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['7 % 4 - 10 / 4', 0.5],
    ['"3" + 4', 7],
    ['-(2)', -2],
    ['!false', true],
    ['1 == 1', true],
    ['1 == "1"', false],
    ['"a" != "b"', true],
    ['[1, "a"] == [1, "a"]', true],
    ['{ a = 1 } == { a = 1 }', true],
    ['2 >= 3', false],
    ['true && false || true', true],
    ['true ? "yes" : "no"', 'yes'],
    ['false ? "yes" : "no"', 'no'],
    ['[1, "two", [3]]', [1, 'two', [3]]],
    ['{ a = 1, "b-c" : [2], (lower("K")) = 3 }', { a: 1, 'b-c': [2], k: 3 }],
    ['{ "__proto__" = 1 }.__proto__', 1],
  ])('%s', (source, value) => {
    expect(run(source)).toEqual(known(value));
  });

  it('evaluates only the branch a conditional picks', () => {
    expect(run('true ? 1 : file("x")')).toEqual(known(1));
    expect(run('var.on ? 1 : 2')).toEqual(unknown('var.on has no value'));
  });

  it('stops && and || early when the left side decides, even if the right is unknown', () => {
    expect(run('false && var.x')).toEqual(known(false));
    expect(run('true || var.x')).toEqual(known(true));
    expect(run('var.x || true')).toEqual(known(true));
    expect(run('true && var.x')).toEqual(unknown('var.x has no value'));
  });

  it('says why a value is unknown', () => {
    expect(run('"aks-${var.env}"')).toEqual(unknown('var.env has no value'));
    expect(run('"%{ if true }a%{ endif }"')).toEqual(unknown('template directive %{if} is not evaluated'));
    expect(run('file("x.pem")')).toEqual(unknown('function file() is not evaluated'));
    expect(run('path.module')).toEqual(unknown('path.module is not evaluated'));
    expect(run('1 / 0')).toEqual(unknown('division by zero'));
    expect(run('"a" + 1')).toEqual(unknown('the left operand of "+" must be a number, not string'));
    expect(run('{ a = 1 }.b')).toEqual(unknown('the object has no attribute "b"'));
    expect(run('[1][3]')).toEqual(unknown('index 3 is out of range'));
    expect(run('"a${null}"')).toEqual(unknown('a template cannot include null'));
    expect(run('"${null}"')).toEqual(known(null));
    expect(run('undefined_name')).toEqual(unknown('undefined_name is not defined'));
  });

  it('keeps a known collection known when one member is unknown, as Terraform does', () => {
    const result = run('{ a = 1, b = var.unset }');
    expect(result.kind).toBe('known');
    expect(result.kind === 'known' && result.value).toEqual({ a: 1, b: new UnknownValue('var.unset has no value') });
    expect(run('{ a = 1, b = var.unset }.a')).toEqual(known(1));
    expect(run('{ a = 1, b = var.unset }.b')).toEqual(unknown('var.unset has no value'));
    expect(run('length([1, var.unset])')).toEqual(known(2));
    expect(run('join(",", [1, var.unset])')).toEqual(unknown('var.unset has no value'));
  });
});

describe('evaluate: for expressions and splats', () => {
  it.each([
    ['[for s in ["a", "b"] : upper(s)]', ['A', 'B']],
    ['[for i, s in ["a", "b", "c"] : "${i}${s}" if i != 1]', ['0a', '2c']],
    ['{for k, v in { b = 2, a = 1 } : v => k}', { 1: 'a', 2: 'b' }],
    ['[for k, v in { b = 2, a = 1 } : k]', ['a', 'b']],
    ['{for s in ["x", "yy", "z"] : length(s) => s...}', { 1: ['x', 'z'], 2: ['yy'] }],
    ['[for p in [{ n = "a", on = true }, { n = "b", on = false }] : p.n if p.on]', ['a']],
    ['[{ id = 1 }, { id = 2 }][*].id', [1, 2]],
    ['[{ id = 1 }, { id = 2 }].*.id', [1, 2]],
    ['[{ a = [1, 2] }, { a = [3, 4] }][*].a[0]', [1, 3]],
    ['[{ a = [1, 2] }, { a = [3, 4] }].*.a[0]', [1, 2]],
    ['{ id = 7 }[*].id', [7]],
    ['null[*]', []],
  ])('%s', (source, value) => {
    expect(run(source)).toEqual(known(value));
  });

  it('reports a duplicate key, and an unknown collection', () => {
    expect(run('{for s in ["a", "a"] : s => 1}')).toEqual(unknown('the for expression produces the key "a" twice'));
    expect(run('[for s in var.list : s]')).toEqual(unknown('var.list has no value'));
  });
});

describe('evaluate: the scope', () => {
  it('reads var.* values, unknowns and missing variables', () => {
    const scope: Scope = { variables: { env: known('prod'), sizes: known({ system: 'Standard_D4s_v5' }), secret: unknown('var.secret is sensitive') } };
    expect(run('"aks-${var.env}"', scope)).toEqual(known('aks-prod'));
    expect(run('var.sizes.system', scope)).toEqual(known('Standard_D4s_v5'));
    expect(run('var.sizes["system"]', scope)).toEqual(known('Standard_D4s_v5'));
    expect(run('var.secret', scope)).toEqual(unknown('var.secret is sensitive'));
    expect(run('var.location', scope)).toEqual(unknown('var.location has no value'));
  });

  it('evaluates locals lazily, through other locals, once each', () => {
    const scope = localsScope('locals {\n  name = "aks-${local.env}"\n  env = var.env\n  bad = file("x")\n}\n', { variables: { env: known('dev') } });
    expect(run('local.name', scope)).toEqual(known('aks-dev'));
    expect(run('upper(local.env)', scope)).toEqual(known('DEV'));
    expect(run('local.missing', scope)).toEqual(unknown('local.missing is not defined'));
  });

  it('survives locals that refer to each other in a cycle', () => {
    const scope = localsScope('locals {\n  a = local.b\n  b = "${local.a}!"\n  c = local.c\n}\n');
    expect(run('local.a', scope)).toEqual(unknown('local.a refers to itself'));
    expect(run('local.c', scope)).toEqual(unknown('local.c refers to itself'));
    expect(run('try(local.c, "fallback")', scope)).toEqual(known('fallback'));
  });

  it('reads each.key, each.value and count.index, which locals cannot see', () => {
    const scope = localsScope('locals {\n  k = each.key\n}\n', { each: { key: 'system', value: { vm_size: 'D4' } }, count: { index: 2 } });
    expect(run('"${each.key}-${each.value.vm_size}-${count.index}"', scope)).toEqual(known('system-D4-2'));
    expect(run('local.k', scope)).toEqual(unknown('each.key has no value here'));
    expect(run('count.index')).toEqual(unknown('count.index has no value here'));
  });

  it('turns a resource reference into a marker that names the resource', () => {
    expect(run('azurerm_kubernetes_cluster.main.id')).toEqual(known(new ResourceReference('azurerm_kubernetes_cluster.main', undefined, 'id', ['id'])));
    expect(run('"${azurerm_kubernetes_cluster.main.id}"')).toMatchObject({ kind: 'known', value: { $ref: 'azurerm_kubernetes_cluster.main', attribute: 'id' } });
    expect(run('azurerm_log_analytics_workspace.example[0].id')).toMatchObject({
      value: { $ref: 'azurerm_log_analytics_workspace.example', instance: 0, attribute: 'id', path: ['id'] },
    });
    expect(run('azurerm_user_assigned_identity.ids["kubelet"].principal_id', { count: { index: 1 } })).toMatchObject({
      value: { instance: 'kubelet', attribute: 'principal_id' },
    });
    expect(run('data.azurerm_client_config.current.tenant_id')).toMatchObject({ value: { $ref: 'data.azurerm_client_config.current', attribute: 'tenant_id' } });
    expect(run('module.aks.kubelet_identity.objectId')).toMatchObject({ value: { $ref: 'module.aks', attribute: 'kubelet_identity', path: ['kubelet_identity', 'objectId'] } });
    expect(run('azurerm_subnet.s[count.index].id', { count: { index: 3 } })).toMatchObject({ value: { instance: 3 } });
  });

  it('does not let a reference leak into a string or a comparison', () => {
    expect(run('"${azurerm_kubernetes_cluster.main.id}/extensions"')).toEqual(unknown('azurerm_kubernetes_cluster.main.id is known only after apply'));
    expect(run('azurerm_kubernetes_cluster.main.id == "x"')).toEqual(unknown('azurerm_kubernetes_cluster.main.id is known only after apply'));
    expect(run('azurerm_kubernetes_cluster.main.id == azurerm_kubernetes_cluster.main.id')).toEqual(known(true));
    expect(run('coalesce(azurerm_kubernetes_cluster.main.id, "x")')).toMatchObject({ value: { $ref: 'azurerm_kubernetes_cluster.main' } });
  });

  it('uses the caller resolver for references when there is one', () => {
    const scope: Scope = {
      resolveReference: (t) =>
        t.root === 'azurerm_resource_group' && t.steps[1]?.kind === 'attr' && t.steps[1].name === 'location' ? known('westeurope') : unknown('not modelled'),
    };
    expect(run('azurerm_resource_group.rg.location', scope)).toEqual(known('westeurope'));
    expect(run('azurerm_resource_group.rg.name', scope)).toEqual(unknown('not modelled'));
  });
});

describe('evaluate: real files', () => {
  const read = (path: string): Body => parseHcl(readFileSync(`/work/shared/fixtures/aks-iac/terraform/${path}`, 'utf8')).body;

  it('network-policy-calico: names from variable defaults, the node pool points at the cluster', () => {
    const variables: Record<string, Evaluated> = {};
    for (const v of blocksOf(read('tf-provider-azurerm-examples/network-policy-calico/variables.tf'), 'variable')) {
      const d = attributeOf(v.body, 'default');
      if (d && v.labels[0]) variables[v.labels[0].value] = evaluate(d.value);
    }
    const main = read('tf-provider-azurerm-examples/network-policy-calico/main.tf');
    const [cluster] = blocksOf(main, 'resource', 'azurerm_kubernetes_cluster');
    const name = cluster && attributeOf(cluster.body, 'name');
    expect(name && evaluate(name.value, { variables })).toEqual(known('akscalico-k8s'));
    const [pool] = blocksOf(main, 'resource', 'azurerm_kubernetes_cluster_node_pool');
    const id = pool && attributeOf(pool.body, 'kubernetes_cluster_id');
    expect(id && evaluate(id.value, { variables })).toMatchObject({ kind: 'known', value: { $ref: 'azurerm_kubernetes_cluster.example', attribute: 'id' } });
  });

  it('aks-store-demo: a conditional object input with a known local, and a function that is not evaluated', () => {
    const [aks] = blocksOf(read('aks-store-demo/kubernetes.tf'), 'module', 'aks');
    const monitor = aks && attributeOf(aks.body, 'azure_monitor_profile');
    const on = localsScope('locals {\n  deploy_observability_tools = true\n}\n');
    expect(monitor && evaluate(monitor.value, on)).toEqual(
      known({ enabled: true, kube_state_metrics: { metric_annotations_allow_list: '*', metric_labels_allowlist: '*' } }),
    );
    expect(monitor && evaluate(monitor.value)).toEqual(unknown('local.deploy_observability_tools is not defined'));
    const access = aks && attributeOf(aks.body, 'api_server_access_profile');
    const result = access && evaluate(access.value);
    expect(result).toEqual(known({ authorized_ip_ranges: [new UnknownValue('function chomp() is not evaluated')] }));
  });
});

describe('evaluate: hostile configurations end quickly', () => {
  it('a string that doubles through 40 locals', () => {
    const lines = ['locals {', '  s0 = "xx"'];
    for (let i = 1; i <= 40; i += 1) lines.push(`  s${i} = "\${local.s${i - 1}}\${local.s${i - 1}}"`);
    const scope = localsScope(`${lines.join('\n')}\n}\n`);
    const started = performance.now();
    expect(run('local.s40', scope)).toEqual(unknown('the string is too long to evaluate'));
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('nested for expressions over a long list', () => {
    const scope = localsScope(`locals {\n  l = [${Array.from({ length: 300 }, (_, i) => i).join(', ')}]\n}\n`);
    const started = performance.now();
    expect(run('[for a in local.l : [for b in local.l : [for c in local.l : 1]]]', scope)).toEqual(unknown('the expression is too large to evaluate'));
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('still evaluates the deepest nesting the parser accepts', () => {
    const nested = `${'['.repeat(126)}1${']'.repeat(126)}`;
    expect(parseHcl(`x = ${nested}\n`).diagnostics).toEqual([]);
    expect(run(nested).kind).toBe('known');
    const fors = `${'[for v in [1] : '.repeat(40)}v${']'.repeat(40)}`;
    let expected: Value = 1;
    for (let i = 0; i < 40; i += 1) expected = [expected];
    expect(run(fors)).toEqual(known(expected));
  });

  it('a chain of 2,000 locals', () => {
    const lines = ['locals {', '  l0 = 1'];
    for (let i = 1; i <= 2000; i += 1) lines.push(`  l${i} = local.l${i - 1}`);
    const scope = localsScope(`${lines.join('\n')}\n}\n`);
    expect(run('local.l2000', scope)).toEqual(unknown('the expression is nested too deeply to evaluate'));
    expect(run('local.l50', scope)).toEqual(known(1));
  });
});
