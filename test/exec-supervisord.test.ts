import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStatus } from '../minion/modules/supervisord/supervisorctl.js';
import { callFunction } from './support/one-state.js';
import { sleepers, startSupervisord, type Supervisord } from './support/supervisord.js';

test('status lines become {name: {state, reason}}', () => {
  assert.deepEqual(parseStatus('sleeper                          RUNNING   pid 12, uptime 0:00:03\nweb:web1                         STOPPED   Not started\nidle  STOPPED\n'), {
    sleeper: { state: 'RUNNING', reason: 'pid 12, uptime 0:00:03' },
    'web:web1': { state: 'STOPPED', reason: 'Not started' },
    idle: { state: 'STOPPED', reason: '' },
  });
});

describe('supervisord functions on a real supervisord', () => {
  let sup: Supervisord;
  const call = (fun: string, arg: unknown[] = [], kwarg: Record<string, unknown> = {}) => callFunction(`supervisord.${fun}`, arg, { conf_file: sup.conf, ...kwarg });
  const state = (name: string) => parseStatus(sup.ctl('status', name))[name]?.state;

  before(async () => {
    sup = await startSupervisord(sleepers('sleeper'));
  });
  after(() => sup.stop());

  test('start, status, restart, stop of one program', async () => {
    assert.deepEqual(await call('status', ['sleeper']), { sleeper: { state: 'STOPPED', reason: 'Not started' } });
    assert.equal(await call('start', ['sleeper']), 'sleeper: started');
    assert.equal(state('sleeper'), 'RUNNING');
    const pid = sup.ctl('pid', 'sleeper').trim();
    assert.match(await call('status_raw', ['sleeper']) as string, new RegExp(`^sleeper\\s+RUNNING\\s+pid ${pid}`));
    assert.equal(await call('restart', ['sleeper']), 'sleeper: stopped\nsleeper: started');
    assert.notEqual(sup.ctl('pid', 'sleeper').trim(), pid);
    assert.equal(await call('stop', ['sleeper']), 'sleeper: stopped');
    assert.equal(state('sleeper'), 'STOPPED');
  });

  test('a group by group:* name; status lists every program', async () => {
    // supervisord acts on a group's programs together, so their lines come in any order
    const lines = async (args: string[]) => ((await call(args[0], args.slice(1))) as string).split('\n').sort();
    assert.deepEqual(await lines(['start', 'web:*']), ['web:web1: started', 'web:web2: started']);
    const all = await call('status') as Record<string, { state: string }>;
    assert.deepEqual(Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v.state])), { sleeper: 'STOPPED', 'web:web1': 'RUNNING', 'web:web2': 'RUNNING' });
    assert.deepEqual(await lines(['stop', 'web:*']), ['web:web1: stopped', 'web:web2: stopped']);
  });

  test('failures come back marked ERROR', async () => {
    assert.match(await call('start', ['nosuch']) as string, /^nosuch: ERROR \(no such process\)$/);
    assert.match(await call('stop', ['sleeper']) as string, /ERROR \(not running\)/);
  });

  test('reread, add, update and remove a program from an included file; custom commands', async () => {
    writeFileSync(join(sup.confd, 'extra.conf'), '[program:extra]\ncommand=sleep 1003\nstartsecs=0\n');
    assert.equal(await call('reread'), 'extra: available');
    assert.equal(await call('add', ['extra']), 'extra: added process group');
    assert.equal(state('extra'), 'RUNNING');
    assert.match(await call('custom', ['pid extra']) as string, /^\d+$/);
    assert.equal(await call('remove', ['extra:']), 'ERROR: process/group still running: extra');
    await call('stop', ['extra']);
    assert.equal(await call('remove', ['extra:']), 'extra: removed process group');
    assert.equal(state('extra'), undefined);
    assert.equal(await call('update'), 'extra: added process group');
    assert.equal(state('extra'), 'RUNNING');
  });

  test('conf_file is passed; bin_env that has no supervisorctl is named', async () => {
    assert.match(await callFunction('supervisord.status_raw', [], { conf_file: join(sup.dir, 'missing.conf') }) as string, /missing\.conf/);
    await assert.rejects(call('status', [], { bin_env: join(sup.dir, 'venv') }), /Could not find supervisorctl binary in bin_env '.*venv'/);
  });
});
