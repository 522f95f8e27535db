import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runStates } from '../shared/state/run/index.js';
import type { StateRunResult } from '../shared/state/types.js';
import { chunk, probeStates, runOptions } from './support/state-run-fixtures.js';

const key = (id: string, fun: string, name = id) => `probe_|-${id}_|-${name}_|-${fun}`;
const byRunNum = (ret: StateRunResult) => Object.values(ret).sort((a, b) => a.__run_num__ - b.__run_num__).map((r) => r.__id__);

describe('state runner: order and require', () => {
  test('states run in the order given; a require runs its target first (depth first)', async () => {
    const probe = probeStates();
    const ret = await runStates([
      chunk('a', 'probe.ok', { require: ['c'] }),
      chunk('b', 'probe.ok'),
      chunk('c', 'probe.ok'),
    ], runOptions([probe.module]));
    assert.deepEqual(probe.called('ok'), ['c', 'a', 'b']);
    assert.deepEqual(byRunNum(ret), ['c', 'a', 'b']);
    assert.deepEqual(Object.keys(ret), [key('c', 'ok'), key('a', 'ok'), key('b', 'ok')]);
  });

  test('a failed require: result False, Salt\'s comment naming <sls>.<id>, no changes, and the state is not called', async () => {
    const probe = probeStates();
    const ret = await runStates([
      chunk('broken', 'probe.fail', {}, 'db'),
      chunk('dependent', 'probe.change', { require: [{ probe: 'broken' }] }),
    ], runOptions([probe.module]));
    const dependent = ret[key('dependent', 'change')]!;
    assert.equal(dependent.result, false);
    assert.equal(dependent.comment, 'One or more requisite failed: db.broken');
    assert.deepEqual(dependent.changes, {});
    assert.deepEqual(probe.called('change'), []);
  });

  test('requisites match by state and name, by glob, and by sls', async () => {
    const probe = probeStates();
    const ret = await runStates([
      chunk('by-name', 'probe.ok', { require: [{ probe: '/etc/app.conf' }] }),
      chunk('by-glob', 'probe.ok', { require: [{ probe: 'worker-*' }] }),
      chunk('by-sls', 'probe.ok', { require: [{ sls: 'lib' }] }),
      chunk('conf', 'probe.ok', { name: '/etc/app.conf' }),
      chunk('worker-1', 'probe.ok'),
      chunk('worker-2', 'probe.fail'),
      chunk('lib-a', 'probe.ok', {}, 'lib'),
      chunk('lib-b', 'probe.ok', {}, 'lib'),
    ], runOptions([probe.module]));
    assert.deepEqual(probe.called('ok').slice(0, 2), ['/etc/app.conf', 'by-name']);
    assert.equal(ret[key('by-glob', 'ok')]!.comment, 'One or more requisite failed: web.worker-2');
    assert.deepEqual(probe.called('ok').slice(-3), ['lib-a', 'lib-b', 'by-sls']);
  });

  test('an sls requisite covers what that SLS brought in by include (__sls_included_from__)', async () => {
    const probe = probeStates();
    await runStates([
      chunk('after-app', 'probe.ok', { require: [{ sls: 'app' }] }),
      chunk('app-conf', 'probe.ok', { __sls_included_from__: ['app'] }, 'app.config'),
      chunk('unrelated', 'probe.ok', {}, 'other'),
    ], runOptions([probe.module]));
    assert.deepEqual(probe.called('ok'), ['app-conf', 'after-app', 'unrelated']);
  });

  test('a requisite of another state module does not match', async () => {
    const probe = probeStates();
    const ret = await runStates([
      chunk('app', 'probe.ok', { require: [{ file: 'conf' }] }),
      chunk('conf', 'probe.ok'),
    ], runOptions([probe.module]));
    assert.equal(ret[key('app', 'ok')]!.result, false);
    assert.equal(ret[key('app', 'ok')]!.comment, 'The following requisites were not found:\n                   require:\n                       file: conf\n');
  });

  test('a missing requisite fails only that state, listing every missing entry by kind', async () => {
    const probe = probeStates();
    const ret = await runStates([
      chunk('app', 'probe.ok', { require: [{ file: '/etc/missing' }, 'present'], onchanges: ['gone'] }),
      chunk('present', 'probe.ok'),
      chunk('other', 'probe.ok'),
    ], runOptions([probe.module]));
    const app = ret[key('app', 'ok')]!;
    assert.equal(app.result, false);
    assert.equal(app.comment, [
      'The following requisites were not found:',
      '                   require:',
      '                       file: /etc/missing',
      '                   onchanges:',
      '                       id: gone',
      '',
    ].join('\n'));
    assert.equal(ret[key('other', 'ok')]!.result, true);
    assert.deepEqual(probe.called('ok'), ['present', 'other']);
  });

  test('a cycle fails every state in it, naming the cycle; the others still run', async () => {
    const probe = probeStates();
    const ret = await runStates([
      chunk('a', 'probe.ok', { require: ['b'] }),
      chunk('b', 'probe.ok', { watch: ['c'] }),
      chunk('c', 'probe.ok', { require: ['a'] }),
      chunk('after-a', 'probe.ok', { require: ['a'] }),
      chunk('free', 'probe.ok'),
    ], runOptions([probe.module]));
    for (const id of ['a', 'b', 'c']) {
      assert.equal(ret[key(id, 'ok')]!.result, false);
      assert.equal(ret[key(id, 'ok')]!.comment, 'Recursive requisite found: web.a -> web.b -> web.c -> web.a');
    }
    assert.equal(ret[key('after-a', 'ok')]!.comment, 'One or more requisite failed: web.a');
    assert.deepEqual(probe.called('ok'), ['free']);
  });

  test('a state requiring itself is a cycle', async () => {
    const probe = probeStates();
    const ret = await runStates([chunk('self', 'probe.ok', { require: [{ sls: 'web' }] })], runOptions([probe.module]));
    assert.equal(ret[key('self', 'ok')]!.comment, 'Recursive requisite found: web.self -> web.self');
  });
});

describe('state runner: onchanges, onfail and the _any forms', () => {
  test('onchanges runs only when a target changed; otherwise Salt\'s comment and __state_ran__: false', async () => {
    const probe = probeStates();
    const ret = await runStates([
      chunk('quiet', 'probe.ok'),
      chunk('loud', 'probe.change'),
      chunk('on-quiet', 'probe.change', { onchanges: ['quiet'] }),
      chunk('on-either', 'probe.change', { onchanges: ['quiet', 'loud'] }),
    ], runOptions([probe.module]));
    assert.deepEqual(ret[key('on-quiet', 'change')], {
      ...ret[key('on-quiet', 'change')],
      result: true, changes: {}, comment: 'State was not run because none of the onchanges reqs changed', __state_ran__: false,
    });
    assert.deepEqual(probe.called('change'), ['loud', 'on-either']);
    assert.equal(ret[key('on-either', 'change')]!.result, true);
    assert.equal('__state_ran__' in ret[key('on-either', 'change')]!, false);
  });

  test('a state requiring one that onchanges skipped still runs', async () => {
    const probe = probeStates();
    await runStates([
      chunk('quiet', 'probe.ok'),
      chunk('skipped', 'probe.ok', { onchanges: ['quiet'] }),
      chunk('after', 'probe.change', { require: ['skipped'] }),
    ], runOptions([probe.module]));
    assert.deepEqual(probe.called('change'), ['after']);
  });

  test('onfail runs only when a target failed', async () => {
    const probe = probeStates();
    const ret = await runStates([
      chunk('good', 'probe.ok'),
      chunk('bad', 'probe.fail'),
      chunk('rescue-good', 'probe.change', { onfail: ['good'] }),
      chunk('rescue-bad', 'probe.change', { onfail: ['bad'] }),
      chunk('rescue-any', 'probe.change', { onfail_any: ['good', 'bad'] }),
    ], runOptions([probe.module]));
    const skipped = ret[key('rescue-good', 'change')]!;
    assert.equal(skipped.result, true);
    assert.equal(skipped.comment, 'State was not run because onfail req did not change');
    assert.equal(skipped.__state_ran__, false);
    assert.deepEqual(probe.called('change'), ['rescue-bad', 'rescue-any']);
  });

  test('require_any runs when one target succeeded; require fails when one failed', async () => {
    const probe = probeStates();
    const ret = await runStates([
      chunk('good', 'probe.ok'),
      chunk('bad', 'probe.fail'),
      chunk('any', 'probe.change', { require_any: ['bad', 'good'] }),
      chunk('all', 'probe.change', { require: ['bad', 'good'] }),
      chunk('none', 'probe.change', { require_any: ['bad'] }),
    ], runOptions([probe.module]));
    assert.equal(ret[key('any', 'change')]!.result, true);
    assert.equal(ret[key('all', 'change')]!.comment, 'One or more requisite failed: web.bad');
    assert.equal(ret[key('none', 'change')]!.comment, 'One or more requisite failed: web.bad');
  });
});

describe('state runner: watch and prereq', () => {
  test('a watch that fires calls mod_watch (sfun given) under an extra __run_num__', async () => {
    const probe = probeStates();
    const ret = await runStates([
      chunk('conf', 'probe.change'),
      chunk('service', 'probe.ok', { watch: ['conf'] }),
      chunk('later', 'probe.ok'),
    ], runOptions([probe.module]));
    const service = ret[key('service', 'ok')]!;
    assert.deepEqual(service.changes, { restarted: 'service' });
    assert.equal(service.comment, 'restarted after ok');
    assert.equal(service.__run_num__, 2);
    assert.equal(ret[key('later', 'ok')]!.__run_num__, 3);
    assert.deepEqual(probe.called('mod_watch'), ['service']);
  });

  test('a watch whose target did not change, or whose state changed by itself, calls no mod_watch', async () => {
    const probe = probeStates();
    await runStates([
      chunk('quiet', 'probe.ok'),
      chunk('loud', 'probe.change'),
      chunk('w1', 'probe.ok', { watch: ['quiet'] }),
      chunk('w2', 'probe.change', { watch: ['loud'] }),
    ], runOptions([probe.module]));
    assert.deepEqual(probe.called('mod_watch'), []);
  });

  test('watch on a module without mod_watch is a require', async () => {
    const probe = probeStates();
    const plain = { ...probe.module, name: 'plain', modWatch: undefined };
    const ret = await runStates([
      chunk('loud', 'probe.change'),
      chunk('p', 'plain.ok', { watch: ['loud', 'nowhere'] }),
    ], runOptions([probe.module, plain]));
    assert.equal(ret['plain_|-p_|-p_|-ok']!.comment, 'The following requisites were not found:\n                   require:\n                       id: nowhere\n');
  });

  test('prereq: the target runs in test mode first; the state runs before it only if it would change', async () => {
    const probe = probeStates();
    const ret = await runStates([
      chunk('drain', 'probe.ok', { prereq: ['deploy'] }),
      chunk('skip-drain', 'probe.ok', { prereq: ['steady'] }),
      chunk('deploy', 'probe.change'),
      chunk('steady', 'probe.ok'),
    ], runOptions([probe.module]));
    assert.deepEqual(probe.calls.map((c) => `${c.name}${c.test ? ' (test)' : ''}`), [
      'deploy (test)', 'drain', 'steady (test)', 'deploy', 'steady',
    ]);
    const skipped = ret[key('skip-drain', 'ok')]!;
    assert.equal(skipped.result, true);
    assert.equal(skipped.comment, 'No changes detected');
    assert.deepEqual(byRunNum(ret), ['drain', 'skip-drain', 'deploy', 'steady']);
  });

  test('prereq: when the state fails, its target does not run', async () => {
    const probe = probeStates();
    const ret = await runStates([
      chunk('deploy', 'probe.change'),
      chunk('drain', 'probe.fail', { prereq: ['deploy'] }),
    ], runOptions([probe.module]));
    assert.equal(ret[key('deploy', 'change')]!.comment, 'One or more requisite failed: web.drain');
    assert.deepEqual(probe.called('change'), []);
  });

  test('a prereq cycle is reported like any other', async () => {
    const probe = probeStates();
    const ret = await runStates([
      chunk('a', 'probe.ok', { prereq: ['b'] }),
      chunk('b', 'probe.change', { require: ['a'] }),
      chunk('c', 'probe.ok'),
    ], runOptions([probe.module]));
    assert.equal(ret[key('a', 'ok')]!.comment, 'Recursive requisite found: web.a -> web.b -> web.a');
    assert.equal(ret[key('b', 'change')]!.result, false);
    assert.equal(ret[key('c', 'ok')]!.result, true);
    assert.deepEqual(probe.calls.map((c) => c.name), ['c']);
  });
});
