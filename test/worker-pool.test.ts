import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkerPool } from '../minion/jobs/pool.js';
import type { JobTask } from '../minion/jobs/execute.js';

let jidCounter = 0;
const task = (fun: string, arg: unknown[] = [], kwarg: Record<string, unknown> = {}): JobTask => ({
  jid: `2024010112000000${String(++jidCounter).padStart(4, '0')}`,
  id: 'web1',
  fun,
  arg,
  kwarg,
  grains: {},
});

describe('WorkerPool', () => {
  const pool = new WorkerPool();
  after(() => pool.close());

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
