import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testStates } from '../shared/state/test-states.js';
import { runState } from './support/one-state.js';

const PRETEND = { testing: { old: 'Unchanged', new: 'Something pretended to change' } };
const run = (fun: string, args: Record<string, unknown> = {}, testMode = false) => runState(testStates, fun, { name: 'foo', ...args }, { test: testMode });

describe('test states', () => {
  test('succeed_without_changes and nop: True, "Success!", no changes, even under test=True', async () => {
    assert.deepEqual(await run('succeed_without_changes'), { name: 'foo', result: true, comment: 'Success!', changes: {} });
    assert.deepEqual(await run('succeed_without_changes', {}, true), { name: 'foo', result: true, comment: 'Success!', changes: {} });
    assert.deepEqual(await run('nop', { anything: 'goes' }), { name: 'foo', result: true, comment: 'Success!', changes: {} });
    assert.equal((await run('succeed_without_changes', { comment: 'mine' })).comment, 'mine');
  });

  test('fail_without_changes is False, also under test=True', async () => {
    assert.deepEqual(await run('fail_without_changes'), { name: 'foo', result: false, comment: 'Failure!', changes: {} });
    assert.deepEqual(await run('fail_without_changes', {}, true), { name: 'foo', result: false, comment: "If we weren't testing, this would be a failure!", changes: {} });
  });

  test('succeed_with_changes and fail_with_changes pretend a change; None under test=True', async () => {
    assert.deepEqual(await run('succeed_with_changes'), { name: 'foo', result: true, comment: 'Success!', changes: PRETEND });
    assert.deepEqual(await run('succeed_with_changes', {}, true), { name: 'foo', result: null, comment: "If we weren't testing, this would be successful with changes", changes: PRETEND });
    assert.deepEqual(await run('fail_with_changes'), { name: 'foo', result: false, comment: 'Failure!', changes: PRETEND });
    assert.deepEqual(await run('fail_with_changes', {}, true), { name: 'foo', result: null, comment: "If we weren't testing, this would be failed with changes", changes: PRETEND });
  });

  test('configurable_test_state returns what it is told', async () => {
    assert.deepEqual(await run('configurable_test_state'), { name: 'foo', result: true, comment: '', changes: PRETEND });
    assert.deepEqual(await run('configurable_test_state', { changes: false, result: false, comment: 'bar.baz' }), { name: 'foo', result: false, comment: 'bar.baz', changes: {} });
    assert.deepEqual(await run('configurable_test_state', { warnings: 'careful' }), { name: 'foo', result: true, comment: '', changes: PRETEND, warnings: ['careful'] });
  });

  test("configurable_test_state under test=True: None with changes, True without; comment 'This is a test' unless given", async () => {
    assert.deepEqual(await run('configurable_test_state', {}, true), { name: 'foo', result: null, comment: 'This is a test', changes: PRETEND });
    assert.deepEqual(await run('configurable_test_state', { changes: false, result: false }, true), { name: 'foo', result: true, comment: 'This is a test', changes: {} });
    assert.equal((await run('configurable_test_state', { comment: 'kept' }, true)).comment, 'kept');
  });

  test("configurable_test_state 'Random' gives both outcomes over many runs", async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200 && seen.size < 4; i++) {
      const ret = await run('configurable_test_state', { changes: 'Random', result: 'random' });
      seen.add(`${ret.result}/${Object.keys(ret.changes).length}`);
    }
    assert.deepEqual([...seen].sort(), ['false/0', 'false/1', 'true/0', 'true/1']);
  });

  test('configurable_test_state refuses other values, naming the argument and the state', async () => {
    await assert.rejects(run('configurable_test_state', { changes: 'maybe' }), (err: Error & { code?: string }) =>
      err.code === 'SALTTS_BAD_ARGUMENT' && /'test-state'/.test(err.message) && /'changes'/.test(err.message) && /'maybe'/.test(err.message));
    await assert.rejects(run('configurable_test_state', { result: 3 }), /'result' with invalid arguments/);
    await assert.rejects(run('configurable_test_state', { warnings: 3 }), /'warnings'/);
  });

  test('show_notification shows its text; without text it is an error', async () => {
    assert.deepEqual(await run('show_notification', { text: 'Hello' }), { name: 'foo', result: true, comment: 'Hello', changes: {} });
    await assert.rejects(run('show_notification'), /Missing required argument text/);
  });

  test('mod_watch: "Watch statement fired." unless told otherwise', async () => {
    assert.deepEqual(await run('mod_watch', { sfun: 'succeed_without_changes' }), { name: 'foo', result: true, comment: 'Watch statement fired.', changes: {} });
    assert.equal((await run('mod_watch', { sfun: 'nop', comment: 'custom', result: false })).result, false);
  });
});
