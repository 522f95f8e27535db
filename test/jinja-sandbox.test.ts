// Defence in depth: a template reaches only data and the vetted Python methods, never
// the host (process, require, globals), a constructor or a prototype.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RenderError } from '../shared/render/errors.js';
import { recordingCaller, render } from './support/jinja-render.js';

const escapes = [
  '{{ range.constructor("return process")() }}',
  "{{ ''.constructor.constructor('return process')() }}",
  '{{ cycler.__proto__ }}',
  '{{ joiner.constructor }}',
  '{{ namespace.constructor.constructor("return process")() }}',
  "{{ range['constructor'] }}",
  "{{ grains['constructor'] }}",
  "{{ grains['__proto__'] }}",
  "{{ grains.roles['constructor'] }}",
  "{{ 'x'['constructor'] }}",
  "{{ [].constructor }}",
  '{{ {}.constructor }}',
  '{{ grains.__proto__.toString }}',
  '{{ grains.hasOwnProperty }}',
  '{{ grains.roles.map }}',
  '{{ grains.roles.length }}',
  "{{ 'x'.toString }}",
  "{{ 'x'.format.constructor }}",
  "{{ '{0.constructor}'.format('') }}",
  "{{ '{0.__class__}'.format('') }}",
  "{{ 'x' | attr('constructor') }}",
  "{{ range | attr('constructor') }}",
  "{{ [range] | map(attribute='constructor') | first }}",
  "{{ [grains] | map(attribute='__proto__') | first }}",
  "{{ [1] | map('constructor') | list }}",
  "{{ 1 is constructor }}",
  "{{ 1 | constructor }}",
  '{% for x in range.constructor %}{% endfor %}',
  '{{ loop.cycle.constructor }}',
  '{% for x in [1] %}{{ loop.cycle.constructor("return process")() }}{% endfor %}',
  '{{ process }}',
  '{{ require }}',
  '{{ global }}',
  '{{ globalThis }}',
  '{{ this }}',
  '{{ context }}',
  '{{ runtime }}',
  '{{ env }}',
  '{{ frame }}',
  '{{ Function }}',
  '{{ eval }}',
  '{{ constructor }}',
  '{{ __proto__ }}',
  '{{ toString }}',
  '{{ r/x/ }}',
  '{{ a\\b }}',
  '{% set ns = namespace() %}{{ ns.constructor }}',
  '{% import "x" as m %}',
];

for (const payload of escapes) {
  test(`refused: ${payload}`, () => {
    assert.throws(() => render(payload), RenderError);
  });
}

test('salt.* lookups only ever produce calls through the caller, with the name as data', () => {
  const { salt, calls } = recordingCaller(() => 'answer');
  assert.equal(render('{{ salt.constructor.constructor("return process") }}', {}, { salt }), 'answer');
  assert.throws(() => render('{{ salt.constructor.constructor("return process")() }}', {}, { salt }), /not callable/);
  assert.deepEqual(calls[0], { fun: 'constructor.constructor', args: ['return process'], kwargs: {} });
  assert.ok(calls.every((call) => call.fun === 'constructor.constructor'));
});

test('__proto__ keys stay plain data and pollute nothing', () => {
  const out = render("{% set d = {'__proto__': {'polluted': 1}} %}{% do d.update({'__proto__': {'polluted': 2}}) %}{% set e = {} %}{{ d['__proto__'] }}|{{ e.polluted is defined }}|{{ dict(__proto__=1) }}");
  assert.equal(out, "{'polluted': 2}|False|{'__proto__': 1}");
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  const ns = render("{% set ns = namespace() %}{% set ns.__proto__ = 1 %}{{ ns.__proto__ }}");
  assert.equal(ns, '1');
});

test('string literals cannot break out of the generated code', () => {
  assert.equal(render('{{ "\\");process.exit(1);//" }}|{{ \'\u2028\u2029\' | length }}'), '");process.exit(1);//|2');
  assert.equal(render("{{ {'\"]);process.exit(1);//': 1} | list }}"), `['"]);process.exit(1);//']`);
});

test('a host function that slipped into the context cannot be called', () => {
  let called = false;
  const hostFunction = () => {
    called = true;
    return 'ran';
  };
  assert.throws(() => render('{{ fn() }}', { fn: hostFunction }), /not callable/);
  assert.throws(() => render('{{ d.fn() }}', { d: { fn: hostFunction } }), /not callable/);
  assert.equal(render('{{ fn is callable }}|{{ range is callable }}', { fn: hostFunction }), 'False|True');
  assert.equal(called, false);
});

test('what templates define or are given stays callable: macros, methods, globals, cycler, joiner, loop.cycle', () => {
  const out = render("{% macro m() %}M{% endmacro %}{% set c = cycler('a', 'b') %}{% set j = joiner('+') %}{{ m() }}{{ 'x'.upper() }}{{ c.next() }}{{ c.next() }}{{ j() }}{{ j() }}{% for i in [1, 2] %}{{ loop.cycle('o', 'e') }}{% endfor %}");
  assert.equal(out, 'MXab+oe');
});
