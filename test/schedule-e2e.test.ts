// End to end with a real master and minion: jobs from `schedule:` in the minion config
// run by themselves, reach the master's job cache, obey maxrunning, and the schedule
// module changes them through salt-ts.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect, nkeyAuthenticator } from '@nats-io/transport-node';
import { JidGenerator } from '../shared/jid.js';
import { Inboxes, Subjects } from '../shared/protocol/subjects.js';
import { returnsOf } from './support/returns.js';
import { useFleet } from './support/cluster.js';

const ID = 'sched1';
const logs = mkdtempSync(join(tmpdir(), 'salt-ts-schedule-logs-'));
const TICK_LOG = join(logs, 'tick.log');
const SLOW_LOG = join(logs, 'slow.log');
after(() => rmSync(logs, { recursive: true, force: true }));

const fleet = useFleet('schedule', [
  {
    id: ID,
    options: {
      schedule: {
        tick: { function: 'cmd.run', args: [`echo tick >> ${TICK_LOG}; echo ran`], kwargs: { python_shell: true }, seconds: 2 },
        // Runs every second but takes three: with maxrunning 1 it never overlaps itself.
        slow: { function: 'cmd.run', args: [`echo start >> ${SLOW_LOG}; sleep 3; echo end >> ${SLOW_LOG}`], kwargs: { python_shell: true }, seconds: 1, maxrunning: 1 },
      },
    },
  },
]);

const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 20_000): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(200)) {
    const value = await probe();
    if (value !== undefined) return value;
  }
  return assert.fail(`timed out waiting for ${what}`);
}

async function run(bin: 'salt-ts' | 'salt-ts-run', args: string[]): Promise<unknown> {
  const res = await fleet().cli(bin, [...args, '--out', 'json']);
  assert.equal(res.code, 0, `${bin} ${args.join(' ')}: ${res.stderr}${res.stdout}`);
  return bin === 'salt-ts' ? returnsOf(res.stdout)[ID] : JSON.parse(res.stdout);
}

type JobList = Record<string, { Function: string; User: string; Target: string; Arguments: unknown[] }>;

describe('the minion scheduler', () => {
  test('a scheduled cmd.run runs every 2 s and lands in the job cache: jobs.list_jobs lists it, jobs.lookup_jid prints it', async () => {
    await until('two ticks', () => (lines(TICK_LOG).length >= 2 ? true : undefined));
    const [jid, job] = await until('the tick job in jobs.list_jobs', async () => {
      const jobs = (await run('salt-ts-run', ['jobs.list_jobs'])) as JobList;
      return Object.entries(jobs).find(([, j]) => j.Function === 'cmd.run' && String(j.Arguments[0]).includes('tick.log'));
    });
    assert.equal(job.User, 'root');
    assert.equal(job.Target, ID);
    assert.deepEqual(await run('salt-ts-run', ['jobs.lookup_jid', jid]), { [ID]: 'ran' });
  });

  test('maxrunning 1: a job that outlasts its interval never runs twice at once', async () => {
    await until('three runs of the slow job', () => (lines(SLOW_LOG).filter((l) => l === 'start').length >= 3 ? true : undefined), 30_000);
    const log = lines(SLOW_LOG);
    log.forEach((line, i) => assert.equal(line, i % 2 === 0 ? 'start' : 'end', `line ${i + 1} of ${SLOW_LOG}: ${log.join(',')}`));
  });

  test('a scheduled job runs in the worker pool: saltutil.running shows it, run by Scheduler, once', async () => {
    type Running = Array<{ fun: string; arg: unknown[]; user: string; tgt: string }>;
    const slow = await until('the slow job in saltutil.running', async () => {
      const running = ((await run('salt-ts', [ID, 'saltutil.running'])) as Running).filter((j) => String(j.arg[0]).includes('slow.log'));
      return running.length ? running : undefined;
    });
    assert.equal(slow.length, 1);
    assert.deepEqual({ fun: slow[0]!.fun, user: slow[0]!.user, tgt: slow[0]!.tgt }, { fun: 'cmd.run', user: 'Scheduler', tgt: ID });
  });

  test('schedule.disable_job via salt-ts stops a job; schedule.list shows it disabled', async () => {
    const disabled = (await run('salt-ts', [ID, 'schedule.disable_job', 'tick'])) as Record<string, unknown>;
    assert.deepEqual(disabled, { comment: 'Disabled Job tick in schedule.', result: true, changes: { tick: 'disabled' } });
    await sleep(1000); // a run that had started finishes
    const before = lines(TICK_LOG).length;
    await sleep(5000);
    assert.equal(lines(TICK_LOG).length, before);
    const listed = (await run('salt-ts', [ID, 'schedule.list', 'return_yaml=False'])) as Record<string, { enabled: boolean }>;
    assert.equal(listed.tick?.enabled, false);
    assert.equal(listed.slow?.enabled, true);
  });

  test('schedule.add, schedule.list (YAML text) and schedule.delete via salt-ts', async () => {
    const added = await run('salt-ts', [ID, 'schedule.add', 'job1', 'function=test.ping', 'seconds=3600']);
    assert.deepEqual(added, { comment: 'Added job: job1 to schedule.', result: true, changes: { job1: 'added' } });
    const again = (await run('salt-ts', [ID, 'schedule.add', 'job1', 'function=test.ping', 'seconds=3600'])) as { comment: string };
    assert.equal(again.comment, 'Job job1 already exists in schedule.');
    const text = await run('salt-ts', [ID, 'schedule.list']);
    assert.equal(typeof text, 'string');
    assert.match(text as string, /^schedule:\n/);
    assert.match(text as string, /\n {2}job1:\n {4}enabled: true\n {4}function: test\.ping\n {4}jid_include: true\n {4}maxrunning: 1\n {4}name: job1\n {4}seconds: 3600\n/);
    const deleted = await run('salt-ts', [ID, 'schedule.delete', 'job1']);
    assert.deepEqual(deleted, { comment: 'Deleted Job job1 from schedule.', result: true, changes: { job1: 'removed' } });
    assert.doesNotMatch((await run('salt-ts', [ID, 'schedule.list'])) as string, /job1/);
    const missing = (await run('salt-ts', [ID, 'schedule.delete', 'job1'])) as { result: boolean; comment: string };
    assert.deepEqual(missing, { comment: 'Job job1 does not exist.', result: false, changes: {} });
  });

  test('schedule.add refuses an entry the scheduler could not run, naming the problem', async () => {
    const refused = (await run('salt-ts', [ID, 'schedule.add', 'job2', 'function=test.ping', 'seconds=60', 'cron=* * * * *'])) as { result: boolean; comment: string };
    assert.equal(refused.result, false);
    assert.match(refused.comment, /Unable to use "seconds", "minutes", "hours", or "days" with "when" or "cron" options/);
  });

  test('the master records a return for a job it never published only when it is marked scheduled', async () => {
    const seed = readFileSync(join(fleet().minionDir(ID), 'pki/minion.nkey'), 'utf8').trim();
    const nc = await connect({
      servers: `127.0.0.1:${fleet().port}`, authenticator: nkeyAuthenticator(new TextEncoder().encode(seed)), inboxPrefix: Inboxes.minion(ID), reconnect: false,
    });
    const jids = new JidGenerator();
    const [stranger, scheduled] = [jids.next(), jids.next()];
    try {
      const ret = (jid: string, extra: Record<string, unknown>) =>
        JSON.stringify({ jid, fun: 'test.echo', fun_args: ['hi'], return: `from ${jid}`, retcode: 0, success: true, ...extra });
      nc.publish(Subjects.returnFrom(ID, stranger), ret(stranger, {}));
      nc.publish(Subjects.returnFrom(ID, scheduled), ret(scheduled, { schedule: 'manual' }));
      await nc.flush();
    } finally {
      await nc.close();
    }
    await until('the scheduled return in the job cache', async () => {
      const found = (await run('salt-ts-run', ['jobs.lookup_jid', scheduled])) as Record<string, unknown>;
      return ID in found ? found : undefined;
    });
    const jobs = (await run('salt-ts-run', ['jobs.list_jobs'])) as JobList;
    assert.deepEqual({ fun: jobs[scheduled]?.Function, user: jobs[scheduled]?.User, target: jobs[scheduled]?.Target }, { fun: 'test.echo', user: 'root', target: ID });
    assert.equal(stranger in jobs, false);
    assert.deepEqual(await run('salt-ts-run', ['jobs.lookup_jid', stranger]), {});
  });
});
