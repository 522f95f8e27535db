// SLS files written for Salt compile as Salt compiles them: every case of
// test/fixtures/sls-compat goes through the minion's real render and compile pipeline,
// and its state.show_low_sls (and show_sls) output must equal, as JSON text with key
// order, what Salt 3006 prints; broken cases must fail with errors naming file and line.
// A view named in a case's known_differences.txt is reported as TODO instead of failing,
// and fails once it matches, so that the note gets removed.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { asJsonText, compileCase, loadSlsCase, slsCaseNames, type SlsCase } from './support/sls-harness.js';

const names = slsCaseNames();

test('the suite has its cases', () => {
  assert.ok(names.length >= 15, `only ${names.length} cases found`);
});

function compareView(t: TestContext, slsCase: SlsCase, view: string, actual: unknown, expectedText: string): void {
  const same = asJsonText(actual) === asJsonText(JSON.parse(expectedText));
  const known = slsCase.knownDifferences.get(view);
  if (known === undefined) assert.equal(asJsonText(actual), asJsonText(JSON.parse(expectedText)), view);
  else if (same) assert.fail(`${slsCase.name}: ${view} now matches Salt; remove it from known_differences.txt`);
  else t.todo(`${view} differs from Salt: ${known}`);
}

for (const name of names) {
  test(`sls-compat ${name}`, async (t) => {
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
    compareView(t, slsCase, 'show_low_sls', out.lowstate, slsCase.expectedLowstate);
    if (slsCase.expectedSls) compareView(t, slsCase, 'show_sls', out.sls, slsCase.expectedSls);
  });
}
