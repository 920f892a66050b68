import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  evaluateString,
  evaluateValue,
  isExpression,
  LIMITS,
  Scope,
  toEvaluated,
  Unknown,
  type Evaluated,
  type PartialValue,
} from '../../../shared/documents/arm/expressions.js';

// Real templates copied from public repositories; they live beside the clone (../shared/fixtures).
const FIXTURES = fileURLToPath(new URL('../../../../shared/fixtures/aks-iac/arm', import.meta.url));
const CLUSTER_ID = '/subscriptions/{unknown}/resourceGroups/{unknown}/providers/Microsoft.ContainerService/managedClusters/aks1';

const scope = new Scope({
  parameters: {
    name: 'aks1',
    enableRbac: true,
    off: false,
    count: 3,
    nothing: null,
    tags: { env: 'prod', Team: 'web' },
    zones: ['1', '2', '3'],
    profiles: [{ name: 'system', count: 3 }, { name: 'user' }],
    pending: new Unknown('parameter "pending" has no value'),
    bag: { known: 'yes', later: new Unknown('set at deployment') },
  },
  variables: {
    prefix: "[concat('aks-', parameters('name'))]",
    nested: { full: "[concat(variables('prefix'), '-x')]", literal: '[[not an expression]' },
    a: "[variables('b')]",
    b: "[variables('a')]",
    unused: "[reference('never').evaluated]",
    copy: [{ name: 'disks', count: 3, input: { lun: "[copyIndex('disks')]", name: "[format('disk{0}', copyIndex('disks', 1))]" } }],
  },
});

function evaluated(text: string, s: Scope = scope): Evaluated {
  return evaluateString(text, s);
}

function reasonOf(text: string, s: Scope = scope): string {
  const result = evaluated(text, s);
  if (result.kind !== 'unknown') throw new Error(`expected ${text} to be unknown, got ${JSON.stringify(result.value)}`);
  return result.reason;
}

describe('evaluateString: syntax and escaping (template-expressions)', () => {
  it.each<[string, PartialValue]>([
    ['plain text', 'plain text'],
    ['', ''],
    ['[', '['],
    ['[test] value', '[test] value'], // does not end with "]": a literal
    ["[concat('a', 'b')", "[concat('a', 'b')"],
    ['[[test value]', '[test value]'], // "[[" escapes the opening bracket
    ['[[abc', '[[abc'], // not ending with "]", so nothing to escape
    ["['it''s']", "it's"],
    ["['']", ''],
    ["['a''''b']", "a''b"],
    ["[  concat( 'a' ,\n 'b' )  ]", 'ab'],
    ["[CONCAT('a', 'b')]", 'ab'], // function names are case-insensitive
    ['[add(-2, 5)]', 3],
    ['[length(parameters(\'zones\'))]', 3],
    ["[parameters('tags').env]", 'prod'],
    ["[parameters('tags')['env']]", 'prod'],
    ["[parameters('tags').team]", 'web'], // exact match first, then any case
    ["[parameters('ZONES')[1]]", '2'],
    ["[parameters('profiles')[0].name]", 'system'],
    ["[parameters('profiles')[0]['count']]", 3],
    ["[createArray(createArray(1, 2), createArray(3))[1][0]]", 3],
    ["[json('{\"a\": {\"b\": [10, 20]}}').a.b[1]]", 20],
    ["['[not evaluated]']", '[not evaluated]'],
  ])('%s → %j', (text, value) => {
    expect(evaluated(text)).toEqual({ kind: 'known', value });
  });

  it.each([
    ['[]', 'unexpected end of expression'],
    ['[concat(]', 'unexpected end of expression'],
    ["[concat('a',,'b')]", 'unexpected ","'],
    ["[concat('a' 'b')]", 'expected ")"'],
    ["['unterminated]", 'unterminated string'],
    ["[concat('a') 'b']", 'unexpected text after the expression'],
    ['[true]', 'expected "("'],
    ['[parameters(1.5)]', 'expected a property name'], // no decimals in ARM expressions
    ['[99999999999999999999]', 'integer out of range'],
  ])('%s is not valid: %s', (text, message) => {
    const reason = reasonOf(text);
    expect(reason).toContain('is not valid');
    expect(reason).toContain(message);
  });

  it('caps the quoted expression in a reason at about 80 characters', () => {
    const text = `[concat(${"'a', ".repeat(200)})]`;
    const reason = reasonOf(text);
    expect(reason.length).toBeLessThan(200);
    expect(reason).toContain('...');
  });

  it('isExpression follows the same rule', () => {
    expect([isExpression('[a()]'), isExpression('[[a()]'), isExpression('[a()] '), isExpression('x[a()]')]).toEqual([true, false, false, false]);
  });
});

describe('evaluateString: functions', () => {
  it.each<[string, PartialValue]>([
    // concat: strings (integers allowed, as concat('vm', copyIndex()) is) or arrays
    ["[concat('a', 'b', 'c')]", 'abc'],
    ["[concat('vm', 1)]", 'vm1'],
    ['[concat(createArray(1), createArray(2, 3))]', [1, 2, 3]],
    ["[concat('')]", ''],
    // format: .NET composite format, {n} items, {{ }} escapes, booleans as True/False
    ["[format('{0}-{1}', 'a', 2)]", 'a-2'],
    ["[format('{0}_aks_{1}_nodes', 'rg', parameters('name'))]", 'rg_aks_aks1_nodes'],
    ["[format('{{{0}}}', 'x')]", '{x}'],
    ["[format('{1}{0}{1}', 'a', 'b')]", 'bab'],
    ["[format('{0}', true())]", 'True'],
    ["[format('no items')]", 'no items'],
    // if / equals / not / and / or
    ["[if(equals('a', 'a'), 'yes', 'no')]", 'yes'],
    ["[if(parameters('off'), 'yes', 'no')]", 'no'],
    ["[equals('a', 'A')]", false],
    ['[equals(1, 1)]', true],
    ["[equals(1, '1')]", false],
    ["[equals(createObject('a', createArray(1, 2)), json('{\"a\":[1,2]}'))]", true],
    ["[equals(createObject('a', 1), createObject('a', 1, 'b', 2))]", false],
    ["[equals(parameters('nothing'), null())]", true],
    ['[not(true())]', false],
    ["[not(equals(1, 2))]", true],
    ['[and(true(), true(), true())]', true],
    ['[and(true(), false())]', false],
    ['[or(false(), false())]', false],
    ['[or(false(), true())]', true],
    // empty / contains / length
    ["[empty('')]", true],
    ['[empty(createArray())]', true],
    ['[empty(createObject())]', true],
    ['[empty(null())]', true],
    ["[empty(parameters('zones'))]", false],
    ["[contains('OneTwo', 'Two')]", true],
    ["[contains('OneTwo', 'two')]", false], // strings: case-sensitive
    ["[contains(parameters('tags'), 'ENV')]", true], // object keys: case-insensitive
    ["[contains(parameters('zones'), '2')]", true],
    ["[contains(parameters('zones'), 2)]", false],
    ["[contains(createArray(createObject('a', 1)), createObject('a', 1))]", true],
    ["[length('abc')]", 3],
    ["[length(parameters('tags'))]", 2],
    // case, conversions
    ["[toLower('AbC')]", 'abc'],
    ["[toUpper('AbC')]", 'ABC'],
    ["[bool('TRUE')]", true],
    ["[bool('false')]", false],
    ['[bool(0)]', false],
    ['[bool(2)]', true],
    ["[int('42')]", 42],
    ["[int('-7')]", -7],
    ['[int(5)]', 5],
    ["[string('x')]", 'x'],
    ['[string(5)]', '5'],
    ['[string(true())]', 'True'],
    ["[toLower(string(parameters('off')))]", 'false'],
    ["[string(createObject('valueA', 10, 'valueB', 'Example Text'))]", '{"valueA":10,"valueB":"Example Text"}'],
    ["[string(createArray('a', 'b'))]", '["a","b"]'],
    // union: arrays deduplicated in order; objects merged deeply, later values win, nested arrays replaced
    ["[union(createArray('one', 'two'), createArray('two', 'three'))]", ['one', 'two', 'three']],
    [
      "[union(createObject('a', 1, 'n', createObject('x', 1, 'y', 1), 'l', createArray(1, 2)), createObject('b', 2, 'n', createObject('y', 2), 'l', createArray(3)))]",
      { a: 1, n: { x: 1, y: 2 }, l: [3], b: 2 },
    ],
    ["[shallowMerge(createArray(createObject('a', 1, 'n', createObject('x', 1)), createObject('n', createObject('y', 2))))]", { a: 1, n: { y: 2 } }],
    // createArray / createObject
    ['[createArray()]', []],
    ["[createArray(1, 'a', null(), true())]", [1, 'a', null, true]],
    ["[createObject('a', 1, 'b', createArray())]", { a: 1, b: [] }],
    ['[createObject()]', {}],
    // coalesce / tryGet
    ["[coalesce(null(), parameters('nothing'), 'x', 'y')]", 'x'],
    ["[coalesce('', 'x')]", ''],
    ['[coalesce(null(), null())]', null],
    ["[tryGet(parameters('tags'), 'env')]", 'prod'],
    ["[tryGet(parameters('tags'), 'missing')]", null],
    ["[tryGet(parameters('nothing'), 'kind')]", null],
    ["[tryGet(parameters('profiles'), 0, 'name')]", 'system'],
    ["[tryGet(parameters('profiles'), 1, 'count')]", null],
    ["[tryGet(parameters('zones'), 9)]", null],
    // comparisons and arithmetic
    ['[greater(2, 1)]', true],
    ["[greater('a', 'b')]", false],
    ['[greaterOrEquals(2, 2)]', true],
    ['[less(1, 2)]', true],
    ['[lessOrEquals(3, 2)]', false],
    ['[sub(1, 5)]', -4],
    ['[mul(6, 7)]', 42],
    ['[div(-7, 2)]', -3],
    ['[mod(-7, 2)]', -1],
    ['[min(3, 1, 2)]', 1],
    ['[max(createArray(3, 9, 2))]', 9],
    // strings and arrays
    ["[replace('1-2-3', '-', '')]", '123'],
    ["[split('a,b,,c', ',')]", ['a', 'b', '', 'c']],
    ["[split('a,b;c', createArray(',', ';'))]", ['a', 'b', 'c']],
    ["[last(split('/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/dnsZones/zone1', '/'))]", 'zone1'],
    ["[first(parameters('zones'))]", '1'],
    ["[last('abc')]", 'c'],
    ["[substring('one two three', 4, 3)]", 'two'],
    ["[substring('abc', 1)]", 'bc'],
    ["[take(parameters('zones'), 2)]", ['1', '2']],
    ["[skip('abc', 5)]", ''],
    ["[trim('  a b  ')]", 'a b'],
    ["[startsWith('Microsoft.Network', 'microsoft.')]", true],
    ["[endsWith('abc', 'BC')]", true],
    ["[json('null')]", null],
    ["[json('[1, \"a\", true]')]", [1, 'a', true]],
    ['[null()]', null],
    // map / filter / reduce with lambdas, as Bicep compiles for-expressions
    ["[map(parameters('zones'), lambda('z', concat('zone', lambdaVariables('z'))))]", ['zone1', 'zone2', 'zone3']],
    ["[map(parameters('zones'), lambda('z', 'i', lambdaVariables('i')))]", [0, 1, 2]],
    ["[filter(parameters('profiles'), lambda('p', equals(tryGet(lambdaVariables('p'), 'count'), 3)))]", [{ name: 'system', count: 3 }]],
    ["[reduce(parameters('zones'), '', lambda('acc', 'z', concat(lambdaVariables('acc'), lambdaVariables('z'))))]", '123'],
    // scope
    ["[parameters('nothing')]", null],
    ["[PARAMETERS('EnableRBAC')]", true],
    ["[variables('prefix')]", 'aks-aks1'],
    ["[variables('nested')]", { full: 'aks-aks1-x', literal: '[not an expression]' }],
    ["[variables('disks')]", [{ lun: 0, name: 'disk1' }, { lun: 1, name: 'disk2' }, { lun: 2, name: 'disk3' }]],
    ["[parameters('bag').known]", 'yes'],
    ["[resourceGroup().type]", 'Microsoft.Resources/resourceGroups'],
  ])('%s → %j', (text, value) => {
    expect(evaluated(text)).toEqual({ kind: 'known', value });
  });

  it.each([
    ["[not('true')]", 'function "not" expects a boolean as argument 1, got string'],
    ["[if('yes', 1, 2)]", 'function "if" expects a boolean condition, got string'],
    ["[and(true(), 'x')]", 'function "and" expects booleans, got string'],
    ["[concat('a', createArray())]", 'function "concat" expects strings or arrays'],
    ["[format('{0:N2}', 1)]", 'is not evaluated'],
    ["[format('{0,5}', 1)]", 'is not evaluated'],
    ["[format('{1}', 'a')]", 'refers to argument 1, which is missing'],
    ["[format('{', 'a')]", 'unmatched "{"'],
    ["[format('{0}', createArray())]", 'cannot write array into a format string'],
    ['[string(null())]', 'cannot write null into a string'],
    ["[int('4.5')]", 'cannot convert "4.5" to an integer'],
    ["[bool('yes')]", 'cannot convert string to a boolean'],
    ['[first(createArray())]', 'of an empty array is not evaluated'],
    ["[substring('abc', 2, 5)]", 'refers to a location outside the string'],
    ['[div(1, 0)]', 'divides by zero'],
    ["[replace('abc', '', 'x')]", 'cannot replace an empty string'],
    ["[json('{')]", 'not valid JSON'],
    ["[union(createArray(), createObject())]", 'expects only arrays or only objects'],
    ["[createObject('a')]", 'needs pairs of key and value'],
    ["[tryGet('text', 'a')]", 'cannot look up string in string'],
    ["[length(1)]", 'expects an array, object or string, got integer'],
    ["[greater(1, 'a')]", 'compares integer with string'],
    ['[not(true(), false())]', 'function "not" takes 1 argument, got 2'],
    ['[if(true(), 1)]', 'function "if" cannot take 2 arguments'],
    ["[parameters('tags').missing]", 'property "missing" does not exist'],
    ["[parameters('zones').first]", 'cannot read property "first" of array'],
    ["[parameters('zones')[3]]", 'index 3 is out of range'],
    ["[parameters('zones')['a']]", 'cannot index array with string'],
    ["[parameters('nothing').kind]", 'cannot read property "kind" of null'],
    ["[lambda('x', 1)]", 'only evaluated inside map, filter and reduce'],
    ["[map(createArray(1), 'notALambda')]", 'function "map" expects a lambda'],
    ["[lambdaVariables('x')]", 'lambda variable "x" is not defined'],
    ['[copyIndex()]', 'copyIndex() is only evaluated inside a variable copy loop'],
  ])('%s → unknown: %s', (text, reason) => {
    expect(reasonOf(text)).toContain(reason);
  });
});

describe('evaluateString: unknown values', () => {
  it.each([
    // Not evaluated: deployment-time facts and hashes.
    ["[reference('managedCluster').fqdn]", 'function "reference" is not evaluated'],
    ["[uniqueString(resourceGroup().id)]", 'function "uniqueString" is not evaluated'],
    ["[myNamespace.myFunction('a')]", 'function "myNamespace.myFunction" is not evaluated'],
    ["[resourceGroup().location]", 'resourceGroup().location is only known at deployment'],
    ["[toLower(resourceGroup().name)]", 'resourceGroup().name is only known at deployment'],
    // Missing values and variables.
    ["[parameters('enableRbacc')]", 'parameter "enableRbacc" has no value'],
    ["[variables('nope')]", 'variable "nope" is not defined'],
    ["[variables('a')]", 'variable "a" refers to itself'],
    // An unknown argument makes the result unknown, keeping the innermost reason.
    ["[if(parameters('pending'), 'a', 'b')]", 'parameter "pending" has no value'],
    ["[parameters('pending').a.b]", 'parameter "pending" has no value'],
    ["[parameters('pending')[0]]", 'parameter "pending" has no value'],
    ["[parameters('tags')[parameters('pending')]]", 'parameter "pending" has no value'],
    ["[concat('a', parameters('pending'))]", 'parameter "pending" has no value'],
    ["[not(parameters('pending'))]", 'parameter "pending" has no value'],
    ["[and(true(), parameters('pending'))]", 'parameter "pending" has no value'],
    ["[or(false(), parameters('pending'))]", 'parameter "pending" has no value'],
    ["[coalesce(null(), parameters('pending'), 'b')]", 'parameter "pending" has no value'],
    ["[parameters('bag').later]", 'set at deployment'],
    ["[string(parameters('bag'))]", 'set at deployment'],
    ["[equals(createArray(parameters('pending')), createArray(1))]", 'parameter "pending" has no value'],
    ["[contains(createArray(parameters('pending')), 1)]", 'parameter "pending" has no value'],
    ["[union(createArray(parameters('pending')), createArray(1))]", 'parameter "pending" has no value'],
    ["[filter(parameters('zones'), lambda('z', parameters('pending')))]", 'parameter "pending" has no value'],
    ["[parameters(parameters('pending'))]", 'parameter "pending" has no value'],
  ])('%s → unknown: %s', (text, reason) => {
    expect(reasonOf(text)).toBe(reason);
  });

  it.each<[string, PartialValue]>([
    // and/or stop at the first deciding value, as ARM does; a known decider after an unknown still decides.
    ["[and(false(), reference('x'))]", false],
    ["[and(parameters('pending'), false())]", false],
    ["[or(true(), reference('x'))]", true],
    ["[or(parameters('pending'), true())]", true],
    // if evaluates only the branch taken.
    ["[if(true(), 'a', reference('x'))]", 'a'],
    ["[if(false(), reference('x'), 'b')]", 'b'],
    // coalesce stops at the first non-null value.
    ["[coalesce('a', parameters('pending'))]", 'a'],
    // Containers keep unknown leaves; reading the known parts works.
    ["[createObject('a', parameters('pending'), 'b', 1).b]", 1],
    ["[createArray(1, parameters('pending'))[0]]", 1],
    ["[length(createArray(1, parameters('pending')))]", 2],
    ["[empty(createArray(parameters('pending')))]", false],
    ["[equals(createArray(parameters('pending'), 1), createArray(2, 2))]", false],
    ["[contains(createArray(parameters('pending'), 1), 1)]", true],
    ["[tryGet(parameters('bag'), 'known')]", 'yes'],
    ["[union(createObject('a', parameters('pending')), createObject('a', 1))]", { a: 1 }],
  ])('%s → %j', (text, value) => {
    expect(evaluated(text)).toEqual({ kind: 'known', value });
  });
});

describe('resourceId and friends: deterministic pseudo ids', () => {
  it.each<[string, string]>([
    ["[resourceId('Microsoft.ContainerService/managedClusters', 'aks1')]", CLUSTER_ID],
    ["[resourceId('Microsoft.ContainerService/managedClusters/', parameters('name'))]", CLUSTER_ID],
    ["[resourceId('rg1', 'Microsoft.ContainerService/managedClusters', 'aks1')]", '/subscriptions/{unknown}/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/aks1'],
    ["[resourceId('sub1', 'rg1', 'Microsoft.Network/virtualNetworks/subnets', 'vnet', 'nodes')]", '/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/vnet/subnets/nodes'],
    ["[resourceId(parameters('pending'), 'Microsoft.Network/virtualNetworks', 'vnet')]", '/subscriptions/{unknown}/resourceGroups/{unknown}/providers/Microsoft.Network/virtualNetworks/vnet'],
    ["[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'acdd72a7')]", '/subscriptions/{unknown}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7'],
    ["[subscriptionResourceId('sub1', 'Microsoft.Authorization/roleDefinitions', 'r')]", '/subscriptions/sub1/providers/Microsoft.Authorization/roleDefinitions/r'],
    ["[tenantResourceId('Microsoft.Management/managementGroups', 'mg')]", '/providers/Microsoft.Management/managementGroups/mg'],
    [
      "[extensionResourceId(resourceId('Microsoft.ContainerService/managedClusters', 'aks1'), 'Microsoft.Authorization/locks', 'lock')]",
      `${CLUSTER_ID}/providers/Microsoft.Authorization/locks/lock`,
    ],
    ["[equals(resourceId('Microsoft.ContainerService/managedClusters', 'aks1'), resourceId('Microsoft.ContainerService/managedClusters', 'aks1'))]", 'true'],
  ])('%s', (text, id) => {
    const result = evaluated(text);
    expect(result).toEqual({ kind: 'known', value: id === 'true' ? true : id });
  });

  it.each([
    ["[resourceId('Microsoft.ContainerService/managedClusters', parameters('pending'))]", 'parameter "pending" has no value'],
    ["[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet')]", 'got 1 names for a type with 2 levels'],
    ["[resourceId('a', 'b')]", 'has no resource type'],
    // Two pseudo ids that differ may still name one resource: the comparison is not decided.
    ["[equals(resourceId('Microsoft.Network/virtualNetworks', 'v'), '/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/v')]", 'resource id whose subscription or resource group is unknown'],
  ])('%s → unknown: %s', (text, reason) => {
    expect(reasonOf(text)).toContain(reason);
  });
});

describe('Scope', () => {
  it('uses the resource group location when given', () => {
    const withLocation = new Scope({ resourceGroupLocation: 'westeurope' });
    expect(evaluated('[resourceGroup().location]', withLocation)).toEqual({ kind: 'known', value: 'westeurope' });
  });

  it('evaluates variables lazily: a broken variable costs nothing until used', () => {
    expect(evaluated("[variables('prefix')]")).toEqual({ kind: 'known', value: 'aks-aks1' });
    expect(reasonOf("[variables('unused')]")).toBe('function "reference" is not evaluated');
  });

  it('rejects a copy loop with a count it cannot use', () => {
    const loops = new Scope({ variables: { copy: [{ name: 'many', count: 801, input: 1 }, { name: 'later', count: "[parameters('n')]", input: 1 }] } });
    expect(reasonOf("[variables('many')]", loops)).toBe('copy loop "many" has an invalid count');
    expect(reasonOf("[variables('later')]", loops)).toBe('parameter "n" has no value');
  });
});

describe('evaluateValue and toEvaluated', () => {
  it('keeps the shape of a property bag and marks exactly the unknown leaf', () => {
    const value = evaluateValue(
      {
        name: "[parameters('name')]",
        location: '[resourceGroup().location]',
        properties: { enableRBAC: "[parameters('enableRbac')]", dnsPrefix: '[[literal]', pools: [{ count: "[parameters('count')]" }, { zones: "[parameters('pending')]" }] },
      },
      scope,
    );
    expect(value).toEqual({
      name: 'aks1',
      location: new Unknown('resourceGroup().location is only known at deployment'),
      properties: { enableRBAC: true, dnsPrefix: '[literal]', pools: [{ count: 3 }, { zones: new Unknown('parameter "pending" has no value') }] },
    });
    expect(toEvaluated(value)).toEqual({ kind: 'unknown', reason: 'location: resourceGroup().location is only known at deployment' });
    expect(toEvaluated((value as { properties: PartialValue }).properties)).toEqual({ kind: 'unknown', reason: 'pools[1].zones: parameter "pending" has no value' });
  });

  it('returns known values unchanged and flags what is not JSON', () => {
    expect(toEvaluated(evaluateValue({ a: [1, true, null, 'x'] }, scope))).toEqual({ kind: 'known', value: { a: [1, true, null, 'x'] } });
    expect(evaluateValue(undefined, scope)).toEqual(new Unknown('undefined is not a JSON value'));
    expect(evaluateValue(Number.NaN, scope)).toEqual(new Unknown('number is not finite'));
    expect(toEvaluated(evaluateValue({ 'odd key': "[parameters('pending')]" }, scope))).toEqual({ kind: 'unknown', reason: '["odd key"]: parameter "pending" has no value' });
  });

  it('keeps a key named __proto__ as data', () => {
    const value = evaluateValue(JSON.parse('{"__proto__": {"polluted": true}}'), scope);
    expect(Object.keys(value as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(evaluated("[createObject('constructor', 1).constructor]")).toEqual({ kind: 'known', value: 1 });
    expect(reasonOf("[createObject().constructor]")).toBe('property "constructor" does not exist');
  });
});

describe('limits: a hostile template cannot hang or overflow', () => {
  const nestedNot = (n: number) => `[${'not('.repeat(n)}true()${')'.repeat(n)}]`;

  it('10,000 nested calls → unknown (longer than ARM allows), no stack overflow', () => {
    expect(reasonOf(nestedNot(10_000))).toBe(`expression longer than ${LIMITS.maxExpressionLength} characters`);
  });

  it('nesting past the depth limit within the length limit → unknown', () => {
    expect(reasonOf(nestedNot(LIMITS.maxDepth))).toContain(`nesting deeper than ${LIMITS.maxDepth} levels`);
    expect(evaluated(nestedNot(LIMITS.maxDepth - 1))).toEqual({ kind: 'known', value: LIMITS.maxDepth % 2 === 1 });
    expect(reasonOf(`[parameters('tags')${'.a'.repeat(LIMITS.maxDepth + 1)}]`)).toContain('nesting deeper than');
  });

  it('a concat that doubles a string through variables → unknown at the string limit', () => {
    const variables: Record<string, string> = { s0: "['0123456789']" };
    for (let i = 1; i <= 30; i++) variables[`s${i}`] = `[concat(variables('s${i - 1}'), variables('s${i - 1}'))]`;
    const doubling = new Scope({ variables });
    expect(reasonOf("[variables('s30')]", doubling)).toBe(`string longer than ${LIMITS.maxStringLength} characters`);
    expect(evaluated("[length(variables('s10'))]", doubling)).toEqual({ kind: 'known', value: 10_240 });
  });

  it('strings built by format, replace and string() stop at the limit', () => {
    const big = new Scope({ parameters: { big: 'x'.repeat(600_000), obj: { a: 'x'.repeat(600_000), b: 'x'.repeat(600_000) } } });
    const reason = `string longer than ${LIMITS.maxStringLength} characters`;
    expect(reasonOf("[concat(parameters('big'), parameters('big'))]", big)).toBe(reason);
    expect(reasonOf("[format('{0}{0}', parameters('big'))]", big)).toBe(reason);
    expect(reasonOf("[replace(parameters('big'), 'x', 'xx')]", big)).toBe(reason);
    expect(reasonOf("[string(parameters('obj'))]", big)).toBe(reason);
  });

  it('arrays that double through variables → unknown at the step limit', () => {
    const variables: Record<string, string> = { a0: '[createArray(1, 2, 3, 4, 5, 6, 7, 8)]' };
    for (let i = 1; i <= 40; i++) variables[`a${i}`] = `[concat(variables('a${i - 1}'), variables('a${i - 1}'))]`;
    const doubling = new Scope({ variables });
    expect(reasonOf("[length(variables('a40'))]", doubling)).toBe(`evaluation takes more than ${LIMITS.maxSteps} steps`);
  });

  it('a long chain of variables → unknown at the frame limit', () => {
    const variables: Record<string, string> = { v0: "['end']" };
    for (let i = 1; i <= 500; i++) variables[`v${i}`] = `[variables('v${i - 1}')]`;
    const chain = new Scope({ variables });
    expect(evaluated("[variables('v20')]", chain)).toEqual({ kind: 'known', value: 'end' });
    expect(reasonOf("[variables('v500')]", chain)).toBe(`evaluation nested deeper than ${LIMITS.maxFrames} levels`);
  });

  it('variables holding deep objects that refer to each other → unknown, no stack overflow', () => {
    const variables: Record<string, unknown> = { v0: 'end' };
    for (let i = 1; i <= 60; i++) {
      let deep: unknown = `[variables('v${i - 1}')]`;
      for (let d = 0; d < 120; d++) deep = { d: deep };
      variables[`v${i}`] = deep;
    }
    const reason = reasonOf("[variables('v60')]", new Scope({ variables }));
    expect(reason).toMatch(/nested deeper than/);
    expect(reason.length).toBeLessThan(200);
  });

  it('deeply nested input values and json() → unknown leaves, no stack overflow', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(toEvaluated(evaluateValue(deep, scope))).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('nested deeper than') as unknown });
    const deepParameter = new Scope({ parameters: { deep } });
    expect(reasonOf("[string(parameters('deep'))]", deepParameter)).toContain('nested deeper than');
    expect(reasonOf(`[json('${'['.repeat(5000)}${']'.repeat(5000)}')]`)).toContain('nested deeper than');
  });

  it('huge arrays from parameters: no spread of arguments, work charged per element', () => {
    const huge = new Scope({ parameters: { items: Array.from({ length: 300_000 }, (_, i) => i) } });
    expect(evaluated("[max(parameters('items'))]", huge)).toEqual({ kind: 'known', value: 299_999 });
    expect(evaluated("[length(parameters('items'))]", huge)).toEqual({ kind: 'known', value: 300_000 });
    expect(reasonOf("[string(parameters('items'))]", huge)).toBe(`evaluation takes more than ${LIMITS.maxSteps} steps`);
    expect(reasonOf("[map(parameters('items'), lambda('x', lambdaVariables('x')))]", huge)).toBe(`evaluation takes more than ${LIMITS.maxSteps} steps`);
  });

  it('a reduce that nests its accumulator stays bounded', () => {
    const many = new Scope({ parameters: { items: Array.from({ length: 5000 }, (_, i) => i) } });
    const text = "[reduce(parameters('items'), createArray(), lambda('acc', 'x', createArray(lambdaVariables('acc'))))]";
    expect(evaluated(text, many).kind).toBe('unknown');
  });
});

/** Parameter values as a deployment without a parameters file would see them: defaults, null when nullable. */
function templateScope(template: TemplateJson, supplied: Record<string, unknown> = {}): Scope {
  const raw: Record<string, unknown> = {};
  for (const [name, declaration] of Object.entries(template.parameters ?? {})) {
    if (name in supplied) raw[name] = supplied[name];
    else if ('defaultValue' in declaration) raw[name] = declaration.defaultValue;
    else raw[name] = declaration.nullable === true ? null : new Unknown(`parameter ${JSON.stringify(name)} has no value`);
  }
  // Defaults may use other parameters (dnsPrefix = name): evaluate them against the literal values first.
  const literal = new Scope({ parameters: raw, variables: template.variables ?? {} });
  const resolved = Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, evaluateValue(value, literal)]));
  return new Scope({ parameters: resolved, variables: template.variables ?? {} });
}

interface TemplateJson {
  parameters?: Record<string, { defaultValue?: unknown; nullable?: boolean }>;
  variables?: Record<string, unknown>;
  resources: unknown;
  outputs?: Record<string, { value: string }>;
}

function readTemplate(file: string): TemplateJson {
  return JSON.parse(readFileSync(`${FIXTURES}/${file}`, 'utf8')) as TemplateJson;
}

function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) allStrings(item, out);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) allStrings(item, out);
  return out;
}

describe('real templates (fixtures/aks-iac/arm)', () => {
  it.each(['avm-managed-cluster__main.json', 'azure-quickstart-templates__aks__azuredeploy.json', 'azure-quickstart-templates__aks-vmss-systemassigned-identity__azuredeploy.json'])(
    'evaluates every string of %s without an exception, with short reasons',
    (file) => {
      const template = readTemplate(file);
      const fileScope = templateScope(template);
      for (const text of allStrings(template)) {
        const result = evaluateString(text, fileScope);
        expect(['known', 'unknown']).toContain(result.kind);
        if (result.kind === 'unknown') expect(result.reason.length).toBeLessThanOrEqual(200);
        if (!isExpression(text)) expect(result).toEqual({ kind: 'known', value: text.startsWith('[[') && text.endsWith(']') ? text.slice(1) : text });
      }
    },
  );

  it('the AKS quickstart: parameters with defaults are known, the rest say why not', () => {
    const template = readTemplate('azure-quickstart-templates__aks__azuredeploy.json');
    const quickstart = templateScope(template);
    expect(evaluateValue(template.resources, quickstart)).toMatchObject([
      {
        name: 'aks101cluster',
        location: new Unknown('resourceGroup().location is only known at deployment'),
        properties: {
          dnsPrefix: new Unknown('parameter "dnsPrefix" has no value'),
          agentPoolProfiles: [{ osDiskSizeGB: 0, count: 3, vmSize: 'Standard_D2s_v3' }],
        },
      },
    ]);
    expect(evaluated(template.outputs?.['controlPlaneFQDN']?.value ?? '', quickstart)).toEqual({ kind: 'unknown', reason: 'function "reference" is not evaluated' });
  });

  it('the AKS VMSS quickstart: a trailing slash in the resource type still gives the pseudo id', () => {
    const template = readTemplate('azure-quickstart-templates__aks-vmss-systemassigned-identity__azuredeploy.json');
    const vmss = templateScope(template);
    expect(evaluated("[resourceId('Microsoft.ContainerService/managedClusters/', parameters('aksClusterName'))]", vmss)).toEqual({
      kind: 'known',
      value: '/subscriptions/{unknown}/resourceGroups/{unknown}/providers/Microsoft.ContainerService/managedClusters/aks101cluster-vmss',
    });
    expect(evaluated("[parameters('osType')]", vmss)).toEqual({ kind: 'known', value: 'Linux' });
  });

  describe('the AVM managed-cluster module', () => {
    const template = readTemplate('avm-managed-cluster__main.json');
    const resources = template.resources as Record<string, Record<string, unknown>>;
    const avm = templateScope(template, {
      name: 'aks1',
      primaryAgentPoolProfiles: [{ name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', count: 3 }],
    });
    const cluster = evaluateValue(resources['managedCluster'], avm) as Record<string, Record<string, PartialValue>>;

    it('reads the cluster properties compiled from Bicep', () => {
      expect(cluster['properties']).toMatchObject({
        enableRBAC: true,
        disableLocalAccounts: true,
        dnsPrefix: 'aks1',
        publicNetworkAccess: 'Disabled',
        autoUpgradeProfile: { upgradeChannel: 'stable' },
        nodeResourceGroup: new Unknown('resourceGroup().name is only known at deployment'),
        addonProfiles: {
          azurepolicy: { enabled: true, config: { version: 'v2' } },
          omsagent: { enabled: false, config: null },
          azureKeyvaultSecretsProvider: { enabled: false, config: null },
        },
        networkProfile: { networkPolicy: null, networkPluginMode: null, outboundType: 'loadBalancer', loadBalancerProfile: { managedOutboundIPs: null, idleTimeoutInMinutes: 30 } },
        storageProfile: { diskCSIDriver: { enabled: false } },
      });
      expect(cluster['identity']).toBeNull(); // variables('identity') with no managedIdentities
    });

    it('builds agentPoolProfiles through map and lambda', () => {
      expect(toEvaluated(cluster['properties']?.['agentPoolProfiles'] ?? null)).toMatchObject({
        kind: 'known',
        value: [{ name: 'system', mode: 'System', count: 3, vmSize: 'Standard_D4s_v5', availabilityZones: ['1', '2', '3'], enableAutoScaling: false, osType: 'Linux', scaleDownMode: 'Delete', maxPods: null }],
      });
    });

    it('evaluates conditions, variables, copy loops and outputs', () => {
      expect(evaluateValue(resources['managedCluster_lock']?.['condition'], avm)).toBe(false);
      expect(evaluateValue(resources['dnsZone']?.['condition'], avm)).toBe(false);
      expect(evaluateValue(resources['avmTelemetry']?.['condition'], avm)).toBe(true);
      expect(evaluated("[variables('formattedRoleAssignments')]", avm)).toEqual({ kind: 'known', value: [] });
      expect(evaluated("[variables('formattedUserAssignedIdentities')]", avm)).toEqual({ kind: 'known', value: {} });
      expect(evaluated("[variables('builtInRoleNames').Owner]", avm)).toEqual({
        kind: 'known',
        value: '/subscriptions/{unknown}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
      });
      expect(evaluated(template.outputs?.['resourceId']?.value ?? '', avm)).toEqual({ kind: 'known', value: CLUSTER_ID });
      expect(evaluated(template.outputs?.['resourceGroupName']?.value ?? '', avm)).toEqual({ kind: 'unknown', reason: 'resourceGroup().name is only known at deployment' });
      expect(evaluateValue(resources['avmTelemetry']?.['name'], avm)).toEqual(new Unknown('function "uniqueString" is not evaluated'));
    });
  });
});
