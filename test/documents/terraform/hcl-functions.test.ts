import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../shared/documents/terraform/hcl-evaluate.js';
import { FUNCTIONS } from '../../../shared/documents/terraform/hcl-functions.js';
import { parseHcl } from '../../../shared/documents/terraform/hcl-parser.js';
import type { Scope } from '../../../shared/documents/terraform/hcl-scope.js';
import { known, unknown, type Evaluated, type Value } from '../../../shared/documents/terraform/hcl-values.js';

function run(source: string, scope: Scope = {}): Evaluated {
  const file = parseHcl(`x = ${source}\n`);
  expect(file.diagnostics).toEqual([]);
  const [item] = file.body.items;
  if (item?.kind !== 'attribute') throw new Error('no attribute');
  return evaluate(item.value, scope);
}

const KNOWN: readonly (readonly [string, Value])[] = [
  ['lower("AKS-Prod")', 'aks-prod'],
  ['upper("westeurope")', 'WESTEUROPE'],
  ['upper(5)', '5'],
  ['concat([1], [], [2, 3])', [1, 2, 3]],
  ['concat([[1]], [[2]])', [[1], [2]]],
  ['merge({ a = 1, b = 1 }, null, { b = 2 })', { a: 1, b: 2 }],
  ['merge()', {}],
  ['lookup({ a = 1 }, "a")', 1],
  ['lookup({ a = 1 }, "z", "default")', 'default'],
  ['try(lookup({}, "z"), "fallback")', 'fallback'],
  ['try({ a = 1 }.a, 2)', 1],
  ['try({}.a, [][0], "third")', 'third'],
  ['coalesce(null, "", "x", "y")', 'x'],
  ['coalesce(null, 0)', 0],
  ['length("héllo")', 5],
  ['length([1, 2])', 2],
  ['length({ a = 1 })', 1],
  ['tostring(1.5)', '1.5'],
  ['tostring(true)', 'true'],
  ['tostring(null)', null],
  ['tobool("true")', true],
  ['tonumber("42")', 42],
  ['contains(["a", "b"], "b")', true],
  ['contains([1, 2], "1")', false],
  ['format("%s-%d-%t-%v", "a", 3, true, 4.5)', 'a-3-true-4.5'],
  ['format("%05d|%-4s|%4s|%.2f|%q|100%%", 42, "ab", "cd", 3.14159, "q")', '00042|ab  |  cd|3.14|"q"|100%'],
  ['join(", ", ["a", "b"], ["c"])', 'a, b, c'],
  ['join("-", [1, true])', '1-true'],
  ['split(",", "a,b,,c")', ['a', 'b', '', 'c']],
  ['replace("a.b.c", ".", "-")', 'a-b-c'],
  ['toset(["b", "a", "b"])', ['a', 'b']],
  ['tolist(["x"])', ['x']],
  ['tomap({ a = "b" })', { a: 'b' }],
  ['element(["a", "b", "c"], 4)', 'b'],
  ['flatten([1, [2, [3, []]], []])', [1, 2, 3]],
  ['can({ a = 1 }.a)', true],
  ['can({ a = 1 }.b)', false],
  ['concat(["a"], [["b", "c"]]...)', ['a', 'b', 'c']],
  ['lower(format("%s", upper("x")))', 'x'],
];

describe('functions: known results', () => {
  it.each(KNOWN)('%s', (source, value) => {
    expect(run(source)).toEqual(known(value));
  });

  it('has a case here for every function in the table', () => {
    const covered = new Set(KNOWN.map(([source]) => /^[a-z]+/.exec(source)?.[0]));
    expect([...FUNCTIONS.keys()].filter((name) => !covered.has(name))).toEqual([]);
  });
});

describe('functions: unknown or wrong arguments', () => {
  it.each([
    ['lower(var.x)', 'var.x has no value'],
    ['merge({ a = 1 }, var.extra)', 'var.extra has no value'],
    ['lookup(var.m, "a")', 'var.m has no value'],
    ['lookup({ a = 1 }, "z")', 'lookup() found no such key and has no default'],
    ['coalesce(var.x, "y")', 'var.x has no value'],
    ['coalesce(null, "")', 'coalesce() got only null or empty arguments'],
    ['tonumber("abc")', 'tonumber() argument must be a number, not string'],
    ['tobool(1)', 'tobool() argument must be a bool, not number'],
    ['contains(["a", var.x], "b")', 'var.x has no value'],
    ['try(var.x, "fallback")', 'var.x has no value'],
    ['can(var.x)', 'var.x has no value'],
    ['format("%x", 255)', 'format verb %x is not evaluated'],
    ['format("%s %s", "a")', 'format() has fewer arguments than verbs'],
    ['format("%s", "a", "b")', 'format() has more arguments than verbs'],
    ['replace("abc", "/b/", "x")', 'replace() with a regular expression is not evaluated'],
    ['element([], 0)', 'element() cannot pick from an empty list'],
    ['lower("a", "b")', 'lower() got the wrong number of arguments'],
    ['concat(var.lists...)', 'var.lists has no value'],
    ['concat(1...)', 'the argument expanded with "..." must be a list, not number'],
    ['lower(azurerm_kubernetes_cluster.main.name)', 'azurerm_kubernetes_cluster.main.name is known only after apply'],
    ['chomp("x")', 'function chomp() is not evaluated'],
    ['templatefile("x.tpl", {})', 'function templatefile() is not evaluated'],
  ])('%s', (source, reason) => {
    expect(run(source)).toEqual(unknown(reason));
  });

  it('lets try() fall through errors but not unknowns, as Terraform does', () => {
    expect(run('try(var.m.a, "fallback")', { variables: { m: known({}) } })).toEqual(known('fallback'));
    expect(run('try(var.m.a, "fallback")', { variables: { m: known({ a: 'set' }) } })).toEqual(known('set'));
  });
});
