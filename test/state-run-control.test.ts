import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { retcodeOf, runStates } from '../shared/state/run/index.js';
import type { StateResult } from '../shared/state/types.js';
import { chunk, fileStates, probeStates, runOptions } from './support/state-run-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'salt-ts-state-run-'));
const key = (id: string, fun: string, name = id) => `probe_|-${id}_|-${name}_|-${fun}`;

describe('state runner: result shape', () => {
  test('results are keyed state_|-id_|-name_|-fun with Salt\'s keys in Salt\'s order', async () => {
    const path = join(dir, 'shape.conf');
    const ret = await runStates([chunk('conf', 'file.managed', { name: path, contents: 'x' }, 'app')], runOptions([fileStates]));
    const result = ret[`file_|-conf_|-${path}_|-managed`]!;
    assert.deepEqual(Object.keys(result), ['name', 'changes', 'result', 'comment', '__sls__', '__run_num__', 'start_time', 'duration', '__id__']);
    assert.deepEqual({ ...result, start_time: '', duration: 0 }, {
      name: path, changes: { newfile: path }, result: true, comment: `File ${path} updated`,
      __sls__: 'app', __run_num__: 0, start_time: '', duration: 0, __id__: 'conf',
    });
    assert.match(result.start_time, /^\d{2}:\d{2}:\d{2}(\.\d{6})?$/);
    assert.equal(typeof result.duration, 'number');
    assert.equal(Math.round(result.duration * 1000), result.duration * 1000);
    assert.equal(readFileSync(path, 'utf8'), 'x');
  });

  test('onResult hears every result under its key', async () => {
    const probe = probeStates();
    const heard: string[] = [];
    const ret = await runStates([chunk('a', 'probe.ok'), chunk('b', 'probe.fail', { require: ['missing'] })],
      runOptions([probe.module], { onResult: (k) => heard.push(k) }));
    assert.deepEqual(heard, Object.keys(ret));
    assert.equal(heard.length, 2);
  });
});

describe('state runner: failures that stay local', () => {
  test('an unknown state module or function fails that state with Salt\'s comment; others run', async () => {
    const probe = probeStates();
    const ret = await runStates([
      chunk('typo', 'fiel.managed'),
      chunk('nofun', 'probe.nosuch'),
      chunk('fine', 'probe.ok'),
    ], runOptions([probe.module]));
    assert.equal(ret['fiel_|-typo_|-typo_|-managed']!.comment, "State 'fiel.managed' was not found in SLS 'web'\nReason: 'fiel.managed' is not available.\n");
    assert.equal(ret['fiel_|-typo_|-typo_|-managed']!.result, false);
    assert.equal(ret[key('nofun', 'nosuch')]!.comment, "State 'probe.nosuch' was not found in SLS 'web'\nReason: 'probe.nosuch' is not available.\n");
    assert.equal(ret[key('fine', 'ok')]!.result, true);
  });

  test('a state function that throws fails with "An exception occurred in this state"; others run', async () => {
    const probe = probeStates();
    const ret = await runStates([chunk('bang', 'probe.throws'), chunk('fine', 'probe.ok')], runOptions([probe.module]));
    const bang = ret[key('bang', 'throws')]!;
    assert.equal(bang.result, false);
    assert.match(bang.comment, /^An exception occurred in this state: boom in probe\n\s+at /);
    assert.deepEqual(bang.changes, {});
    assert.equal(ret[key('fine', 'ok')]!.result, true);
  });
});

describe('state runner: failhard', () => {
  test('a failed failhard state stops the run: only what ran and the failure come back', async () => {
    const probe = probeStates();
    const ret = await runStates([
      chunk('first', 'probe.ok'),
      chunk('stop', 'probe.fail', { failhard: true }),
      chunk('never', 'probe.ok'),
    ], runOptions([probe.module]));
    assert.deepEqual(Object.keys(ret), [key('first', 'ok'), key('stop', 'fail')]);
    assert.deepEqual(probe.called('ok'), ['first']);
  });

  test('global failhard stops after any failure, a state\'s failhard: False overrides it', async () => {
    const probe = probeStates();
    const ret = await runStates([
      chunk('tolerated', 'probe.fail', { failhard: false }),
      chunk('stop', 'probe.fail'),
      chunk('never', 'probe.ok'),
    ], runOptions([probe.module], { failhard: true }));
    assert.deepEqual(Object.keys(ret), [key('tolerated', 'fail'), key('stop', 'fail')]);
  });

  test('failhard does not apply under test=True', async () => {
    const probe = probeStates();
    const ret = await runStates([chunk('stop', 'probe.fail', { failhard: true }), chunk('after', 'probe.ok')],
      runOptions([probe.module], { test: true }));
    assert.equal(Object.keys(ret).length, 2);
  });
});

describe('state runner: retry', () => {
  test('retries until the result matches, with Salt\'s attempt lines and the last run number', async () => {
    const probe = probeStates();
    const ret = await runStates([
      chunk('flaky', 'probe.flaky', { succeed_on: 3, retry: { attempts: 5, interval: 0 } }),
      chunk('next', 'probe.ok'),
    ], runOptions([probe.module]));
    const flaky = ret[key('flaky', 'flaky')]!;
    assert.equal(flaky.result, true);
    assert.equal(flaky.comment, [
      'Attempt 1: Returned a result of "False", with the following comment: "not yet (call 1)"',
      'Attempt 2: Returned a result of "False", with the following comment: "not yet (call 2)"',
      'ok on call 3',
    ].join('\n'));
    assert.equal(flaky.__run_num__, 2);
    assert.equal(ret[key('next', 'ok')]!.__run_num__, 3);
  });

  test('gives up after `attempts` runs', async () => {
    const probe = probeStates();
    const ret = await runStates([chunk('flaky', 'probe.flaky', { retry: { attempts: 2, interval: 0, until: true } })], runOptions([probe.module]));
    assert.equal(ret[key('flaky', 'flaky')]!.result, false);
    assert.equal(probe.calls.length, 2);
  });

  test('under test=True it does not retry and says it would', async () => {
    const probe = probeStates();
    const ret = await runStates([chunk('flaky', 'probe.flaky', { retry: true })], runOptions([probe.module], { test: true }));
    assert.equal(ret[key('flaky', 'flaky')]!.comment, 'not yet (call 1)  The state would be retried every 30 seconds (with a splay of up to 0 seconds) a maximum of 2 times or until a result of True is returned');
    assert.equal(probe.calls.length, 1);
  });
});

describe('state runner: test mode', () => {
  test('test=True: the state\'s own prediction comes back and nothing changes', async () => {
    const path = join(dir, 'dry.conf');
    const ret = await runStates([chunk('conf', 'file.managed', { name: path, contents: 'x' })], runOptions([fileStates], { test: true }));
    const result = ret[`file_|-conf_|-${path}_|-managed`]!;
    assert.deepEqual([result.result, result.changes], [null, { newfile: path }]);
    assert.equal(existsSync(path), false);
    assert.equal(retcodeOf(ret), 0);
  });

  test('a state\'s own test: True runs it in test mode while the others apply', async () => {
    const kept = join(dir, 'kept');
    writeFileSync(kept, '');
    const made = join(dir, 'made');
    const ret = await runStates([
      chunk('keep', 'file.absent', { name: kept, test: true }),
      chunk('make', 'file.managed', { name: made, contents: 'y' }),
    ], runOptions([fileStates]));
    assert.equal(ret[`file_|-keep_|-${kept}_|-absent`]!.result, null);
    assert.equal(existsSync(kept), true);
    assert.equal(readFileSync(made, 'utf8'), 'y');
  });

  test('under test=True a fired watch does not call mod_watch; the comment says it would', async () => {
    const probe = probeStates();
    const ret = await runStates([chunk('conf', 'probe.change'), chunk('svc', 'probe.ok', { watch: ['conf'] })],
      runOptions([probe.module], { test: true }));
    const svc = ret[key('svc', 'ok')]!;
    assert.deepEqual([svc.result, svc.comment], [null, "A watched state changed: probe.mod_watch would run for 'svc'"]);
    assert.equal(probe.calls.some((c) => c.fun === 'mod_watch'), false);
  });
});

describe('state runner: parallel', () => {
  test('parallel states start without waiting for one another and keep distinct run numbers', async () => {
    let arrived = 0;
    let release!: () => void;
    const barrier = new Promise<void>((resolve) => { release = resolve; });
    // Each `wait` state blocks until all three have started: run one at a time, they never finish.
    const stuck = setTimeout(() => release(), 10_000);
    const probe = probeStates({ barrier, arrive: () => { if (++arrived === 3) release(); } });
    const ret = await runStates([
      chunk('p1', 'probe.wait', { parallel: true }),
      chunk('p2', 'probe.wait', { parallel: true }),
      chunk('p3', 'probe.wait', { parallel: true }),
      chunk('after', 'probe.ok', { require: ['p1', 'p2', 'p3'] }),
    ], runOptions([probe.module]));
    clearTimeout(stuck);
    assert.equal(arrived, 3);
    const results: StateResult[] = ['p1', 'p2', 'p3'].map((id) => ret[key(id, 'wait')]!);
    assert.deepEqual(results.map((r) => r.comment), ['met the others', 'met the others', 'met the others']);
    assert.deepEqual(new Set(results.map((r) => r.__run_num__)).size, 3);
    assert.equal(ret[key('after', 'ok')]!.__run_num__, 3);
  });
});

describe('state runner: listen', () => {
  test('a listening state runs its mod_watch at the end when a listened state changed', async () => {
    const probe = probeStates();
    const ret = await runStates([
      chunk('svc', 'probe.ok', { listen: ['conf'] }),
      chunk('conf', 'probe.change'),
      chunk('idle', 'probe.ok', { listen: [{ probe: 'quiet' }] }),
      chunk('quiet', 'probe.ok'),
      chunk('lost', 'probe.ok', { listen: [{ probe: 'nowhere' }] }),
    ], runOptions([probe.module]));
    const listener = ret['probe_|-listener_svc_|-svc_|-mod_watch']!;
    assert.deepEqual([listener.__id__, listener.changes, listener.__run_num__], ['listener_svc', { restarted: 'svc' }, 5]);
    assert.deepEqual(probe.called('mod_watch'), ['svc']);
    const error = ret['Listen_Error_|-listen_nowhere_|-listen_probe_|-Listen_Error']!;
    assert.deepEqual([error.result, error.comment, error.name], [false, 'Referenced state probe: nowhere does not exist', 'listen_probe:nowhere']);
  });
});

describe('retcodeOf', () => {
  test('0 when every state passed, 2 when one failed, 1 for render/compile errors', async () => {
    const probe = probeStates();
    assert.equal(retcodeOf(await runStates([chunk('a', 'probe.ok')], runOptions([probe.module]))), 0);
    assert.equal(retcodeOf(await runStates([chunk('a', 'probe.ok'), chunk('b', 'probe.fail')], runOptions([probe.module]))), 2);
    assert.equal(retcodeOf(["Rendering SLS 'base:web' failed: Jinja syntax error: line 3"]), 1);
  });
});
