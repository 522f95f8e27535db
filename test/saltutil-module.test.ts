import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { daemonHandler, type RunningJob } from '../minion/jobs/daemon-requests.js';
import { executeTask, type JobTask } from '../minion/jobs/execute.js';
import { WorkerPool } from '../minion/jobs/pool.js';
import { ModuleRegistry } from '../minion/modules/registry.js';
import { saltutilModule } from '../minion/modules/saltutil.js';
import { loadMinionConfig } from '../shared/config/load.js';
import { moduleRunner } from './support/module-runner.js';

const ASKING_JID = '20240101120000000001';
const job = (jid: string, fun: string): RunningJob => ({
  jid, fun, arg: [], pid: 4242, tgt: 'web1', tgt_type: 'glob', user: 'tester', started: '2024-01-01T12:00:00.000Z',
});

describe('saltutil with a stand-in daemon', () => {
  const jobs = [job(ASKING_JID, 'saltutil.running'), job('20240101115959000001', 'test.sleep')];
  let refreshes = 0;
  const killed: string[] = [];
  const runner = moduleRunner([saltutilModule], {
    daemon: {
      running: () => jobs,
      find: (jid) => jobs.find((j) => j.jid === jid) ?? null,
      kill: (jid) => (jid === '20240101115959000001' ? false : (killed.push(jid), true)),
      refreshGrains: async () => void refreshes++,
    },
  });
  const run = async (fun: string, arg: unknown[] = []) => (await runner.run(`saltutil.${fun}`, arg, {}, {}, ASKING_JID)).return;

  test('refresh_grains asks the daemon and returns True', async () => {
    assert.equal(await run('refresh_grains'), true);
    assert.equal(refreshes, 1);
  });

  test('running lists the other jobs, not the one asking', async () => {
    assert.deepEqual(await run('running'), [jobs[1]]);
  });

  test('find_job returns the job, or {} when it is not running (or is the job asking)', async () => {
    assert.deepEqual(await run('find_job', ['20240101115959000001']), jobs[1]);
    assert.deepEqual(await run('find_job', ['20990101000000000000']), {});
    assert.deepEqual(await run('find_job', [ASKING_JID]), {});
  });

  test("kill_job returns '' for a job that is not running", async () => {
    assert.equal(await run('kill_job', ['20990101000000000000']), '');
    assert.deepEqual(killed, []);
  });

  test('kill_job reports a job that ended before it could be killed as Salt does', async () => {
    assert.equal(await run('kill_job', ['20240101115959000001']), 'Job 20240101115959000001 was not running and job data has been cleaned up');
  });
});

let jidCounter = 0;
const task = (fun: string, arg: unknown[] = []): JobTask => ({
  jid: `2024010113000000${String(++jidCounter).padStart(4, '0')}`,
  id: 'web1', fun, arg, kwarg: {}, grains: {}, tgt: 'web1', tgt_type: 'glob', user: 'tester',
});

describe('saltutil against the real worker pool', () => {
  const opts = loadMinionConfig(mkdtempSync(join(tmpdir(), 'salt-ts-saltutil-')), () => undefined);
  const daemon = daemonHandler({ running: () => pool.running(), find: (jid) => pool.find(jid), kill: (jid) => pool.kill(jid), refreshGrains: async () => undefined });
  const pool: WorkerPool = new WorkerPool(opts, daemon);
  after(() => pool.close());
  // The saltutil job runs here, against the same daemon services a worker reaches.
  const env = { registry: new ModuleRegistry([saltutilModule]), opts, daemon };

  test('running and find_job see a long job in the pool; kill_job stops it', async () => {
    const long = task('test.sleep', [30]);
    const outcome = pool.run(long);
    const running = (await executeTask(env, task('saltutil.running'))).return as RunningJob[];
    assert.deepEqual(running.map((j) => [j.jid, j.fun, j.arg, j.pid, j.user]), [[long.jid, 'test.sleep', [30], process.pid, 'tester']]);
    assert.equal(((await executeTask(env, task('saltutil.find_job', [long.jid]))).return as RunningJob).fun, 'test.sleep');
    assert.deepEqual((await executeTask(env, task('saltutil.kill_job', [long.jid]))).return, `Signal 9 sent to job ${long.jid} at pid ${process.pid}`);
    const killed = await outcome;
    assert.equal(killed.success, false);
    assert.match(String(killed.return), /the job was stopped/);
    assert.deepEqual((await executeTask(env, task('saltutil.find_job', [long.jid]))).return, {});
  });

  test('a saltutil job inside the pool sees the other job, not itself', async () => {
    const long = task('test.sleep', [30]);
    const outcome = pool.run(long);
    const running = (await pool.run(task('saltutil.running'))).return as RunningJob[];
    assert.deepEqual(running.map((j) => j.jid), [long.jid]);
    assert.equal((await pool.run(task('saltutil.kill_job', [long.jid]))).return, `Signal 9 sent to job ${long.jid} at pid ${process.pid}`);
    assert.match(String((await outcome).return), /the job was stopped/);
  });
});
