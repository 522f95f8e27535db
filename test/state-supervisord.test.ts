import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStatus } from '../minion/modules/supervisord/supervisorctl.js';
import { minionStates } from '../minion/states/registry.js';
import { supervisordStates } from '../minion/states/supervisord.js';
import { runState } from './support/one-state.js';
import { sleepers, startSupervisord, type Supervisord } from './support/supervisord.js';

describe('supervisord states on a real supervisord', () => {
  let sup: Supervisord;
  const run = (fun: string, name: string, args: Record<string, unknown> = {}, testMode = false) =>
    runState(supervisordStates, fun, { name, conf_file: sup.conf, ...args }, { test: testMode });
  const state = (name: string) => parseStatus(sup.ctl('status', name))[name]?.state;
  const pid = (name: string) => sup.ctl('pid', name).trim();

  before(async () => {
    sup = await startSupervisord(sleepers('app'));
  });
  after(() => sup.stop());

  test('registered as supervisord, with mod_watch', () => {
    assert.equal(minionStates('supervisord'), supervisordStates);
    assert.ok(supervisordStates.modWatch);
  });

  test('running: test=True says it would start and starts nothing; then starts; then leaves it running', async () => {
    assert.deepEqual(await run('running', 'app', {}, true), { name: 'app', result: null, comment: 'Service app will be started', changes: {} });
    assert.equal(state('app'), 'STOPPED');
    assert.deepEqual(await run('running', 'app'), { name: 'app', result: true, comment: 'Starting service: app', changes: { app: 'Starting service: app' } });
    assert.equal(state('app'), 'RUNNING');
    const before = pid('app');
    assert.deepEqual(await run('running', 'app'), { name: 'app', result: true, comment: 'Not starting already running service: app', changes: {} });
    assert.deepEqual(await run('running', 'app', {}, true), { name: 'app', result: true, comment: 'Service app is already running', changes: {} });
    assert.equal(pid('app'), before);
  });

  test('running with restart, and mod_watch, restart a running program', async () => {
    const first = pid('app');
    assert.deepEqual(await run('running', 'app', { restart: true }), { name: 'app', result: true, comment: 'Restarting service: app', changes: { app: 'Restarting service: app' } });
    const second = pid('app');
    assert.notEqual(second, first);
    assert.deepEqual(await run('mod_watch', 'app'), { name: 'app', result: true, comment: 'Restarting service: app', changes: { app: 'Restarting service: app' } });
    assert.notEqual(pid('app'), second);
  });

  test('a group by group:* name', async () => {
    assert.deepEqual(await run('running', 'web:*', {}, true), { name: 'web:', result: null, comment: "All services in group 'web:' will be started", changes: {} });
    assert.deepEqual(await run('running', 'web:*'), { name: 'web:', result: true, comment: 'Starting group: web:', changes: { 'web:': 'Starting group: web:' } });
    assert.equal(state('web:web1'), 'RUNNING');
    assert.equal(state('web:web2'), 'RUNNING');
    assert.deepEqual(await run('dead', 'web:'), { name: 'web:', result: true, comment: 'Stopping service: web:', changes: { 'web:': 'Stopping service: web:' } });
    assert.equal(state('web:web1'), 'STOPPED');
  });

  test('dead: test=True, stop, already stopped, unknown', async () => {
    assert.deepEqual(await run('dead', 'app', {}, true), { name: 'app', result: null, comment: 'Service app is set to be stopped', changes: {} });
    assert.equal(state('app'), 'RUNNING');
    assert.deepEqual(await run('dead', 'app'), { name: 'app', result: true, comment: 'Stopping service: app', changes: { app: 'Stopping service: app' } });
    assert.equal(state('app'), 'STOPPED');
    assert.deepEqual(await run('dead', 'app'), { name: 'app', result: true, comment: 'Service app is not running', changes: {} });
    assert.deepEqual(await run('dead', 'nosuch'), { name: 'nosuch', result: true, comment: "Service nosuch doesn't exist", changes: {} });
  });

  test('running adds a program supervisord does not know yet from its config; an unknown one fails with supervisorctl\'s error', async () => {
    writeFileSync(join(sup.confd, 'extra.conf'), '[program:extra]\ncommand=sleep 1003\nstartsecs=0\n');
    assert.deepEqual(await run('running', 'extra', {}, true), { name: 'extra', result: null, comment: 'Service extra will be added and started', changes: {} });
    assert.equal(state('extra'), undefined);
    assert.deepEqual(await run('running', 'extra'), { name: 'extra', result: true, comment: 'Starting: extra', changes: { extra: 'Adding service: extra Starting: extra' } });
    assert.equal(state('extra'), 'RUNNING');
    const ret = await run('running', 'ghost');
    assert.equal(ret.result, false);
    assert.match(ret.comment, /^ghost: ERROR \(no such process\)$/);
  });

  test('update: True runs supervisorctl update, which starts a changed program itself', async () => {
    writeFileSync(join(sup.confd, 'extra.conf'), '[program:extra]\ncommand=sleep 1004\nstartsecs=0\n');
    const before = pid('extra');
    assert.deepEqual(await run('running', 'extra', { update: true }), { name: 'extra', result: true, comment: 'Not starting updated service: extra', changes: {} });
    assert.notEqual(pid('extra'), before);
    assert.equal(state('extra'), 'RUNNING');
  });
});
