// pillar.* over a given pillar, as Salt 3006's pillar module answers: get with nested
// keys, defaults and merge; item, keys, raw from the minion's pillar; items compiled
// afresh with pillarenv= and pillar=; saltutil.refresh_pillar keeps a new pillar.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pillarJobs } from './support/pillar-jobs.js';
import type { Pillar } from '../shared/pillar/types.js';

const BASE: Pillar = {
  app: { branch: 'main', hosts: ['a', 'b'], db: { port: 5432 } },
  users: [{ alice: { uid: 1000 } }, { bob: { uid: 1001 } }],
  role: 'web',
};
const PROD: Pillar = { app: { branch: 'release', hosts: ['p1'] }, role: 'web' };

const byEnv = (request: { pillarenv?: string | null }): Pillar => (request.pillarenv === 'prod' ? PROD : BASE);

describe('pillar.get', async () => {
  const jobs = await pillarJobs({ compile: byEnv });
  const get = async (...arg: unknown[]) => (await jobs.run('pillar.get', arg)).return;

  test('follows nested keys through mappings and lists', async () => {
    assert.equal(await get('app:branch'), 'main');
    assert.equal(await get('app:db:port'), 5432);
    assert.equal(await get('app:hosts:1'), 'b');
    assert.equal(await get('app:hosts:-1'), 'b');
    assert.deepEqual(await get('users:bob'), { uid: 1001 });
  });

  test("a missing key gives the default, or '' when there is none", async () => {
    assert.equal(await get('app:nothing'), '');
    assert.equal(await get('nothing:at:all'), '');
    assert.equal(await get('app:branch:deeper'), '');
    assert.equal(await get('app:nothing', 'fallback'), 'fallback');
    assert.equal((await jobs.run('pillar.get', ['app:nothing'], { default: null })).return, '');
  });

  test('another delimiter', async () => {
    assert.equal((await jobs.run('pillar.get', ['app.db.port'], { delimiter: '.' })).return, 5432);
    assert.equal(await get('app.db.port'), '');
  });

  test('merge=True merges a dict default under the value, and a list default with the items it lacks', async () => {
    assert.deepEqual((await jobs.run('pillar.get', ['app:db', { port: 1, user: 'app' }], { merge: true })).return, { port: 5432, user: 'app' });
    assert.deepEqual((await jobs.run('pillar.get', ['app:hosts', ['b', 'c']], { merge: true })).return, ['b', 'c', 'a']);
    assert.deepEqual((await jobs.run('pillar.get', ['app:none', { x: 1 }], { merge: true })).return, { x: 1 });
    // A default that cannot merge with the value is ignored, as Salt logs and skips it.
    assert.equal((await jobs.run('pillar.get', ['role', { x: 1 }], { merge: true })).return, 'web');
  });

  test('pillarenv= reads a pillar compiled now for that environment, not the minion\'s', async () => {
    assert.equal((await jobs.run('pillar.get', ['app:branch'], { pillarenv: 'prod' })).return, 'release');
    assert.deepEqual(jobs.requests.at(-1), { pillarenv: 'prod', saltenv: null });
  });
});

describe('pillar.item, keys, raw', async () => {
  const jobs = await pillarJobs({ compile: byEnv });

  test('item returns {key: value} for each key, the default for missing ones', async () => {
    assert.deepEqual((await jobs.run('pillar.item', ['role', 'app:branch', 'gone'])).return, { role: 'web', 'app:branch': 'main', gone: '' });
    assert.deepEqual((await jobs.run('pillar.item', ['gone'], { default: 0 })).return, { gone: 0 });
  });

  test('keys lists a mapping\'s keys, and names the key that is missing or not a mapping', async () => {
    assert.deepEqual((await jobs.run('pillar.keys', ['app'])).return, ['branch', 'hosts', 'db']);
    assert.deepEqual((await jobs.run('pillar.keys', ['app:db'])).return, ['port']);
    const missing = await jobs.run('pillar.keys', ['app:gone']);
    assert.equal(missing.success, false);
    assert.match(String(missing.return), /Pillar key not found: app:gone/);
    assert.match(String((await jobs.run('pillar.keys', ['role'])).return), /Pillar value in key role is not a dict/);
  });

  test('raw is the pillar in memory, or one top-level key of it ({} when missing), without compiling', async () => {
    assert.deepEqual((await jobs.run('pillar.raw')).return, BASE);
    assert.equal((await jobs.run('pillar.raw', ['role'])).return, 'web');
    assert.deepEqual((await jobs.run('pillar.raw', ['app:branch'])).return, {});
    assert.deepEqual(jobs.requests, []);
  });
});

describe('pillar.items', async () => {
  let compiles = 0;
  const jobs = await pillarJobs({ compile: (request) => ({ ...byEnv(request), compiles: ++compiles }) });

  test('is compiled now, as Salt compiles it, not read from memory', async () => {
    const before = compiles;
    const items = (await jobs.run('pillar.items')).return as Pillar;
    assert.equal(items.compiles, before + 1);
    assert.deepEqual(jobs.requests.at(-1), { pillarenv: null, saltenv: null });
  });

  test('pillarenv= picks the environment and pillar= merges over the result: dicts key by key, lists replaced', async () => {
    const items = (await jobs.run('pillar.items', [], { pillarenv: 'prod', pillar: { app: { branch: 'f5d9859', hosts: ['x'] }, extra: 1 } })).return as Pillar;
    assert.deepEqual(items.app, { branch: 'f5d9859', hosts: ['x'] });
    assert.equal(items.extra, 1);
    assert.equal(items.role, 'web');
    assert.equal(jobs.requests.at(-1)?.pillarenv, 'prod');
  });

  test('pillar= that is not a mapping is refused', async () => {
    const res = await jobs.run('pillar.items', [], { pillar: 'branch: x' });
    assert.equal(res.success, false);
    assert.match(String(res.return), /Pillar data must be formatted as a dictionary/);
  });

  test('with key names it is pillar.item', async () => {
    assert.deepEqual((await jobs.run('pillar.items', ['role'])).return, { role: 'web' });
  });

  test('ls names the top-level keys', async () => {
    assert.deepEqual((await jobs.run('pillar.ls')).return, ['app', 'users', 'role', 'compiles']);
  });
});

describe('pillarenv_from_saltenv', async () => {
  const jobs = await pillarJobs({ compile: byEnv, config: 'pillarenv_from_saltenv: True\n' });

  test('saltenv= without pillarenv= compiles the pillar of the environment of that name', async () => {
    assert.deepEqual(((await jobs.run('pillar.items', [], { saltenv: 'prod' })).return as Pillar).app, PROD.app);
    assert.deepEqual(jobs.requests.at(-1), { pillarenv: 'prod', saltenv: 'prod' });
  });
});

describe('saltutil.refresh_pillar', async () => {
  let branch = 'one';
  const jobs = await pillarJobs({ compile: () => ({ app: { branch } }) });

  test('fetches the pillar again, keeps it for later jobs and returns True', async () => {
    assert.equal((await jobs.run('pillar.get', ['app:branch'])).return, 'one');
    branch = 'two';
    assert.equal((await jobs.run('pillar.get', ['app:branch'])).return, 'one');
    assert.equal((await jobs.run('saltutil.refresh_pillar')).return, true);
    assert.equal((await jobs.run('pillar.get', ['app:branch'])).return, 'two');
  });
});
