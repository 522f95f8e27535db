// Jinja statements and expressions that nunjucks lacks or reads differently.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from './support/jinja-render.js';

test('for ... if filters the loop, and loop.* counts only the kept items', () => {
  const out = render('{% for x in xs if x > 1 %}{{ loop.index }}/{{ loop.length }}:{{ x }}{{ "," if not loop.last }}{% endfor %}', { xs: [1, 2, 3] });
  assert.equal(out, '1/2:2,2/2:3');
});

test('loop.first, last, index0, revindex, previtem, nextitem and cycle', () => {
  const out = render('{% for x in "abc" %}{{ loop.index0 }}{{ loop.revindex }}{{ loop.first }}{{ loop.last }}{{ loop.cycle("o", "e") }};{% endfor %}');
  assert.equal(out, '03TrueFalseo;12FalseFalsee;21FalseTrueo;');
  assert.equal(render('{% for x in [1, 2, 3] %}{% if loop.previtem is defined %}{{ loop.previtem }}<{{ x }} {% endif %}{% endfor %}'), '1<2 2<3 ');
});

test('for over a dict walks its keys; for k, v over items() unpacks', () => {
  assert.equal(render('{% for k in d %}{{ k }}{% endfor %}', { d: { b: 1, a: 2 } }), 'ba');
  assert.equal(render('{% for k, v in d.items() %}{{ k }}={{ v }} {% endfor %}', { d: { b: 1, a: 2 } }), 'b=1 a=2 ');
  assert.equal(render('{% for (a, b) in [[1, 2], [3, 4]] %}{{ a + b }}{% endfor %}'), '37');
});

test('for ... else runs when nothing was iterated, filter included', () => {
  assert.equal(render('{% for x in xs if x > 5 %}{{ x }}{% else %}none{% endfor %}', { xs: [1, 2] }), 'none');
});

test('break and continue', () => {
  assert.equal(render('{% for x in range(10) %}{% if x is odd %}{% continue %}{% endif %}{% if x > 6 %}{% break %}{% endif %}{{ x }}{% endfor %}'), '0246');
});

test('break outside a loop is a syntax error', () => {
  assert.throws(() => render('{% break %}'), /outside of a loop/);
});

test('namespace() and set ns.attr = value carry a value out of a loop', () => {
  const out = render('{% set ns = namespace(found=None, n=0) %}{% for x in [3, 8, 9] %}{% set ns.n = ns.n + 1 %}{% if x > 5 and ns.found is none %}{% set ns.found = x %}{% endif %}{% endfor %}{{ ns.found }}/{{ ns.n }}');
  assert.equal(out, '8/3');
});

test('set on a non-namespace attribute is an error', () => {
  assert.throws(() => render('{% set d = {} %}{% set d.x = 1 %}'), /namespace/);
});

test('set inside a loop does not leak out of it (Jinja scoping)', () => {
  assert.equal(render('{% set a = 1 %}{% for x in [5] %}{% set a = x %}{{ a }}{% endfor %}|{{ a }}'), '5|1');
});

test('set a, b = sequence unpacks; a wrong count is an error', () => {
  assert.equal(render("{% set host, port = 'db:5432'.split(':') %}{{ port }}@{{ host }}"), '5432@db');
  assert.equal(render('{% set a, (b, c) = [1, [2, 3]] %}{{ a }}{{ b }}{{ c }}'), '123');
  assert.throws(() => render('{% set a, b = [1, 2, 3] %}'), /too many values to unpack/);
});

test('block set captures output', () => {
  assert.equal(render('{% set body %}x={{ 1 + 1 }}{% endset %}[{{ body }}]'), '[x=2]');
});

test('do evaluates for side effects only', () => {
  assert.equal(render('{% set l = [] %}{% do l.append(1) %}{% do l.extend([2, 3]) %}{{ l }}'), '[1, 2, 3]');
});

test('trailing commas in list, dict and tuple literals', () => {
  assert.equal(render("{{ [1, 2,] }}|{{ {'a': 1,} }}|{{ (1, 2,) }}|{{ (1,) }}"), "[1, 2]|{'a': 1}|(1, 2)|(1,)");
});

test('dict keys are expressions, as in Jinja', () => {
  assert.equal(render("{% set k = 'name' %}{{ {k: 1, 'x' ~ 'y': 2} }}"), "{'name': 1, 'xy': 2}");
});

test('slices of lists and strings', () => {
  assert.equal(render("{{ xs[1:] }}|{{ xs[:-1] }}|{{ xs[::-1] }}|{{ 'abcdef'[1:4] }}|{{ xs[-1] }}", { xs: [1, 2, 3] }), '[2, 3]|[1, 2]|[3, 2, 1]|bcd|3');
});

test('inline if, with and without else, chained', () => {
  assert.equal(render("{{ 'a' if x else 'b' }}|{{ 'c' if not x }}|{{ 1 if x == 1 else 2 if x == 0 else 3 }}", { x: 0 }), 'b|c|2');
});

test('tests with and without arguments, negated', () => {
  const out = render("{{ x is defined }}{{ y is undefined }}{{ 10 is divisibleby 5 }}{{ 10 is divisibleby(3) }}{{ 'a' is not none }}{{ 3 is in [1, 3] }}{{ x is eq 1 }}", { x: 1 });
  assert.equal(out, 'TrueTrueTrueFalseTrueTrueTrue');
  assert.equal(render("{{ {} is mapping }}{{ [] is sequence }}{{ 'a' is string }}{{ 1.5 is number }}{{ 1 is string }}{{ None is none }}{{ [] is iterable }}"), 'TrueTrueTrueTrueFalseTrueTrue');
});

test('truthiness is Python\'s: empty lists, dicts and strings are false', () => {
  assert.equal(render("{{ 'y' if [] else 'n' }}{{ 'y' if {} else 'n' }}{{ 'y' if '' else 'n' }}{{ 'y' if [0] else 'n' }}{{ [] or 'default' }}{{ 1 and 2 }}"), 'nnnydefault2');
});

test('comparisons: equality of lists and dicts, chains, in', () => {
  assert.equal(render("{{ [1, 2] == [1, 2] }}{{ {'a': 1} == {'a': 1} }}{{ 1 < 2 < 3 }}{{ 3 > 2 > 2 }}{{ 'b' in 'abc' }}{{ 'x' not in {'x': 1} }}{{ 1 == 1.0 }}"), 'TrueTrueTrueFalseTrueFalseTrue');
});

test('macros: defaults, keyword arguments, caller', () => {
  const tpl = "{% macro user(name, shell='/bin/bash') -%}{{ name }}:{{ shell }}{%- endmacro %}{{ user('a') }} {{ user('b', shell='/bin/sh') }} {{ user(name='c') }}";
  assert.equal(render(tpl), 'a:/bin/bash b:/bin/sh c:/bin/bash');
  assert.equal(render('{% macro wrap() %}<{{ caller() }}>{% endmacro %}{% call wrap() %}inner{% endcall %}'), '<inner>');
});

test('whitespace control and the trailing newline as Salt keeps it', () => {
  assert.equal(render('a\n{%- if true %}\nb\n{%- endif %}\n'), 'a\nb\n');
  assert.equal(render('{{ 1 -}}\n'), '1\n');
  assert.equal(render('x\n\n'), 'x\n\n');
  assert.equal(render('x'), 'x');
});

test('comments are dropped', () => {
  assert.equal(render('a{# note #}b'), 'ab');
});

test('with scopes its names; filter blocks and raw blocks', () => {
  assert.equal(render('{% set a = 0 %}{% with a = 1, b = 2 %}{{ a + b }}{% endwith %}{{ a }}'), '30');
  assert.equal(render('{% filter upper %}abc{{ 1 }}{% endfilter %}|{% raw %}{{ x }}{% endraw %}'), 'ABC1|{{ x }}');
});

test('nested dict literals close inside a tag (balanced braces)', () => {
  assert.equal(render("{% set d = {'a': {'b': 1}} %}{{ d.a.b }}|{{ {'x': {'y': 2}}}}"), "1|{'x': {'y': 2}}");
});

test('CRLF templates render with \\n newlines, as Jinja normalizes them', () => {
  assert.equal(render('a\r\n{{ 1 }}\r\nb\r\n'), 'a\n1\nb\n');
});
