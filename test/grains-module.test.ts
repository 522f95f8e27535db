import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { GrainsSource, grainsFilePath, readGrainsFile } from '../minion/grains/source.js';
import { grainsModule } from '../minion/modules/grains.js';
import type { ExecModule } from '../minion/modules/types.js';
import { moduleRunner } from './support/module-runner.js';

const GRAINS = {
  id: 'web1.example.com',
  fqdn: 'web1.example.com',
  host: 'web1',
  serialnumber: 'ABCDEFGH',
  os: 'Debian',
  pkg: { apache: 'apache2' },
  roles: ['web', { db: 'postgres' }],
};

/** A module that sets a grain and reads it back within the same job. */
const probeModule: ExecModule = {
  name: 'probe',
  doc: '',
  functions: {
    set_then_get: {
      doc: '',
      run: async (ctx) => {
        await ctx.call('grains.setval', ['color', 'blue']);
        return ctx.call('grains.get', ['color']);
      },
    },
  },
};

function setup() {
  let refreshes = 0;
  const runner = moduleRunner([grainsModule, probeModule], { daemon: { refreshGrains: async () => void refreshes++ } });
  const grainsFile = grainsFilePath(runner.opts);
  const run = async (fun: string, arg: unknown[] = [], kwarg: Record<string, unknown> = {}, grains: Record<string, unknown> = structuredClone(GRAINS)) => {
    const out = await runner.run(`grains.${fun}`, arg, kwarg, grains);
    assert.equal(out.success, true, String(out.return));
    return out.return;
  };
  return { runner, run, grainsFile, stored: () => readGrainsFile(grainsFile), refreshes: () => refreshes };
}

describe('grains reading', () => {
  const { run } = setup();

  test('items returns every grain', async () => {
    assert.deepEqual(await run('items'), GRAINS);
  });

  test('items sanitize=True masks the grains that identify the host', async () => {
    const items = (await run('items', [], { sanitize: true })) as Record<string, unknown>;
    assert.equal(items.id, 'MINION.DOMAINNAME');
    assert.equal(items.fqdn, 'MINION.DOMAINNAME');
    assert.equal(items.host, 'MINION');
    assert.equal(items.serialnumber, 'ABCDEFXX');
    assert.equal(items.os, 'Debian');
  });

  test('item returns {name: value}, nested names too, and default for missing ones', async () => {
    assert.deepEqual(await run('item', ['os', 'pkg:apache', 'nope']), { os: 'Debian', 'pkg:apache': 'apache2', nope: '' });
    assert.deepEqual(await run('item', ['nope'], { default: 'x' }), { nope: 'x' });
    assert.deepEqual(await run('item', ['host'], { sanitize: true }), { host: 'MINION' });
  });

  test('get follows nested keys, list indexes and mappings inside lists', async () => {
    assert.equal(await run('get', ['pkg:apache']), 'apache2');
    assert.equal(await run('get', ['roles:0']), 'web');
    assert.equal(await run('get', ['roles:-1:db']), 'postgres');
    assert.equal(await run('get', ['roles:db']), 'postgres');
    assert.equal(await run('get', ['pkg|apache'], { delimiter: '|' }), 'apache2');
  });

  test("get returns '' or the given default for a missing grain", async () => {
    assert.equal(await run('get', ['pkg:nginx']), '');
    assert.equal(await run('get', ['roles:7']), '');
    assert.equal(await run('get', ['os:deeper']), '');
    assert.deepEqual(await run('get', ['nope', ['fallback']]), ['fallback']);
  });

  test('ls returns the sorted grain names', async () => {
    assert.deepEqual(await run('ls'), ['fqdn', 'host', 'id', 'os', 'pkg', 'roles', 'serialnumber']);
  });
});

describe('grains.setval', () => {
  test('writes the grains file, asks for a refresh and returns {key: val}', async () => {
    const { run, stored, refreshes, grainsFile } = setup();
    assert.deepEqual(await run('setval', ['deploy', { env: 'prod', tier: 2 }]), { deploy: { env: 'prod', tier: 2 } });
    assert.deepEqual(await run('setval', ['color', 'blue']), { color: 'blue' });
    assert.deepEqual(stored(), { deploy: { env: 'prod', tier: 2 }, color: 'blue' });
    assert.match(readFileSync(grainsFile, 'utf8'), /^deploy:\n {2}env: prod\n/);
    assert.equal(refreshes(), 2);
  });

  test('the job sees its own change at once, as with Salt\'s __grains__', async () => {
    const { runner } = setup();
    assert.deepEqual(await runner.run('probe.set_then_get'), { return: 'blue', retcode: 0, success: true });
  });

  test('destructive=True with None removes the key from the file', async () => {
    const { run, stored } = setup();
    await run('setval', ['a', 1]);
    await run('setval', ['b', 2]);
    assert.deepEqual(await run('setval', ['a', null], { destructive: true }), { a: null });
    assert.deepEqual(stored(), { b: 2 });
  });

  test('an unreadable grains file is reported, not overwritten', async () => {
    const { run, grainsFile, refreshes } = setup();
    writeFileSync(grainsFile, 'a: [unclosed\n');
    assert.match(String(await run('setval', ['a', 1])), /^Unable to read existing grains file: /);
    assert.equal(readFileSync(grainsFile, 'utf8'), 'a: [unclosed\n');
    assert.equal(refreshes(), 0);
  });

  test('the daemon\'s refreshed grains include the new value', async () => {
    let source: GrainsSource | undefined;
    const runner = moduleRunner([grainsModule], { daemon: { refreshGrains: async () => void (await source!.refresh()) } });
    source = new GrainsSource(runner.opts);
    await runner.run('grains.setval', ['roles', ['db']]);
    assert.deepEqual(source.current.roles, ['db']);
  });
});

describe('grains.append', () => {
  test('creates a missing grain as a list, then appends to it', async () => {
    const { run, stored } = setup();
    assert.deepEqual(await run('append', ['tags', 'a'], {}, {}), { tags: ['a'] });
    assert.deepEqual(await run('append', ['tags', 'b'], {}, { tags: ['a'] }), { tags: ['a', 'b'] });
    assert.deepEqual(stored(), { tags: ['a', 'b'] });
  });

  test('a list value is appended item by item', async () => {
    const { run } = setup();
    assert.deepEqual(await run('append', ['tags', ['b', 'c']], {}, { tags: ['a'] }), { tags: ['a', 'b', 'c'] });
  });

  test("gives Salt's messages for a value already there and for a grain that is not a list", async () => {
    const { run, stored } = setup();
    assert.equal(await run('append', ['roles', 'web']), 'The val web was already in the list roles');
    assert.equal(await run('append', ['os', 'x']), 'The key os is not a valid list');
    assert.deepEqual(stored(), {});
  });

  test('convert=True turns a non-list grain into a list', async () => {
    const { run } = setup();
    assert.deepEqual(await run('append', ['os', 'Linux'], { convert: true }), { os: ['Debian', 'Linux'] });
  });

  test('a nested key appends inside its parent mapping', async () => {
    const { run } = setup();
    assert.deepEqual(await run('append', ['pkg:extra', 'vim']), { pkg: { apache: 'apache2', extra: ['vim'] } });
  });
});

describe('grains.delval', () => {
  test('sets the grain to None', async () => {
    const { run, stored } = setup();
    assert.deepEqual(await run('delval', ['os']), { comment: '', changes: { os: null }, result: true });
    assert.deepEqual(stored(), { os: null });
  });

  test('destructive=True removes the grain', async () => {
    const { run, stored } = setup();
    await run('setval', ['os', 'Debian']);
    await run('setval', ['keep', 1]);
    assert.deepEqual(await run('delval', ['os'], { destructive: true }), { comment: '', changes: { os: null }, result: true });
    assert.deepEqual(stored(), { keep: 1 });
  });

  test('a grain already None is left alone', async () => {
    const { run } = setup();
    assert.deepEqual(await run('delval', ['gone'], {}, { gone: null }), { comment: 'Grain is already set', changes: {}, result: true });
  });

  test('a dict or list grain needs force=True', async () => {
    const { run, stored } = setup();
    assert.deepEqual(await run('delval', ['pkg']), {
      comment: "The key 'pkg' exists but is a dict or a list. Use 'force=True' to overwrite.",
      changes: {},
      result: false,
    });
    assert.deepEqual(stored(), {});
    assert.deepEqual((await run('delval', ['pkg'], { force: true }) as { changes: unknown }).changes, { pkg: null });
  });

  test('a nested key is set to None (or removed) inside its parent', async () => {
    const { run } = setup();
    assert.deepEqual((await run('delval', ['pkg:apache']) as { changes: unknown }).changes, { pkg: { apache: null } });
    assert.deepEqual((await run('delval', ['pkg:apache'], { destructive: true }) as { changes: unknown }).changes, { pkg: {} });
  });
});
