import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StateRun } from '../minion/highstate/state-run.js';
import { LocalFileClient } from '../minion/fileclient/local.js';
import { daemonHandler } from '../minion/jobs/daemon-requests.js';
import type { ExecContext } from '../minion/modules/types.js';
import { loadMinionConfig, type MinionConfig } from '../shared/config/load.js';
import { renderSls, renderSlsReportingIds } from '../shared/render/pipeline.js';
import { compileHighstate } from '../shared/state/compile/index.js';

const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A StateRun whose SLS files come from `files` ({'x.sls': text}) through the real local file client. */
function stateRun(files: Record<string, string>): StateRun {
  const dir = mkdtempSync(join(tmpdir(), 'salt-ts-nonstring-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, 'tree'), { recursive: true });
    writeFileSync(join(dir, 'tree', path), text);
  }
  writeFileSync(join(dir, 'minion'), '');
  const defaults = loadMinionConfig(dir, (msg) => assert.fail(msg));
  const opts = { ...defaults, file_client: 'local', file_roots: { base: [join(dir, 'tree')] } } as MinionConfig;
  const exec: ExecContext = {
    id: 'web1',
    jid: '20240102030405060708',
    grains: {},
    pillar: {},
    withPillar: () => assert.fail('unexpected withPillar'),
    opts,
    setRetcode: () => {},
    call: async (fun) => assert.fail(`unexpected call of ${fun}`),
    functions: () => new Map(),
    daemon: daemonHandler({ running: () => [], find: () => null, kill: () => false, refreshGrains: async () => {}, files: new LocalFileClient(opts.file_roots, opts.hash_type) }),
  };
  return new StateRun(exec, { saltenv: 'base', test: false });
}

const options = { source: 'salt://x.sls', context: { flag: true } };

test('the pipeline reports the top-level keys YAML read as bool, int, float or None', () => {
  const sls = "{{ flag }}:\n  test.nop: []\n1.5:\n  test.nop: []\n0755:\n  test.nop: []\n~:\n  test.nop: []\n'yes':\n  test.nop: []\nweb:\n  1: {}\n";
  assert.deepEqual(renderSlsReportingIds(sls, options).nonStringIds, [
    { key: 'true', type: 'bool' },
    { key: '1.5', type: 'float' },
    { key: '755', type: 'int' },
    { key: '', type: 'NoneType' },
  ]);
  // renderSls still gives the data alone.
  assert.deepEqual(renderSls('a: 1\n', options), { a: 1 });
});

test('json and text-only pipelines report no non-string keys', () => {
  assert.deepEqual(renderSlsReportingIds('#!json\n{"true": {}}', options), { data: { true: {} }, nonStringIds: [] });
  assert.deepEqual(renderSlsReportingIds('#!jinja\n{{ flag }}:', options), { data: '\nTrue:', nonStringIds: [] });
});

test('an unquoted true: through the render thread and StateRun.load gives Salt\'s error', async () => {
  const run = stateRun({ 'x.sls': "true:\n  test.nop: []\n{{ 1.5 }}:\n  test.nop: []\n'on':\n  test.nop: []\n" });
  try {
    const loaded = await run.load('x', 'base');
    assert.deepEqual(loaded?.nonStringIds, [{ key: 'true', type: 'bool' }, { key: '1.5', type: 'float' }]);
    const compiled = await compileHighstate([{ saltenv: 'base', sls: 'x' }], run);
    assert.deepEqual(compiled.errors, [
      "ID 'True' in SLS 'x' is not formed as a string, but is type bool. It may need to be quoted.",
      "ID '1.5' in SLS 'x' is not formed as a string, but is type float. It may need to be quoted.",
    ]);
  } finally {
    await run.close();
  }
});

test('quoted IDs compile without errors through the same path', async () => {
  const run = stateRun({ 'x.sls': "'true':\n  test.nop: []\n\"1.5\":\n  test.nop: []\n" });
  try {
    assert.deepEqual((await compileHighstate([{ saltenv: 'base', sls: 'x' }], run)).errors, []);
  } finally {
    await run.close();
  }
});
