// Pillar targeting: the master resolves -I, -J, I@ and J@ from its cache of each minion's
// compiled pillar (kept on disk across a restart), and real minions answer such jobs.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { GrainsCache } from '../master/grains-cache.js';
import { PillarCache } from '../master/pillar/cache.js';
import { resolveTarget, type TargetResolver } from '../master/jobs/targets.js';
import { returnsOf } from './support/returns.js';
import { useFleet } from './support/cluster.js';

describe('pillar targets resolved from the master\'s pillar cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'salt-ts-pillar-cache-'));
  const accepted = new Map([['web1', 'U1'], ['web2', 'U2'], ['db1', 'U3'], ['new1', 'U4']]);

  async function resolver(): Promise<TargetResolver> {
    const written = new PillarCache(dir);
    await written.set('web1', { role: 'web', app: { branch: 'main' } });
    await written.set('web2', { role: 'web', app: { branch: 'f5d9859' } });
    await written.set('db1', { role: 'db' });
    // a fresh cache reads what the first wrote: the master's view survives a restart
    return { accepted: () => accepted, grains: new GrainsCache(dir), pillar: new PillarCache(dir), nodegroups: { dbs: 'I@role:db' } };
  }
  const minions = async (tgt: string, type: Parameters<typeof resolveTarget>[1]) => resolveTarget(tgt, type, await resolver()).minions;

  test('-I matches a pillar glob, nested keys with :', async () => {
    assert.deepEqual(await minions('role:web', 'pillar'), ['web1', 'web2']);
    assert.deepEqual(await minions('app:branch:f5d*', 'pillar'), ['web2']);
  });

  test('-J matches a pillar regular expression', async () => {
    assert.deepEqual(await minions('role:^d.$', 'pillar_pcre'), ['db1']);
  });

  test('I@ and J@ in compound targets and nodegroups; a minion with no cached pillar matches no pillar word', async () => {
    assert.deepEqual(await minions('I@role:web and not web1', 'compound'), ['web2']);
    assert.deepEqual(await minions('J@app:branch:^m or db1', 'compound'), ['db1', 'web1']);
    assert.deepEqual(await minions('not I@role:*', 'compound'), ['new1']);
    assert.deepEqual(await minions('dbs', 'nodegroup'), ['db1']);
  });
});

const tree = mkdtempSync(join(tmpdir(), 'salt-ts-pillar-targeting-'));
for (const [path, text] of Object.entries({
  'top.sls': "base:\n  'web*':\n    - web\n  db1:\n    - db\n",
  'web.sls': 'role: web\n',
  'db.sls': 'role: db\n',
})) {
  mkdirSync(dirname(join(tree, path)), { recursive: true });
  writeFileSync(join(tree, path), text);
}

describe('pillar targeting, end to end', () => {
  const fleet = useFleet('pillar-targeting', [{ id: 'web1', grains: { tier: 'front' } }, { id: 'web2' }, { id: 'db1' }], {
    master: { pillar_roots: { base: [tree] } },
  });
  before(async () => {
    // the master compiles each minion's pillar when it starts; its copy on disk follows the cache's
    const cached = () => ['web1', 'web2', 'db1'].every((id) => existsSync(join(fleet().masterDir, 'cache/minions', id, 'pillar.json')));
    for (let i = 0; i < 200 && !cached(); i++) await sleep(50);
  });
  const pinged = async (...target: string[]) => {
    const res = await fleet().cli('salt-ts', [...target, 'test.ping', '--out', 'json']);
    assert.equal(res.code, 0, res.stdout + res.stderr);
    return Object.keys(returnsOf(res.stdout)).sort();
  };

  test("-I 'role:web' runs on the web minions only", async () => {
    assert.deepEqual(await pinged('-I', 'role:web'), ['web1', 'web2']);
  });

  test('-J and I@ in a compound target, with grains', async () => {
    assert.deepEqual(await pinged('-J', 'role:^db$'), ['db1']);
    assert.deepEqual(await pinged('-C', 'I@role:web and G@tier:front'), ['web1']);
  });

  test('a pillar target that matches nothing exits 2', async () => {
    const res = await fleet().cli('salt-ts', ['-I', 'role:mail', 'test.ping']);
    assert.equal(res.code, 2);
    assert.match(res.stderr, /^No minions matched the target\./);
  });
});
