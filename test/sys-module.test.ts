import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sysModule } from '../minion/modules/sys.js';
import { testModule } from '../minion/modules/test.js';
import type { ExecModule } from '../minion/modules/types.js';
import { moduleRunner } from './support/module-runner.js';

// 'sysctl' starts with 'sys': selecting the sys module must not pick it up.
const sysctlModule: ExecModule = {
  name: 'sysctl',
  doc: '',
  functions: { get: { doc: 'Return a kernel parameter.', run: () => '' } },
};

const runner = moduleRunner([testModule, sysModule, sysctlModule]);
const run = async (fun: string, arg: unknown[] = [], kwarg: Record<string, unknown> = {}) => {
  const out = await runner.run(`sys.${fun}`, arg, kwarg);
  assert.equal(out.success, true, String(out.return));
  return out.return;
};

const SYS_FUNCTIONS = ['sys.doc', 'sys.list_functions', 'sys.list_modules'];

describe('sys.list_modules', () => {
  test('lists the loaded modules, sorted', async () => {
    assert.deepEqual(await run('list_modules'), ['sys', 'sysctl', 'test']);
  });

  test('selects modules by name or by glob', async () => {
    assert.deepEqual(await run('list_modules', ['sys']), ['sys']);
    assert.deepEqual(await run('list_modules', ['s*']), ['sys', 'sysctl']);
    assert.deepEqual(await run('list_modules', ['*.ping']), ['test']);
    assert.deepEqual(await run('list_modules', ['nope']), []);
  });
});

describe('sys.list_functions', () => {
  test('lists every function, sorted', async () => {
    const all = (await run('list_functions')) as string[];
    assert.deepEqual(all, [...all].sort());
    assert.ok(all.includes('test.ping') && all.includes('sysctl.get') && all.includes('sys.doc'));
    assert.equal(all.length, Object.keys(testModule.functions).length + 4);
  });

  test("a module name selects that module's functions only", async () => {
    assert.deepEqual(await run('list_functions', ['sys']), SYS_FUNCTIONS);
    assert.deepEqual(await run('list_functions', ['sys', 'sysctl']), [...SYS_FUNCTIONS, 'sysctl.get']);
  });

  test('globs and full names select functions', async () => {
    assert.deepEqual(await run('list_functions', ['sys.list_*']), ['sys.list_functions', 'sys.list_modules']);
    assert.deepEqual(await run('list_functions', ['test.ping']), ['test.ping']);
    assert.deepEqual(await run('list_functions', ['*.get']), ['sysctl.get']);
  });

  test('stray keyword arguments are ignored, as in Salt', async () => {
    assert.deepEqual(await run('list_functions', ['sys'], { junk: 1 }), SYS_FUNCTIONS);
  });
});

describe('sys.doc', () => {
  test('a function name gives {name: doc}', async () => {
    assert.deepEqual(await run('doc', ['test.ping']), { 'test.ping': testModule.functions.ping!.doc });
  });

  test('a module name gives the docs of all its functions, not those of sysctl', async () => {
    const docs = (await run('doc', ['sys'])) as Record<string, string>;
    assert.deepEqual(Object.keys(docs), SYS_FUNCTIONS);
    assert.equal(docs['sys.doc'], sysModule.functions.doc!.doc);
  });

  test('globs and several names combine', async () => {
    assert.deepEqual(Object.keys((await run('doc', ['sys.list_*', 'sysctl'])) as object), ['sys.list_functions', 'sys.list_modules', 'sysctl.get']);
  });

  test('no names gives every function; an unknown name gives {}', async () => {
    assert.equal(Object.keys((await run('doc')) as object).length, Object.keys(testModule.functions).length + 4);
    assert.deepEqual(await run('doc', ['nope']), {});
  });
});
