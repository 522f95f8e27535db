// Jinja's and Salt's filters as SLS files use them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from './support/jinja-render.js';

const users = [
  { name: 'carol', role: 'db', enabled: true, uid: 3 },
  { name: 'alice', role: 'web', enabled: false, uid: 1 },
  { name: 'bob', role: 'db', enabled: true, uid: 2 },
];

test('json sorts keys; tojson too, with HTML-safe escapes (as Jinja 3.1 does)', () => {
  assert.equal(render('{{ d | json }}', { d: { b: 1, a: [1.0, 'é', null] } }), '{"a": [1, "\\u00e9", null], "b": 1}');
  assert.equal(render('{{ {"b": 2.0, "a": true} | json }}'), '{"a": true, "b": 2.0}');
  assert.equal(render('{{ d | tojson }}', { d: { b: "<&'>", a: 1 } }), '{"a": 1, "b": "\\u003c\\u0026\\u0027\\u003e"}');
  assert.equal(render('{{ [1, {"a": 2}] | json(indent=2) }}'), '[\n  1,\n  {\n    "a": 2\n  }\n]');
});

test('yaml: flow style by default, block with yaml(False), quoting where plain would change the value', () => {
  assert.equal(render('{{ d | yaml }}', { d: { b: 1, a: ['x', 'y'], c: true } }), '{a: [x, y], b: 1, c: true}');
  assert.equal(render('{{ d | yaml(False) }}', { d: { b: { c: 1 }, a: ['x', 'y'] } }), 'a:\n- x\n- y\nb:\n  c: 1');
  assert.equal(render("{{ ['yes', '1', '', 'a: b', 'null', 'plain', '0755'] | yaml }}"), "['yes', '1', '', 'a: b', 'null', plain, '0755']");
  assert.equal(render("{{ 'text' | yaml }}|{{ None | yaml }}|{{ 2.0 | yaml }}"), 'text|null|2.0');
});

test('yaml_encode, yaml_dquote, yaml_squote', () => {
  assert.equal(render("{{ 'a \"b\"' | yaml_encode }}|{{ True | yaml_encode }}|{{ 5 | yaml_encode }}|{{ 'x\\ny' | yaml_dquote }}|{{ \"it's\" | yaml_squote }}"), '"a \\"b\\""|true|5|"x\\ny"|\'it\'\'s\'');
});

test('load_yaml and load_json filters', () => {
  assert.equal(render("{% set d = 'a: [1, 2]\\nb: yes' | load_yaml %}{{ d.a[1] }}{{ d.b }}|{{ ('{\"k\": [3]}' | load_json).k }}"), '2True|[3]');
  assert.throws(() => render("{{ 'a: [1' | load_yaml }}"), /load_yaml/);
});

test('default: for undefined, and for falsy values with boolean=true', () => {
  assert.equal(render("{{ missing | default('d1') }}|{{ '' | default('d2', true) }}|{{ 0 | default(5) }}|{{ pillar.nope | d('d3') }}|{{ missing.attr | default('x') if missing is defined else 'guarded' }}"), 'd1|d2|0|d3|guarded');
});

test('dictsort, sort, unique, reverse, first, last, min, max, sum, length, list, join', () => {
  assert.equal(render('{{ d | dictsort }}', { d: { b: 1, A: 2 } }), "[('A', 2), ('b', 1)]");
  assert.equal(render('{{ d | dictsort(by="value", reverse=true) }}', { d: { b: 1, a: 2 } }), "[('a', 2), ('b', 1)]");
  assert.equal(render("{{ ['b', 'A', 'c'] | sort }}|{{ users | sort(attribute='uid') | map(attribute='name') | join(',') }}", { users }), "['A', 'b', 'c']|alice,bob,carol");
  assert.equal(render("{{ [1, 2, 1, 3] | unique }}|{{ [1, 2] | reverse | list }}|{{ 'abc' | reverse }}|{{ [4, 5] | first }}{{ [4, 5] | last }}|{{ [3, 1, 2] | min }}{{ [3, 1, 2] | max }}"), '[1, 2, 3]|[2, 1]|cba|45|13');
  assert.equal(render("{{ [1, 2.5] | sum }}|{{ users | sum(attribute='uid') }}|{{ {'a': 1} | length }}|{{ 'abc' | list }}|{{ [1, 2] | join('-') }}|{{ users | join(', ', attribute='name') }}", { users }), "3.5|6|1|['a', 'b', 'c']|1-2|carol, alice, bob");
});

test('selectattr and rejectattr with and without tests; select and reject', () => {
  assert.equal(render("{{ users | selectattr('enabled') | map(attribute='name') | list }}|{{ users | rejectattr('enabled') | map(attribute='name') | list }}", { users }), "['carol', 'bob']|['alice']");
  assert.equal(render("{{ users | selectattr('role', 'equalto', 'db') | map(attribute='name') | join(',') }}|{{ users | selectattr('uid', '>', 1) | list | length }}", { users }), 'carol,bob|2');
  assert.equal(render("{{ [1, 2, 3, 4] | select('odd') | list }}|{{ [1, 2, 3, 4] | reject('odd') | list }}|{{ [0, 1, ''] | select | list }}"), '[1, 3]|[2, 4]|[1]');
});

test("map(attribute=) and map('filter', args)", () => {
  assert.equal(render("{{ ['a', 'b'] | map('upper') | join(',') }}|{{ ['a-b'] | map('replace', '-', '_') | list }}|{{ users | map(attribute='missing', default='?') | list }}", { users }), "A,B|['a_b']|['?', '?', '?']");
});

test('indent, replace, lower, upper, title, capitalize, trim, string, int, float, round, abs, batch, format', () => {
  assert.equal(render("{{ 'a\\nb\\n\\nc' | indent(2) }}|{{ 'a\\nb' | indent(2, true) }}"), 'a\n  b\n\n  c|  a\n  b');
  assert.equal(render("{{ 'aXa' | replace('a', 'b') }}|{{ 'a-b-c' | replace('-', '', 1) }}|{{ 'Ab' | lower }}{{ 'Ab' | upper }}|{{ 'ab cd' | title }}|{{ 'aB' | capitalize }}|{{ '  x ' | trim }}|{{ 12 | string }}"), 'bXb|ab-c|abAB|Ab Cd|Ab|x|12');
  assert.equal(render("{{ '12' | int }}|{{ 2.567 | round(2) }}|{{ 2.5 | round }}|{{ 2.1 | round(method='ceil') }}|{{ -3 | abs }}|{{ [1, 2, 3] | batch(2) | list }}|{{ '%s=%s' | format('a', 1) }}"), '12|2.57|2.0|3.0|3|[[1, 2], [3]]|a=1');
});

test('Salt list, regex, hash and encoding filters', () => {
  assert.equal(render("{{ [1, 2] | union([2, 3]) }}|{{ [1, 2] | intersect([2, 3]) }}|{{ [1, 2] | difference([2]) }}|{{ [1, [2, [3]]] | flatten }}|{{ 'x' | sequence }}"), '[1, 2, 3]|[2]|[1]|[1, 2, 3]|[\'x\']');
  assert.equal(render("{{ 'abc123' | regex_search('([a-z]+)(\\\\d+)') }}|{{ 'abc' | regex_match('b') }}|{{ 'a1b2' | regex_replace('\\\\d', '#') }}"), "('abc', '123')|None|a#b#");
  assert.equal(render("{{ 'x' | md5 }}|{{ 'x' | sha256 | length }}|{{ 'hi' | base64_encode }}|{{ 'aGk=' | base64_decode }}|{{ 'yes' | to_bool }}|{{ \"a b\" | quote }}"), '9dd4e461268c8034f5c8564e155c67a6|64|aGk=|hi|True|\'a b\'');
});

test('an unknown filter names itself', () => {
  assert.throws(() => render('{{ 1 | nosuchfilter }}'), /No filter named 'nosuchfilter'/);
});

test("Salt's traverse filter and match/search tests", () => {
  assert.equal(render("{{ pillar | traverse('app:port') }}|{{ pillar | traverse('app:hosts:1') }}|{{ pillar | traverse('app:nope', 'd') }}"), '8080|b|d');
  assert.equal(render("{{ ['web1', 'db1', 'xweb'] | select('match', 'web') | list }}|{{ ['web1', 'xweb'] | select('search', 'web') | list | length }}"), "['web1']|2");
});

test("title capitalizes words after spaces and dashes, not after apostrophes", () => {
  assert.equal(render("{{ \"they're bill's-friends\" | title }}"), "They're Bill's-Friends");
});

test('yaml keeps -x and ?x plain in block style as PyYAML does', () => {
  assert.equal(render("{{ ['-x', '- x', '?x'] | yaml(False) }}"), "- -x\n- '- x'\n- ?x");
});

test('yaml quotes what PyYAML would read as a date, a merge key or a value key', () => {
  assert.equal(render("{{ ['2024-01-02', '<<', '=', '2024-01-02x'] | yaml }}"), "['2024-01-02', '<<', '=', 2024-01-02x]");
});
