import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { serviceStates } from '../minion/states/service.js';
import { runState } from './support/one-state.js';
import { sysvService } from './support/sysv-service.js';

const SERVICE = 'saltts-state-svc';
// The daemon's output goes nowhere, so no run waits on it.
const svc = sysvService(SERVICE, 'sleep 86377 >/dev/null 2>&1');
const { pid, reloaded: RELOADED } = svc;

const run = (fun: string, args: Record<string, unknown> = {}, testMode = false) => runState(serviceStates, fun, { name: SERVICE, ...args }, { test: testMode });
const notRoot = process.getuid?.() !== 0 && 'managing init scripts needs root';

describe('service states on a real sysvinit service', { skip: notRoot, timeout: 60_000 }, () => {
  before(() => svc.install());
  after(() => svc.remove());

  test('running under test=True predicts and starts nothing', async () => {
    assert.deepEqual(await run('running', {}, true), { name: SERVICE, result: null, comment: `Service ${SERVICE} is set to start`, changes: {} });
    assert.equal(pid(), null);
  });

  test('running starts it once; the second run changes nothing', async () => {
    assert.deepEqual(await run('running'), { name: SERVICE, result: true, comment: `Started service ${SERVICE}`, changes: { [SERVICE]: true } });
    assert.ok(pid());
    assert.deepEqual(await run('running'), { name: SERVICE, result: true, comment: `The service ${SERVICE} is already running`, changes: {} });
  });

  test('running with enable: True enables it at boot, then reports it enabled', async () => {
    assert.deepEqual(await run('running', { enable: true }, true), { name: SERVICE, result: null, comment: `Service ${SERVICE} set to be enabled`, changes: {} });
    assert.deepEqual(await run('running', { enable: true }), { name: SERVICE, result: true, comment: `Service ${SERVICE} has been enabled, and is in the desired state`, changes: { [SERVICE]: true } });
    assert.deepEqual(await run('running', { enable: true }), { name: SERVICE, result: true, comment: `The service ${SERVICE} is already running`, changes: {} });
    assert.deepEqual(await run('enabled'), { name: SERVICE, result: true, comment: `Service ${SERVICE} is already enabled, and is in the desired state`, changes: {} });
  });

  test('mod_watch restarts a running service, or reloads it with reload: True', async () => {
    const before = pid();
    assert.deepEqual(await run('mod_watch', { sfun: 'running' }, true), { name: SERVICE, result: null, comment: 'Service is set to be restarted', changes: {} });
    assert.equal(pid(), before);
    assert.deepEqual(await run('mod_watch', { sfun: 'running' }), { name: SERVICE, result: true, comment: 'Service restarted', changes: { [SERVICE]: true } });
    assert.notEqual(pid(), before);
    assert.deepEqual(await run('mod_watch', { sfun: 'running', reload: true }), { name: SERVICE, result: true, comment: 'Service reloaded', changes: { [SERVICE]: true } });
    assert.ok(existsSync(RELOADED));
  });

  test('disabled stops it starting at boot and leaves it running', async () => {
    assert.deepEqual(await run('disabled'), { name: SERVICE, result: true, comment: `Service ${SERVICE} has been disabled, and is in the desired state`, changes: { [SERVICE]: true } });
    assert.deepEqual(await run('disabled'), { name: SERVICE, result: true, comment: `Service ${SERVICE} is already disabled, and is in the desired state`, changes: {} });
    assert.ok(pid());
  });

  test('dead stops it once; test=True predicts; mod_watch of dead has nothing to stop afterwards', async () => {
    assert.deepEqual(await run('dead', {}, true), { name: SERVICE, result: null, comment: `Service ${SERVICE} is set to be killed`, changes: {} });
    assert.ok(pid());
    assert.deepEqual(await run('dead'), { name: SERVICE, result: true, comment: `Service ${SERVICE} was killed`, changes: { [SERVICE]: false } });
    assert.equal(pid(), null);
    assert.deepEqual(await run('dead'), { name: SERVICE, result: true, comment: `The service ${SERVICE} is already dead`, changes: {} });
    assert.deepEqual(await run('mod_watch', { sfun: 'dead' }), { name: SERVICE, result: true, comment: 'Service is already stopped', changes: {} });
  });

  test('mod_watch of running starts a stopped service', async () => {
    assert.deepEqual(await run('mod_watch', { sfun: 'running' }), { name: SERVICE, result: true, comment: 'Service started', changes: { [SERVICE]: true } });
    assert.ok(pid());
  });
});

describe('service states on a service that does not exist', () => {
  const name = 'saltts-no-such-service';
  test('running fails; dead succeeds; test=True says what would happen', async () => {
    assert.deepEqual(await runState(serviceStates, 'running', { name }), { name, result: false, comment: `The named service ${name} is not available`, changes: {} });
    assert.deepEqual(await runState(serviceStates, 'dead', { name }), { name, result: true, comment: '', changes: {} });
    assert.equal((await runState(serviceStates, 'running', { name }, { test: true })).comment, `Service ${name} not present; if created in this state run, it would have been started`);
  });
});
