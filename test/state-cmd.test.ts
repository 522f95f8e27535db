import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cmdStates } from '../minion/states/cmd.js';
import { runState } from './support/one-state.js';

const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'salt-ts-state-cmd-')));
const run = (fun: string, args: Record<string, unknown> & { name: string }, testMode = false) => runState(cmdStates, fun, args, { test: testMode, fileRoot: scratch });

describe('cmd.run state', () => {
  test('runs through the shell; changes are run_all\'s output; comment names the command', async () => {
    const ret = await run('run', { name: 'echo hi; echo err >&2' });
    const changes = ret.changes as { pid: number; retcode: number; stdout: string; stderr: string };
    assert.deepEqual({ ...changes, pid: 0 }, { pid: 0, retcode: 0, stdout: 'hi', stderr: 'err' });
    assert.ok(changes.pid > 0);
    assert.equal(ret.result, true);
    assert.equal(ret.comment, 'Command "echo hi; echo err >&2" run');
  });

  test('a non-zero exit fails the state', async () => {
    const ret = await run('run', { name: 'exit 3' });
    assert.equal(ret.result, false);
    assert.equal((ret.changes as { retcode: number }).retcode, 3);
  });

  test('test=True runs nothing: result None, Salt\'s comment and {cmd: name}', async () => {
    const marker = join(scratch, 'not-made');
    const ret = await run('run', { name: `touch ${marker}` }, true);
    assert.deepEqual(ret, { name: `touch ${marker}`, result: null, comment: `Command "touch ${marker}" would have been executed`, changes: { cmd: `touch ${marker}` } });
    assert.equal(existsSync(marker), false);
  });

  test('cwd, env (a mapping or a list of mappings) and runas reach the command', async () => {
    const ret = await run('run', { name: 'pwd; echo $A$B; id -un', cwd: scratch, env: [{ A: 'x' }, { B: 'y' }], runas: 'nobody' });
    assert.equal((ret.changes as { stdout: string }).stdout, `${scratch}\nxy\nnobody`);
  });

  test('a missing cwd and a malformed env fail with Salt\'s comments', async () => {
    assert.deepEqual(await run('run', { name: 'true', cwd: '/no/such/dir' }), { name: 'true', result: false, comment: 'Desired working directory "/no/such/dir" is not available', changes: {} });
    assert.equal((await run('run', { name: 'true', env: 'A=b' })).comment, "Invalidly-formatted 'env' parameter. See documentation.");
  });

  test('an unknown runas user fails with the execution module\'s message', async () => {
    const ret = await run('run', { name: 'true', runas: 'saltts-no-such-user' });
    assert.equal(ret.result, false);
    assert.match(ret.comment, /User 'saltts-no-such-user' is not available/);
  });

  test('stateful: the last line reports changed and comment; changed=no means no changes', async () => {
    const changed = await run('run', { name: "echo working; echo \"changed=yes comment='did it' answer=42\"", stateful: true });
    assert.equal(changed.result, true);
    assert.equal(changed.comment, 'did it');
    assert.deepEqual({ ...changed.changes, pid: 0 }, { changed: 'yes', answer: '42', pid: 0, retcode: 0, stdout: 'working', stderr: '' });
    const unchanged = await run('run', { name: "echo 'changed=no comment=\"all fine\"'", stateful: true });
    assert.deepEqual(unchanged, { name: "echo 'changed=no comment=\"all fine\"'", result: true, comment: 'all fine', changes: {} });
    const json = await run('run', { name: `echo '{"changed": true, "comment": "json"}'`, stateful: true });
    assert.equal(json.comment, 'json');
    assert.equal((json.changes as { stdout: string }).stdout, '');
    assert.equal((await run('run', { name: 'echo not-pairs', stateful: true })).comment, 'Failed parsing script output! Stdout must be JSON or a line of name=value pairs.');
  });

  test('stateful test_name runs that command under test=True', async () => {
    const ret = await run('run', { name: 'exit 9', stateful: [{ test_name: 'echo changed=yes' }] }, true);
    assert.equal(ret.name, 'echo changed=yes');
    assert.equal(ret.result, null);
    assert.equal((ret.changes as { changed: string }).changed, 'yes');
  });

  test('ignore_timeout makes a command killed at its timeout a success', async () => {
    const timedOut = await run('run', { name: 'sleep 5', timeout: 0.2 });
    assert.equal(timedOut.result, false);
    const ignored = await run('run', { name: 'sleep 5', timeout: 0.2, ignore_timeout: true });
    assert.equal(ignored.result, true);
  });
});

describe('cmd.wait, cmd.script and mod_watch', () => {
  test('cmd.wait does nothing by itself; mod_watch runs the command', async () => {
    const marker = join(scratch, 'waited');
    assert.deepEqual(await run('wait', { name: `touch ${marker}` }), { name: `touch ${marker}`, result: true, comment: '', changes: {} });
    assert.equal(existsSync(marker), false);
    const watched = await run('mod_watch', { name: `touch ${marker}`, sfun: 'wait' });
    assert.equal(watched.result, true);
    assert.equal(watched.comment, `Command "touch ${marker}" run`);
    assert.ok(existsSync(marker));
  });

  test('mod_watch of another function is refused', async () => {
    assert.equal((await run('mod_watch', { name: 'true', sfun: 'call' })).comment, 'cmd.call does not work with the watch requisite, please use cmd.wait or cmd.wait_script');
  });

  test('cmd.script fetches salt:// and runs it with args; a missing script fails', async () => {
    writeFileSync(join(scratch, 'greet.sh'), '#!/bin/sh\necho "hello $1 $2"\n');
    const ret = await run('script', { name: 'greet', source: 'salt://greet.sh', args: 'big "wide world"' });
    assert.equal(ret.result, true);
    assert.equal(ret.comment, "Command 'greet' run");
    assert.equal((ret.changes as { stdout: string }).stdout, 'hello big wide world');
    const fromName = await run('script', { name: 'salt://greet.sh a b' });
    assert.equal((fromName.changes as { stdout: string }).stdout, 'hello a b');
    assert.deepEqual(await run('script', { name: 'gone', source: 'salt://missing.sh' }), { name: 'gone', result: false, comment: "Unable to cache script salt://missing.sh from saltenv 'base'", changes: {} });
  });

  test('cmd.script under test=True runs nothing', async () => {
    assert.deepEqual(await run('script', { name: 'greet', source: 'salt://greet.sh' }, true), { name: 'greet', result: null, comment: "Command 'greet' would have been executed", changes: {} });
  });
});
