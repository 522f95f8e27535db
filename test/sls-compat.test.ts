// SLS files written for Salt compile as Salt compiles them: every case of
// test/fixtures/sls-compat goes through the minion's real render and compile pipeline,
// and its state.show_low_sls (and show_sls) output must equal, as JSON text with key
// order, what Salt 3006 prints; broken cases must fail with errors naming file and line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asJsonText, compileCase, loadSlsCase, slsCaseNames } from './support/sls-harness.js';

const names = slsCaseNames();

test('the suite has its cases', () => {
  assert.ok(names.length >= 15, `only ${names.length} cases found`);
});

function compareView(view: string, actual: unknown, expectedText: string): void {
  assert.equal(asJsonText(actual), asJsonText(JSON.parse(expectedText)), view);
}

for (const name of names) {
  test(`sls-compat ${name}`, async () => {
    const slsCase = loadSlsCase(name);
    const out = await compileCase(slsCase);
    assert.deepEqual(out.unexpectedCalls, [], 'calls not listed in salt_functions.json');
    if (slsCase.expectedErrors) {
      assert.ok(Array.isArray(out.lowstate) && out.lowstate.every((e) => typeof e === 'string'), `expected errors, got ${asJsonText(out.lowstate)}`);
      const errors = out.lowstate as string[];
      for (const pattern of slsCase.expectedErrors) {
        assert.ok(errors.some((error) => pattern.test(error)), `no error matches ${pattern}:\n${errors.join('\n---\n')}`);
      }
      return;
    }
    assert.ok(slsCase.expectedLowstate, `${name} has neither expected_lowstate.json nor expected_errors.txt`);
    compareView('show_low_sls', out.lowstate, slsCase.expectedLowstate);
    if (slsCase.expectedSls) compareView('show_sls', out.sls, slsCase.expectedSls);
  });
}
