import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseStat, reached, serverRows, serverView } from '../minion/modules/haproxy/stats.js';
import { sendCommand } from '../minion/modules/haproxy/runtime-api.js';
import { callFunction } from './support/one-state.js';
import { startHaproxy, type Haproxy } from './support/haproxy.js';

test('show stat rows by column; wait_state\'s idea of up, maint and drain', () => {
  const rows = parseStat('# pxname,svname,scur,status,weight\nwww,FRONTEND,0,OPEN,\napp,a1,2,DRAIN,0\napp,a2,0,no check,1\napp,BACKEND,2,UP,1\n');
  assert.deepEqual(serverRows(rows, 'app').map((r) => r.svname), ['a1', 'a2']);
  const [a1, a2] = serverRows(rows, 'app').map(serverView);
  assert.equal(reached(a1!, 'drain'), false, 'draining with sessions left');
  assert.equal(reached({ ...a1!, scur: 0 }, 'drain'), true);
  assert.equal(reached(a2!, 'up'), true, 'no check counts as up');
  assert.equal(reached(a2!, 'maint'), false);
  assert.equal(reached({ ...a2!, status: 'MAINT' }, 'maint'), true);
});

describe('haproxy functions on a real haproxy', () => {
  let hap: Haproxy;
  const call = (fun: string, arg: unknown[] = [], kwarg: Record<string, unknown> = {}) => callFunction(`haproxy.${fun}`, arg, { socket: hap.socket, ...kwarg });
  const statusOf = async (server: string) => serverRows(parseStat(await sendCommand(hap.socket, 'show stat')), 'app').find((r) => r.svname === server)?.status;
  const answers = async (count: number) => {
    const seen: string[] = [];
    for (let i = 0; i < count; i++) seen.push(await hap.request());
    return seen.sort();
  };

  before(async () => {
    hap = await startHaproxy();
  });
  after(() => hap.stop());

  test('frontends, backends and servers', async () => {
    assert.equal(await call('show_frontends'), 'www');
    assert.equal(await call('show_backends'), 'app\nother');
    assert.deepEqual(await call('list_frontends'), ['www']);
    assert.deepEqual(await call('list_backends', [], { servers: false }), ['app', 'other']);
    const all = await call('list_backends') as Record<string, Record<string, { name: string; status: string }>>;
    assert.deepEqual(Object.keys(all), ['app', 'other']);
    assert.deepEqual(Object.keys(all.app!), ['a1', 'a2']);
    assert.equal(all.other!.a1!.status, 'no check');
    assert.equal(await call('list_servers', ['app']), 'Name: a1 Status: no check Weight: 1 bIn: 0 bOut: 0\nName: a2 Status: no check Weight: 1 bIn: 0 bOut: 0');
    const backend = await call('get_backend', ['app']) as Record<string, { status: string; weight: number }>;
    assert.deepEqual(Object.keys(backend), ['a1', 'a2']);
    assert.equal(backend.a1!.weight, 1);
    assert.deepEqual(await answers(4), ['a1', 'a1', 'a2', 'a2']);
  });

  test('a disabled server gets no traffic; enabled again, it does', async () => {
    const disabled = await call('disable_server', ['a1', 'app']) as Record<string, string>;
    assert.deepEqual(Object.keys(disabled), ['app']);
    assert.match(disabled.app!, /^Name: a1 Status: MAINT /);
    assert.equal(await statusOf('a1'), 'MAINT');
    assert.equal(await call('wait_state', ['app', 'a1', 'maint', 5]), true);
    assert.deepEqual(await answers(4), ['a2', 'a2', 'a2', 'a2']);
    assert.match((await call('enable_server', ['a1', 'app']) as Record<string, string>).app!, /^Name: a1 Status: no check /);
    assert.equal(await call('wait_state', ['app', 'a1', 'up', 5]), true);
    assert.deepEqual(await answers(4), ['a1', 'a1', 'a2', 'a2']);
  });

  test("backend '*' disables the server in every backend that has it", async () => {
    assert.deepEqual(Object.keys(await call('disable_server', ['a1', '*']) as object), ['app', 'other']);
    assert.equal(await statusOf('a1'), 'MAINT');
    assert.deepEqual(Object.keys(await call('enable_server', ['a1', '*']) as object), ['app', 'other']);
    assert.equal(await statusOf('a1'), 'no check');
  });

  test('weights: get_weight, set_weight (0 takes the server out of rotation)', async () => {
    assert.equal(await call('get_weight', ['a2', 'app']), '1 (initial 1)');
    assert.equal(await call('set_weight', ['a2', 'app', 0]), '0 (initial 1)');
    assert.deepEqual(await answers(3), ['a1', 'a1', 'a1']);
    assert.equal(await call('set_weight', ['a2', 'app'], { weight: 1 }), '1 (initial 1)');
  });

  test('draining: sessions are counted, wait_state drain waits until none is left', async () => {
    await call('disable_server', ['a2', 'app']);
    const held = hap.request('/hold');
    for (let tries = 0; await call('get_sessions', ['a1', 'app']) !== 1; tries++) {
      assert.ok(tries < 200, 'the held request never reached a1');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await call('enable_server', ['a2', 'app']);
    assert.equal(await call('set_state', ['a1', 'app', 'drain']), true);
    assert.match(await statusOf('a1') ?? '', /^DRAIN/);
    assert.deepEqual(await answers(2), ['a2', 'a2'], 'a draining server takes no new sessions');
    assert.equal(await call('wait_state', ['app', 'a1', 'drain', 0.5]), false, 'one session is still open');
    hap.release();
    assert.equal(await held, 'held');
    assert.equal(await call('wait_state', ['app', 'a1', 'drain', 10]), true);
    assert.equal(await call('get_sessions', ['a1', 'app']), 0);
    assert.equal(await call('set_state', ['a1', 'app', 'ready']), true);
    assert.equal(await call('wait_state', ['app', 'a1'], { timeout: 5 }), true);
  });

  test('errors name the backend, server or socket', async () => {
    await assert.rejects(call('list_servers', ['nosuch']), /haproxy at .*haproxy\.sock has no backend 'nosuch'/);
    await assert.rejects(call('get_sessions', ['zz', 'app']), /haproxy backend 'app' has no server 'zz'/);
    await assert.rejects(call('disable_server', ['zz', 'app']), /haproxy refused 'disable server app\/zz' on .*: No such server\./);
    await assert.rejects(call('get_weight', ['zz', 'app']), /get weight app\/zz/);
    await assert.rejects(call('set_state', ['a1', 'app', 'off']), /state must be ready, drain or maint, not 'off'/);
    await assert.rejects(callFunction('haproxy.show_backends', [], { socket: join(hap.socket, '..', 'none.sock') }), /haproxy socket .*none\.sock: ENOENT/);
  });
});
