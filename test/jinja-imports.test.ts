// import, from ... import, include, import_yaml/json/text and load_yaml/json through the
// render's loader; the render context reaches imported files through the globals.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RenderError } from '../shared/render/errors.js';
import { memoryLoader, render } from './support/jinja-render.js';

const loader = memoryLoader({
  'map.jinja': "{% set lookup = {'Debian': {'pkg': 'nginx-full'}, 'RedHat': {'pkg': 'nginx'}} %}{% set cfg = lookup[grains['os_family']] %}{% set _private = 1 %}",
  'macros.jinja': "{% macro pkg(name, version='latest') -%}{{ name }}={{ version }}{%- endmacro %}{% macro who() %}{{ caller_name }}{% endmacro %}",
  'part.jinja': 'part:{{ grains.id }}:{{ local }}\n',
  'defaults.yaml': "port: {{ 8000 + 80 }}\nhost: {{ grains['id'] }}\n",
  'defaults.json': '{"port": {{ 8000 + 443 }}}',
  'notes.txt': 'id={{ grains.id }}',
  'broken.jinja': '{% set x = 1 %}\n{{ undefined_in_lib }}',
  'bad_syntax.jinja': 'ok\n{% if %}',
  'sub/a.jinja': "{% include './b.jinja' %}",
  'sub/b.jinja': 'B',
  'self.jinja': "{% include 'self.jinja' %}",
});

test('from ... import a set variable; the context reaches the file through the globals', () => {
  assert.equal(render("{% from 'map.jinja' import cfg %}{{ cfg.pkg }}", {}, { loader }), 'nginx-full');
  assert.equal(render("{% from 'map.jinja' import cfg with context %}{{ cfg['pkg'] }}", { grains: { os_family: 'RedHat' } }, { loader }), 'nginx');
});

test('import as a module; macros with defaults and keywords', () => {
  assert.equal(render("{% import 'macros.jinja' as m %}{{ m.pkg('vim') }} {{ m.pkg('git', version='2.39') }}", {}, { loader }), 'vim=latest git=2.39');
  assert.equal(render("{% from 'macros.jinja' import pkg as p %}{{ p('x') }}", {}, { loader }), 'x=latest');
});

test('names starting with _ are not exported; missing names are errors', () => {
  assert.throws(() => render("{% from 'map.jinja' import nothere %}", {}, { loader }), /cannot import name 'nothere'/);
  assert.equal(render("{% import 'map.jinja' as m %}{{ m._private is defined }}", {}, { loader }), 'False');
});

test('include renders with the current context and locals', () => {
  assert.equal(render("{% set local = 'L' %}[{% include 'part.jinja' %}]", {}, { loader }), '[part:web01:L]');
  assert.equal(render("{% include 'missing.jinja' ignore missing %}ok", {}, { loader }), 'ok');
  assert.equal(render("{% include 'sub/a.jinja' %}", {}, { loader }), 'B');
});

test('import_yaml, import_json and import_text render the file as Jinja first', () => {
  assert.equal(render("{% import_yaml 'defaults.yaml' as d %}{{ d.port }}@{{ d.host }}", {}, { loader }), '8080@web01');
  assert.equal(render("{% import_json 'defaults.json' as d %}{{ d.port }}", {}, { loader }), '8443');
  assert.equal(render("{% import_text 'notes.txt' as t %}{{ t }}", {}, { loader }), 'id=web01');
});

test('load_yaml and load_json blocks', () => {
  assert.equal(render('{% load_yaml as d %}\na: {{ 1 + 1 }}\nb: [x, y]\n{% endload %}{{ d.a }}{{ d.b }}'), "2['x', 'y']");
  assert.equal(render('{% load_json as d %}{"k": "{{ grains.id }}"}{% endload %}{{ d.k }}'), 'web01');
});

test('a missing template is an error naming it', () => {
  assert.throws(() => render("{% import 'nope.jinja' as x %}", {}, { loader }), /TemplateNotFound: nope\.jinja/);
});

test('an error inside an imported file names that file and its line', () => {
  assert.throws(
    () => render("line one\n{% include 'broken.jinja' %}", {}, { loader }),
    (err: unknown) => err instanceof RenderError && err.source === 'broken.jinja' && err.line === 2 && /undefined_in_lib/.test(err.reason),
  );
  assert.throws(
    () => render("{% import 'bad_syntax.jinja' as b %}", {}, { loader }),
    (err: unknown) => err instanceof RenderError && err.source === 'bad_syntax.jinja' && err.line === 2,
  );
});

test('a template that includes itself stops with an error', () => {
  assert.throws(() => render("{% include 'self.jinja' %}", {}, { loader }), /levels deep/);
});
