// Every case of the Jinja compatibility suite renders byte for byte as Jinja2 does
// when configured like Salt; the error case fails.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RenderError } from '../shared/render/errors.js';
import { renderJinja } from '../shared/render/jinja/index.js';
import { caseNames, loadCase } from './support/jinja-compat-cases.js';

const names = caseNames();

test('the suite holds all 31 cases', () => {
  assert.equal(names.length, 31);
});

for (const name of names) {
  test(`jinja compat: ${name}`, () => {
    const compat = loadCase(name);
    if (compat.expectedError !== undefined) {
      assert.throws(() => renderJinja(compat.template, compat.options), RenderError);
    } else {
      assert.equal(renderJinja(compat.template, compat.options), compat.expected);
    }
    assert.deepEqual(compat.unexpectedCalls, []);
  });
}
