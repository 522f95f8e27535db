// Python values in templates: how they print, int/float arithmetic, % and format(),
// and the str/list/dict methods.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from './support/jinja-render.js';

test('values print as Python prints them', () => {
  assert.equal(render("{{ True }}|{{ False }}|{{ None }}|{{ none }}|{{ ['a', 1, None, True] }}|{{ {'k': 'v', 'n': [1.5]} }}"), "True|False|None|None|['a', 1, None, True]|{'k': 'v', 'n': [1.5]}");
  assert.equal(render("{{ [\"it's\", 'a\\nb', '\\\\'] }}"), `["it's", 'a\\nb', '\\\\']`);
  assert.equal(render('{{ d }}', { d: { nested: { list: [], dict: {} } } }), "{'nested': {'list': [], 'dict': {}}}");
});

test('a list printed inside YAML stays a valid YAML flow sequence', () => {
  assert.equal(render('pkgs: {{ pillar.app.hosts }}'), "pkgs: ['a', 'b']");
});

test('floats keep being floats: literals, true division, float()', () => {
  assert.equal(render('{{ 1.0 }}|{{ 10 / 5 }}|{{ 7 // 2 }}|{{ 7.0 // 2 }}|{{ 2 ** 10 }}|{{ 2 ** -1 }}|{{ 1.5 + 1.5 }}|{{ 3 * 1.0 }}|{{ "3" | float }}|{{ 0.1 + 0.2 }}'), '1.0|2.0|3|3.0|1024|0.5|3.0|3.0|3.0|0.30000000000000004');
  assert.equal(render('{{ 10000000000000000.0 }}|{{ 0.00001 | float }}|{{ 123456789.0 }}'), '1e+16|1e-05|123456789.0');
});

test('integer arithmetic follows Python: modulo sign, int(), negative numbers', () => {
  assert.equal(render("{{ -7 % 3 }}|{{ 7 % -3 }}|{{ '42' | int + 1 }}|{{ '0x1F' | int(0, 16) }}|{{ 'x' | int(5) }}|{{ -(3) }}|{{ 3.7 | int }}"), '2|-2|43|31|5|-3|3');
});

test('division by zero and mixing types are errors', () => {
  assert.throws(() => render('{{ 1 / 0 }}'), /ZeroDivisionError/);
  assert.throws(() => render("{{ 'a' + 1 }}"), /can only concatenate str/);
});

test('+ joins strings and lists; * repeats; ~ concatenates anything', () => {
  assert.equal(render("{{ 'a' + 'b' }}|{{ [1] + [2] }}|{{ '-' * 3 }}|{{ [0] * 2 }}|{{ 'port-' ~ 80 ~ '/' ~ None }}"), 'ab|[1, 2]|---|[0, 0]|port-80/None');
});

test('% formatting with a value, a tuple and a dict', () => {
  assert.equal(render("{{ '%s:%d' % ('db', 5432) }}|{{ '%05.2f' % 3.14159 }}|{{ '%(a)s-%(b)s' % {'a': 1, 'b': 2} }}|{{ '%-4s|' % 'x' }}|{{ '%x %o %e' % (255, 8, 12345.678) }}|{{ '%s' % [1, 2] }}|{{ '100%%' % () }}"), 'db:5432|03.14|1-2|x   ||ff 10 1.234568e+04|[1, 2]|100%');
});

test('str.format with positional, numbered, named fields and specs', () => {
  assert.equal(render("{{ '{}-{}'.format('a', 1) }}|{{ '{1}{0}'.format('a', 'b') }}|{{ '{name}!'.format(name='x') }}|{{ '{:>5}|{:<3}|{:^5}'.format('r', 'l', 'c') }}|{{ '{:.2f} {:05d} {:,}'.format(3.14159, 42, 1234567) }}|{{ '{0[k]}'.format({'k': 'v'}) }}|{{ '{{x}}'.format() }}"), 'a-1|ba|x!|    r|l  |  c  |3.14 00042 1,234,567|v|{x}');
});

test('str methods', () => {
  assert.equal(render("{{ 'a  b\tc'.split() }}|{{ 'a,b,,c'.split(',') }}|{{ 'a b c'.split(' ', 1) }}|{{ 'a.b.c'.rsplit('.', 1) }}"), "['a', 'b', 'c']|['a', 'b', '', 'c']|['a', 'b c']|['a.b', 'c']");
  assert.equal(render("{{ 'a.b.c'.replace('.', '_') }}|{{ 'aaa'.replace('a', 'b', 2) }}|{{ '  x '.strip() }}|{{ 'xxhixx'.strip('x') }}|{{ ' x'.lstrip() }}|{{ 'x '.rstrip() }}"), 'a_b_c|bba|x|hi|x|x');
  assert.equal(render("{{ 'Web'.upper() }}{{ 'Web'.lower() }}{{ 'hello world'.title() }}{{ 'hELLO'.capitalize() }}"), 'WEBwebHello WorldHello');
  assert.equal(render("{{ 'abc'.startswith('ab') }}{{ 'abc'.endswith(('x', 'c')) }}{{ '-'.join(['a', 'b']) }}{{ 'hello'.find('l') }}{{ 'hello'.count('l') }}{{ '42'.isdigit() }}{{ 'a1'.isdigit() }}{{ '7'.zfill(3) }}"), 'TrueTruea-b2 2TrueFalse007'.replace(' ', ''));
  assert.equal(render("{{ 'a=b=c'.partition('=') }}|{{ 'l1\\nl2'.splitlines() }}"), "('a', '=', 'b=c')|['l1', 'l2']");
});

test('list methods', () => {
  assert.equal(render('{% set l = [3, 1] %}{% do l.append(2) %}{% do l.insert(0, 9) %}{{ l.pop() }}{{ l.pop(0) }}{% do l.sort() %}{{ l }}{{ l.index(3) }}{{ l.count(1) }}{% do l.remove(1) %}{% do l.reverse() %}{{ l }}'), '29[1, 3]11[3]');
});

test('dict methods', () => {
  const out = render("{% set d = {'a': 1} %}{% do d.update({'b': 2}, c=3) %}{{ d.get('a') }}{{ d.get('x') }}{{ d.get('x', 0) }}{{ d.setdefault('e', 5) }}{{ d.pop('a') }}{{ d.keys() | list }}{{ d.values() | list }}{{ d.items() | list }}{{ d.copy() == d }}");
  assert.equal(out, "1None05 1['b', 'c', 'e'][2, 3, 5][('b', 2), ('c', 3), ('e', 5)]True".replace(' ', ''));
});

test('a method wins over a key for d.name, a key wins for d["name"]', () => {
  assert.equal(render("{{ d['items'] }}|{{ d.items() | list }}", { d: { items: 'key' } }), "key|[('items', 'key')]");
});

test('grains and pillar are plain dicts: .get with a default, nested access', () => {
  assert.equal(render("{{ pillar.get('app', {}).get('port') }}|{{ pillar.get('missing', 'd') }}|{{ grains['roles'][0] }}|{{ 'web' in grains.roles }}"), '8080|d|web|True');
});

test('operator precedence is Jinja\'s: ~ between + and *, % with *', () => {
  assert.equal(render("{{ 2 * 3 % 4 }}|{{ 2 + 3 * 4 }}|{{ 'a' ~ 2 * 3 }}|{{ 10 - 2 - 3 }}|{{ 8 / 2 / 2 }}"), '2|14|a6|5|2.0');
});

test('round() is Python\'s: the binary value decides, exact halves go to even', () => {
  assert.equal(render('{{ 2.675 | round(2) }}|{{ 0.125 | round(2) }}|{{ 0.375 | round(2) }}|{{ 3.5 | round }}|{{ -2.5 | round }}'), '2.67|0.12|0.38|4.0|-2.0');
});

test('split with maxsplit keeps the rest as is; center puts odd fill as Python does', () => {
  assert.equal(render("{{ '  a b  '.split(None, 1) }}|{{ 'ab'.center(5) }}|{{ 'abc'.center(6, '*') }}"), "['a', 'b  ']|  ab |*abc**");
});

test('set a, b = b, a swaps through a tuple', () => {
  assert.equal(render('{% set a, b = 1, 2 %}{% set a, b = b, a %}{{ a }}{{ b }}|{% set t = 1, 2 %}{{ t }}'), '21|(1, 2)');
});

test("string literals take Python's escapes; an unknown escape such as \\d keeps its backslash", () => {
  assert.equal(render(String.raw`{{ '\x41\u00e9\101' }}|{{ 'a\d+' }}|{{ 'tab\tend' }}|{{ 'a1b22' | regex_replace('\d+', '#') }}|{{ 'q\'q' }}`), "AéA|a\\d+|tab\tend|a#b#|q'q");
});
