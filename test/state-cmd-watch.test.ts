import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStates } from '../shared/state/run/index.js';
import { cmdStates } from '../minion/states/cmd.js';
import { testStates } from '../shared/state/test-states.js';
import { chunk, runOptions } from './support/state-run-fixtures.js';

const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'salt-ts-cmd-watch-')));

describe('cmd states under the state runner: watch', () => {
  test('cmd.wait runs only when a watched state changed; cmd.run runs again on watch', async () => {
    const log = join(scratch, 'log');
    const results = await runStates([
      chunk('changed', 'test.succeed_with_changes'),
      chunk('quiet', 'test.succeed_without_changes'),
      chunk('on-change', 'cmd.wait', { name: `echo on-change >> ${log}`, watch: [{ test: 'changed' }] }),
      chunk('on-quiet', 'cmd.wait', { name: `echo on-quiet >> ${log}`, watch: [{ test: 'quiet' }] }),
      chunk('always', 'cmd.run', { name: `echo always >> ${log}`, watch: [{ test: 'changed' }] }),
    ], runOptions([testStates, cmdStates]));
    // cmd.run ran as itself, and its watch did not run it a second time, as in Salt: a state that changed by itself needs no mod_watch.
    assert.equal(readFileSync(log, 'utf8'), 'on-change\nalways\n');
    const onChange = Object.values(results).find((r) => r.__id__ === 'on-change')!;
    assert.equal(onChange.comment, `Command "echo on-change >> ${log}" run`);
    assert.equal(Object.values(results).find((r) => r.__id__ === 'on-quiet')!.comment, '');
  });

  test('under test=True a watched cmd.wait reports what it would run and runs nothing', async () => {
    const marker = join(scratch, 'not-made');
    const results = await runStates([
      chunk('changed2', 'test.succeed_with_changes'),
      chunk('waiter', 'cmd.wait', { name: `touch ${marker}`, watch: [{ test: 'changed2' }] }),
    ], runOptions([testStates, cmdStates], { test: true }));
    const waiter = Object.values(results).find((r) => r.__id__ === 'waiter')!;
    assert.equal(waiter.result, null);
    assert.equal(existsSync(marker), false);
  });
});
