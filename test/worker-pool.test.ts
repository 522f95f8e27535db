import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerPool } from '../minion/jobs/pool.js';
import type { JobTask } from '../minion/jobs/execute.js';
import { daemonHandler } from '../minion/jobs/daemon-requests.js';
import { loadMinionConfig } from '../shared/config/load.js';

const opts = loadMinionConfig(mkdtempSync(join(tmpdir(), 'salt-ts-pool-')), () => undefined);

let jidCounter = 0;
const task = (fun: string, arg: unknown[] = [], kwarg: Record<string, unknown> = {}): JobTask => ({
  jid: `2024010112000000${String(++jidCounter).padStart(4, '0')}`,
  id: 'web1',
  fun,
  arg,
  kwarg,
  grains: {},
  tgt: 'web1',
  tgt_type: 'glob',
  user: 'tester',
});

/** A pool whose jobs' daemon requests are answered from the pool itself, as in the minion. */
function poolForTests(): WorkerPool {
  const pool: WorkerPool = new WorkerPool(
    opts,
    daemonHandler({ running: () => pool.running(), find: (jid) => pool.find(jid), kill: (jid) => pool.kill(jid), refreshGrains: async () => undefined }),
  );
  after(() => pool.close());
  return pool;
}

describe('WorkerPool', () => {
  const pool = poolForTests();

  test('runs test.ping in a worker and returns its outcome', async () => {
    assert.deepEqual(await pool.run(task('test.ping')), { return: true, retcode: 0, success: true });
  });

  test('returns failures from the worker as outcomes', async () => {
    assert.deepEqual(await pool.run(task('foo.bar')), { return: "'foo.bar' is not available.", retcode: 1, success: false });
    const out = await pool.run(task('test.exception', ['from the worker']));
    assert.equal(out.success, false);
    assert.ok(String(out.return).includes('from the worker'));
  });

  test('a quick job submitted after a slow one finishes first', async () => {
    const order: string[] = [];
    const slow = pool.run(task('test.sleep', [3])).then((out) => {
      order.push('sleep');
      return out;
    });
    const quick = pool.run(task('test.ping')).then((out) => {
      order.push('ping');
      return out;
    });
    const [slowOut, quickOut] = await Promise.all([slow, quick]);
    assert.deepEqual(order, ['ping', 'sleep']);
    assert.deepEqual(quickOut, { return: true, retcode: 0, success: true });
    assert.deepEqual(slowOut, { return: true, retcode: 0, success: true });
  });

  test('several concurrent jobs all complete with their own results', async () => {
    const texts = Array.from({ length: 8 }, (_, i) => `job-${i}`);
    const outs = await Promise.all(texts.map((text) => pool.run(task('test.echo', [text]))));
    assert.deepEqual(
      outs.map((o) => o.return),
      texts,
    );
    assert.ok(outs.every((o) => o.success && o.retcode === 0));
  });

  test('workers are reused for later jobs', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await pool.run(task('test.echo', [i]))).return, i);
  });
});

describe('WorkerPool job control', () => {
  const pool = poolForTests();

  test('a running job is listed, found by jid, and can be killed', async () => {
    const long = task('test.sleep', [30]);
    const outcome = pool.run(long);
    assert.deepEqual(pool.running().map((j) => [j.jid, j.fun, j.user]), [[long.jid, 'test.sleep', 'tester']]);
    assert.equal(pool.find(long.jid)?.fun, 'test.sleep');
    assert.equal(pool.kill(long.jid), true);
    const killed = await outcome;
    assert.equal(killed.success, false);
    assert.match(String(killed.return), /the job was stopped/);
    assert.deepEqual(pool.running(), []);
    assert.equal(pool.kill(long.jid), false);
  });
});
