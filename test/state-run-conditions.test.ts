import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStates } from '../shared/state/run/index.js';
import { chunk, probeStates, runOptions } from './support/state-run-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'salt-ts-state-run-'));
const key = (id: string, fun: string) => `probe_|-${id}_|-${id}_|-${fun}`;

async function single(args: Record<string, unknown>, fun = 'change') {
  const probe = probeStates();
  const ret = await runStates([chunk('it', `probe.${fun}`, args)], runOptions([probe.module]));
  return { ret: ret[key('it', fun)]!, ran: probe.called(fun).length === 1 };
}

describe('state runner: onlyif, unless, creates', () => {
  test('onlyif false skips: result True, Salt\'s comment, skip_watch, no changes', async () => {
    const { ret, ran } = await single({ onlyif: 'test -e /no/such/file' });
    assert.equal(ran, false);
    assert.deepEqual(
      { result: ret.result, comment: ret.comment, skip_watch: ret.skip_watch, changes: ret.changes },
      { result: true, comment: 'onlyif condition is false', skip_watch: true, changes: {} },
    );
  });

  test('onlyif runs the state only when every command succeeds', async () => {
    assert.equal((await single({ onlyif: ['true', 'exit 0'] })).ran, true);
    assert.equal((await single({ onlyif: ['true', 'exit 3'] })).ran, false);
  });

  test('unless skips only when every command succeeds', async () => {
    const skipped = await single({ unless: ['true', 'echo hi >/dev/null'] });
    assert.equal(skipped.ran, false);
    assert.equal(skipped.ret.comment, 'unless condition is true');
    assert.equal(skipped.ret.skip_watch, true);
    assert.equal((await single({ unless: ['true', 'false'] })).ran, true);
  });

  test('`fun:` checks call an execution function with args and keyword arguments', async () => {
    const file = join(dir, 'flag');
    writeFileSync(file, 'on\n');
    assert.equal((await single({ onlyif: [{ fun: 'cmd.retcode', args: [`grep -q off ${file}`] }] })).ran, true, 'retcode 1 is truthy');
    assert.equal((await single({ onlyif: [{ fun: 'cmd.run', cmd: 'printf ""' }] })).ran, false, 'empty output is falsy');
    const skipped = await single({ unless: [{ fun: 'cmd.run', cmd: `cat ${file}` }] });
    assert.equal(skipped.ran, false);
    assert.equal(skipped.ret.comment, 'unless condition is true');
  });

  test('creates skips when the path, or every listed path, exists', async () => {
    const present = join(dir, 'present');
    writeFileSync(present, '');
    const one = await single({ creates: present });
    assert.deepEqual([one.ran, one.ret.comment, one.ret.skip_watch], [false, `${present} exists`, true]);
    const all = await single({ creates: [present, present] });
    assert.deepEqual([all.ran, all.ret.comment], [false, 'All files in creates exist']);
    assert.equal((await single({ creates: [present, join(dir, 'absent')] })).ran, true);
  });

  test('onlyif and unless both true: the comments are joined', async () => {
    const { ret, ran } = await single({ onlyif: 'true', unless: 'true' });
    assert.equal(ran, false);
    assert.equal(ret.comment, 'onlyif condition is true\nunless condition is true');
  });

  test('a state skipped by onlyif does not fire a watch', async () => {
    const probe = probeStates();
    await runStates([
      chunk('conf', 'probe.change', { onlyif: 'false' }),
      chunk('svc', 'probe.ok', { watch: ['conf'] }),
    ], runOptions([probe.module]));
    assert.deepEqual(probe.called('mod_watch'), []);
  });

  test('check_cmd: a non-zero exit fails the state, zero confirms it', async () => {
    const failed = await single({ check_cmd: ['true', 'false'] });
    assert.deepEqual([failed.ran, failed.ret.result, failed.ret.comment], [true, false, 'check_cmd determined the state failed']);
    assert.deepEqual(failed.ret.changes, { changed: 'it' });
    const passed = await single({ check_cmd: 'true' });
    assert.deepEqual([passed.ret.result, passed.ret.comment], [true, 'check_cmd determined the state succeeded']);
  });

  test('the runner\'s own arguments never reach the state function; name does', async () => {
    const probe = probeStates();
    await runStates([chunk('it', 'probe.ok', {
      name: '/srv/app', mode: 644, onlyif: 'true', unless: 'false', creates: '/no/such', check_cmd: 'true',
      require: [], watch_in: [], retry: false, failhard: false, parallel: false, test: false, __prereq__: false,
    })], runOptions([probe.module]));
    assert.deepEqual(probe.calls[0]!.args, { mode: 644, name: '/srv/app' });
  });
});
