// Render errors name the template, the line and the cause; undefined is strict.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RenderError } from '../shared/render/errors.js';
import { render } from './support/jinja-render.js';

function failure(text: string, context: Record<string, unknown> = {}): RenderError {
  try {
    render(text, context);
  } catch (err) {
    assert.ok(err instanceof RenderError, `expected a RenderError, got ${String(err)}`);
    return err;
  }
  assert.fail('the render did not fail');
}

test('a syntax error gives its line', () => {
  const err = failure('a\nb\n{% if x %}\n{% endfor %}');
  assert.equal(err.stage, 'jinja');
  assert.equal(err.source, 'salt://test.sls');
  assert.equal(err.line, 4);
  assert.match(err.reason, /TemplateSyntaxError/);
  assert.equal(err.code, 'SALTTS_RENDER');
  assert.match(err.message, /salt:\/\/test\.sls, line 4/);
});

test('an unknown tag is a syntax error', () => {
  assert.match(failure('{% frobnicate %}').reason, /frobnicate/);
  assert.equal(failure('x\n{% extends "base.jinja" %}').line, 2);
});

test('an undefined variable names itself and the line', () => {
  const err = failure('first\nsecond {{ nosuch }}');
  assert.equal(err.line, 2);
  assert.match(err.reason, /'nosuch' is undefined/);
});

test('a missing key or attribute is an error when used', () => {
  assert.match(failure("{{ pillar['nope'] }}").reason, /has no attribute 'nope'/);
  assert.match(failure('{{ grains.roles[5] }}').reason, /has no element 5/);
  assert.match(failure('{% for x in nosuch %}{% endfor %}').reason, /'nosuch' is undefined/);
  assert.match(failure('{% if nosuch %}{% endif %}').reason, /'nosuch' is undefined/);
});

test('is defined, is undefined and default still work on missing values', () => {
  assert.equal(render("{{ nosuch is defined }}|{{ pillar.nope is undefined }}|{{ nosuch | default('d') }}|{% if pillar.nope is defined %}y{% else %}n{% endif %}"), 'False|True|d|n');
});

test('a missing value can be assigned and tested, not used', () => {
  assert.equal(render('{% set x = nosuch %}{{ x is defined }}'), 'False');
  assert.match(failure('{% set x = nosuch %}{{ x ~ "" }}').reason, /'nosuch' is undefined/);
});

test('errors inside macros name the line inside the macro', () => {
  assert.equal(failure('{% macro m() %}\n\n{{ nosuch }}{% endmacro %}\n{{ m() }}').line, 3);
});

test('calling a non-function is a TypeError naming it', () => {
  assert.match(failure('{{ grains.id() }}').reason, /not callable/);
});

test('a block left open is reported at the end of the template', () => {
  const err = failure('a\n{% if x %}\nb');
  assert.equal(err.line, 3);
  assert.match(err.reason, /endif/);
});
