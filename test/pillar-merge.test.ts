// How pillar data merges: mergePillar on its own (Salt's dictupdate.merge), and the
// merging strategies and pillar_merge_lists through a compiled pillar tree.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { mergePillar } from '../shared/pillar/index.js';
import { compileWith, minion, pillarTree, removePillarTrees } from './support/pillar-compile.js';

after(removePillarTrees);

const base = () => ({ app: { branch: 'main', hosts: ['a', 'b'], db: { host: 'db1', port: 5432 } }, site: 'example' });
const over = { app: { branch: 'f5d9859', hosts: ['b', 'c'], db: { port: 6432 } } };

describe('mergePillar', () => {
  it('recurse (and smart) merges dicts at every depth and replaces lists', () => {
    const expected = { app: { branch: 'f5d9859', hosts: ['b', 'c'], db: { host: 'db1', port: 6432 } }, site: 'example' };
    assert.deepEqual(mergePillar(base(), over, 'recurse', false), expected);
    assert.deepEqual(mergePillar(base(), over, 'smart', false), expected);
  });

  it('mergeLists appends the items the lower list lacks', () => {
    const merged = mergePillar(base(), over, 'recurse', true);
    assert.deepEqual((merged.app as { hosts: unknown }).hosts, ['a', 'b', 'c']);
    const dicts = mergePillar({ l: [{ a: 1, b: 2 }] }, { l: [{ b: 2, a: 1 }, { c: 3 }] }, 'smart', true);
    assert.deepEqual(dicts, { l: [{ a: 1, b: 2 }, { c: 3 }] });
  });

  it('overwrite replaces a top-level key whole', () => {
    assert.deepEqual(mergePillar(base(), over, 'overwrite', true), { app: over.app, site: 'example' });
  });

  it('none merges as recurse, without merging lists', () => {
    const merged = mergePillar(base(), over, 'none', true);
    assert.deepEqual(merged, { app: { branch: 'f5d9859', hosts: ['b', 'c'], db: { host: 'db1', port: 6432 } }, site: 'example' });
  });

  it('a value of another type replaces a dict, and a dict replaces a scalar', () => {
    assert.deepEqual(mergePillar({ a: { b: 1 }, c: 1 }, { a: 'flat', c: { d: 2 } }, 'recurse', false), { a: 'flat', c: { d: 2 } });
  });

  it('changes neither input', () => {
    const lower = base();
    const snapshot = structuredClone(lower);
    mergePillar(lower, over, 'recurse', true);
    mergePillar(lower, over, 'overwrite', false);
    assert.deepEqual(lower, snapshot);
    assert.deepEqual(over.app.hosts, ['b', 'c']);
  });

  it('a __proto__ key is data, not a prototype', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "x": {"__proto__": {"deep": 1}}}') as Record<string, unknown>;
    const merged = mergePillar({ x: { y: 1 } }, hostile, 'recurse', false);
    assert.equal(Object.getPrototypeOf(merged), Object.prototype);
    assert.deepEqual(Object.keys(merged), ['x', '__proto__']);
    assert.deepEqual(Object.keys(merged.x as object), ['y', '__proto__']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe('merging strategies in a compiled pillar', () => {
  const files = {
    'top.sls': "base:\n  '*':\n    - defaults\n    - site\n",
    'defaults.sls': 'app:\n  branch: main\n  hosts: [a, b]\n  workers: 2\n',
    'site.sls': 'app:\n  hosts: [c]\n  workers: 8\n',
  };
  const web1 = minion('web1');

  it('smart merges later files over earlier ones, lists replaced', async () => {
    assert.deepEqual(await compileWith(await pillarTree({ base: files }), web1), { app: { branch: 'main', hosts: ['c'], workers: 8 } });
  });

  it('mergeLists concatenates the lists of the files', async () => {
    const pillar = await compileWith(await pillarTree({ base: files }), web1, { mergeLists: true });
    assert.deepEqual(pillar, { app: { branch: 'main', hosts: ['a', 'b', 'c'], workers: 8 } });
  });

  it('overwrite lets a later file replace a top-level key', async () => {
    const pillar = await compileWith(await pillarTree({ base: files }), web1, { strategy: 'overwrite' });
    assert.deepEqual(pillar, { app: { hosts: ['c'], workers: 8 } });
  });

  it("overwrite also applies to an include and the file that includes it", async () => {
    const tree = await pillarTree({
      base: { 'top.sls': "base:\n  '*':\n    - site\n", 'site.sls': 'include: [defaults]\napp:\n  workers: 8\n', 'defaults.sls': files['defaults.sls'] },
    });
    assert.deepEqual(await compileWith(tree, web1, { strategy: 'overwrite' }), { app: { workers: 8 } });
    assert.deepEqual(await compileWith(tree, web1), { app: { branch: 'main', hosts: ['a', 'b'], workers: 8 } });
  });

  it("none reads only the run's saltenv's top file (base when unset)", async () => {
    const tree = await pillarTree({
      base: { 'top.sls': "base:\n  '*':\n    - common\n", 'common.sls': 'common: 1\n' },
      prod: { 'top.sls': "prod:\n  '*':\n    - app\n", 'app.sls': 'app: 2\n' },
    });
    assert.deepEqual(await compileWith(tree, web1, { strategy: 'none' }), { common: 1 });
    assert.deepEqual(await compileWith(tree, minion('web1', {}, { saltenv: 'prod' }), { strategy: 'none' }), { app: 2 });
    assert.deepEqual(await compileWith(tree, web1, { strategy: 'smart' }), { common: 1, app: 2 });
  });
});
