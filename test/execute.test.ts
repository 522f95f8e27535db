import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { daemonHandler } from '../minion/jobs/daemon-requests.js';
import { loadMinionConfig } from '../shared/config/load.js';
import { ArgumentError, bindArguments } from '../minion/modules/bind.js';
import type { ExecFunction } from '../minion/modules/types.js';
import { ModuleRegistry } from '../minion/modules/registry.js';
import { executeTask, type JobTask } from '../minion/jobs/execute.js';

const fn = (spec: Omit<ExecFunction, 'doc' | 'run'>): ExecFunction => ({ doc: 'doc', run: () => null, ...spec });
const twoParams = fn({ params: [{ name: 'a' }, { name: 'b', default: 'B' }] });

function argumentError(message: string): (err: unknown) => boolean {
  return (err) => {
    assert.ok(err instanceof ArgumentError, String(err));
    assert.equal(err.message, message);
    return true;
  };
}

describe('bindArguments', () => {
  test('binds positionals in order and fills defaults', () => {
    assert.deepEqual(bindArguments(twoParams, [1], {}), { a: 1, b: 'B' });
    assert.deepEqual(bindArguments(twoParams, [1, 2], {}), { a: 1, b: 2 });
  });

  test('binds keywords by name', () => {
    assert.deepEqual(bindArguments(twoParams, [], { b: 2, a: 1 }), { a: 1, b: 2 });
    assert.deepEqual(bindArguments(twoParams, [1], { b: 2 }), { a: 1, b: 2 });
  });

  test('a default may be falsy or undefined-valued and still counts', () => {
    const f = fn({ params: [{ name: 'x', default: undefined }, { name: 'y', default: 0 }] });
    assert.deepEqual(bindArguments(f, [], {}), { x: undefined, y: 0 });
  });

  test('a missing required argument is an error', () => {
    assert.throws(() => bindArguments(twoParams, [], {}), argumentError("missing required argument: 'a'"));
    assert.throws(() => bindArguments(twoParams, [], { b: 1 }), argumentError("missing required argument: 'a'"));
  });

  test('an unexpected keyword is an error', () => {
    assert.throws(() => bindArguments(twoParams, [1], { c: 3 }), argumentError("got an unexpected keyword argument 'c'"));
  });

  test('too many positionals is an error', () => {
    assert.throws(() => bindArguments(twoParams, [1, 2, 3], {}), argumentError('takes at most 2 positional arguments (3 given)'));
    const one = fn({ params: [{ name: 'a' }] });
    assert.throws(() => bindArguments(one, [1, 2], {}), argumentError('takes at most 1 positional argument (2 given)'));
    assert.throws(() => bindArguments(fn({}), [1], {}), argumentError('takes at most 0 positional arguments (1 given)'));
  });

  test('a positional and a keyword for the same parameter is an error', () => {
    assert.throws(() => bindArguments(twoParams, [1], { a: 2 }), argumentError("got multiple values for argument 'a'"));
  });

  test('*args collects extra positionals', () => {
    const f = fn({ params: [{ name: 'a' }], varargs: true });
    assert.deepEqual(bindArguments(f, [1, 2, 3], {}), { a: 1, args: [2, 3] });
    assert.deepEqual(bindArguments(f, [1], {}), { a: 1, args: [] });
  });

  test('**kwargs collects extra keywords', () => {
    const f = fn({ params: [{ name: 'a', default: 0 }], varkw: true });
    assert.deepEqual(bindArguments(f, [], { a: 1, x: 2, y: 3 }), { a: 1, kwargs: { x: 2, y: 3 } });
    assert.deepEqual(bindArguments(f, [], {}), { a: 0, kwargs: {} });
  });

  test('**kwargs does not lift the positional limit', () => {
    const f = fn({ params: [{ name: 'a' }], varkw: true });
    assert.throws(() => bindArguments(f, [1, 2], {}), ArgumentError);
  });

  test('*args does not accept unknown keywords', () => {
    const f = fn({ varargs: true });
    assert.throws(() => bindArguments(f, [], { x: 1 }), argumentError("got an unexpected keyword argument 'x'"));
  });
});

const opts = loadMinionConfig(mkdtempSync(join(tmpdir(), 'salt-ts-exec-')), () => undefined);
const noDaemon = daemonHandler({ running: () => [], find: () => null, kill: () => false, refreshGrains: async () => undefined });
const taskFor = (fun: string, arg: unknown[] = [], kwarg: Record<string, unknown> = {}): JobTask => ({
  jid: '20240101120000000001', id: 'web1', fun, arg, kwarg, grains: {}, tgt: 'web1', tgt_type: 'glob', user: 'tester',
});

describe('executeTask with the real registry', () => {
  const env = { registry: new ModuleRegistry(), opts, daemon: noDaemon };
  const run = (fun: string, arg: unknown[] = [], kwarg: Record<string, unknown> = {}) => executeTask(env, taskFor(fun, arg, kwarg));

  test('test.ping returns true with retcode 0', async () => {
    assert.deepEqual(await run('test.ping'), { return: true, retcode: 0, success: true });
  });

  test('test.echo returns its argument, by position or by name', async () => {
    assert.deepEqual(await run('test.echo', ['hello']), { return: 'hello', retcode: 0, success: true });
    assert.deepEqual(await run('test.echo', [], { text: 'hi' }), { return: 'hi', retcode: 0, success: true });
  });

  test('test.arg returns the positional and keyword arguments', async () => {
    assert.deepEqual(await run('test.arg', [1, 'two'], { x: true, y: null }), {
      return: { args: [1, 'two'], kwargs: { x: true, y: null } },
      retcode: 0,
      success: true,
    });
  });

  test('test.kwarg returns the keywords', async () => {
    assert.deepEqual((await run('test.kwarg', [], { a: 1 })).return, { a: 1 });
  });

  test('test.false sets retcode 1 and fails', async () => {
    assert.deepEqual(await run('test.false'), { return: false, retcode: 1, success: false });
  });

  test('an unknown function is not available', async () => {
    assert.deepEqual(await run('foo.bar'), { return: "'foo.bar' is not available.", retcode: 1, success: false });
  });

  test('wrong arguments give Salt\'s "Passed invalid arguments" with usage', async () => {
    const out = await run('test.echo');
    assert.equal(out.retcode, 1);
    assert.equal(out.success, false);
    assert.equal(typeof out.return, 'string');
    const text = out.return as string;
    assert.ok(text.startsWith('Passed invalid arguments to test.echo'), text);
    assert.ok(text.includes("missing required argument: 'text'"), text);
    assert.ok(text.includes('Usage: Return the given text unchanged.'), text);
  });

  test('too many arguments are invalid arguments too', async () => {
    const out = await run('test.ping', [1]);
    assert.equal(out.success, false);
    assert.ok((out.return as string).startsWith('Passed invalid arguments to test.ping'), String(out.return));
  });

  test('an exception in the function is reported with its message', async () => {
    const out = await run('test.exception', ['boom went the minion']);
    assert.equal(out.retcode, 1);
    assert.equal(out.success, false);
    const text = out.return as string;
    assert.ok(text.startsWith('The minion function caused an exception'), text);
    assert.ok(text.includes('boom went the minion'), text);
  });

  test('test.exception without arguments uses its default message', async () => {
    assert.ok(((await run('test.exception')).return as string).includes('Test exception'));
  });

  test('an async function is awaited', async () => {
    assert.deepEqual(await run('test.sleep', [0]), { return: true, retcode: 0, success: true });
  });

  test('an undefined return becomes null', async () => {
    const reg = new ModuleRegistry([{ name: 'm', doc: '', functions: { f: { doc: '', run: () => undefined } } }]);
    const out = await executeTask({ registry: reg, opts, daemon: noDaemon }, taskFor('m.f'));
    assert.deepEqual(out, { return: null, retcode: 0, success: true });
  });
});
