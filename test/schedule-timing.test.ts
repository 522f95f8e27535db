// The scheduler's timing rules, on an injected clock: interval, cron, once, when, splay,
// range, run_on_start, maxrunning, enabled; and how schedule entries are checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { planOf, type JobPlan } from '../shared/schedule/item.js';
import { firstDue, inRange, nextDue, splayMs } from '../shared/schedule/timing.js';
import { parseTimeOfDay, parseWithFormat } from '../shared/schedule/clock-text.js';
import { Scheduler } from '../shared/schedule/scheduler.js';

const at = (h: number, m = 0, s = 0) => new Date(2026, 4, 1, h, m, s).getTime(); // 2026-05-01, local time
const plan = (entry: Record<string, unknown>): JobPlan => planOf('job1', { function: 'test.ping', ...entry });

test('an interval job is due at once when the scheduler takes it on, or one interval later with run_on_start False', () => {
  assert.equal(firstDue(plan({ seconds: 30 }), at(10)), at(10));
  assert.equal(firstDue(plan({ seconds: 30, run_on_start: false }), at(10)), at(10, 0, 30));
  assert.equal(firstDue(plan({ minutes: 1, seconds: 30, run_on_start: false }), at(10)), at(10, 1, 30));
  assert.equal(firstDue(plan({ hours: 1, days: 1, run_on_start: false }), at(10)), at(10) + 25 * 3_600_000);
});

test('an interval keeps its cadence from the last due time, and does not catch up after a pause', () => {
  const { trigger } = plan({ seconds: 30 });
  assert.equal(nextDue(trigger, at(10), at(10, 0, 1)), at(10, 0, 30));
  assert.equal(nextDue(trigger, at(10), at(11)), at(11, 0, 30));
});

test('a cron job is due at the next time its expression matches', () => {
  const nightly = plan({ cron: '0 3 * * *' });
  assert.equal(firstDue(nightly, at(10)), new Date(2026, 4, 2, 3, 0, 0).getTime());
  assert.equal(nextDue(nightly.trigger, new Date(2026, 4, 2, 3).getTime(), new Date(2026, 4, 2, 3, 0, 1).getTime()), new Date(2026, 4, 3, 3).getTime());
  assert.equal(firstDue(plan({ cron: '*/5 * * * *' }), at(10, 1)), at(10, 5));
});

test('a once job is due at its time (in once_fmt), once, and never when that time has passed', () => {
  const once = plan({ once: '2026-05-01T12:30:00' });
  assert.equal(firstDue(once, at(10)), at(12, 30));
  assert.equal(nextDue(once.trigger, at(12, 30), at(12, 30, 1)), null);
  assert.equal(firstDue(once, at(13)), null);
  assert.equal(firstDue(plan({ once: '01/05/26 12:30', once_fmt: '%d/%m/%y %H:%M' }), at(10)), at(12, 30));
});

test('when takes times of day (next occurrence) and dates; the earliest still ahead is due', () => {
  const daily = plan({ when: ['5:00pm', '8:15am'] });
  assert.equal(firstDue(daily, at(10)), at(17));
  assert.equal(nextDue(daily.trigger, at(17), at(17, 0, 1)), new Date(2026, 4, 2, 8, 15).getTime());
  assert.equal(firstDue(plan({ when: '2026-05-01 11:00' }), at(10)), at(11));
});

test('splay delays each run by a random amount between its bounds', () => {
  assert.equal(splayMs(plan({ seconds: 60, splay: 10 }).splay, () => 0.5), 5000);
  assert.equal(splayMs(plan({ seconds: 60, splay: { start: 10, end: 20 } }).splay, () => 0), 10_000);
  assert.equal(splayMs(plan({ seconds: 60, splay: { start: 10, end: 20 } }).splay, () => 1), 20_000);
  assert.equal(splayMs(plan({ seconds: 60 }).splay, () => 0.9), 0);
});

test('range lets a job run only between start and end (or only outside with invert)', () => {
  const office = plan({ seconds: 60, range: { start: '8:00am', end: '5:00pm' } }).range;
  assert.equal(inRange(office, at(9)), true);
  assert.equal(inRange(office, at(18)), false);
  const night = plan({ seconds: 60, range: { start: '8:00am', end: '5:00pm', invert: true } }).range;
  assert.equal(inRange(night, at(9)), false);
  assert.equal(inRange(night, at(18)), true);
});

test('wrong entries are refused with the job and the option named', () => {
  const refused = (entry: Record<string, unknown>, pattern: RegExp) => assert.throws(() => planOf('backup', entry), pattern);
  refused({ seconds: 5 }, /schedule job 'backup': 'function' must name an execution function/);
  refused({ function: 'cmd.run' }, /backup.*needs one of 'seconds'/);
  refused({ function: 'cmd.run', seconds: 5, cron: '* * * * *' }, /'seconds', 'cron' cannot be used together/);
  refused({ function: 'cmd.run', cron: 'every night' }, /backup.*'cron' "every night"/);
  refused({ function: 'cmd.run', once: 'tomorrow' }, /does not match once_fmt '%Y-%m-%dT%H:%M:%S'/);
  refused({ function: 'cmd.run', when: 'Monday 5:00pm' }, /weekday names are not understood/);
  refused({ function: 'cmd.run', seconds: 5, range: { start: '5:00pm', end: '8:00am' } }, /'range: end' must be later/);
  refused({ function: 'cmd.run', seconds: 5, maxrunning: 0 }, /'maxrunning' must be a whole number above 0/);
  refused({ function: 'cmd.run', seconds: 5, args: 'ls' }, /'args' must be a list/);
});

test('Salt defaults: maxrunning 1, return_job, jid_include, enabled and run_on_start on', () => {
  const p = plan({ seconds: 5 });
  assert.deepEqual([p.maxrunning, p.return_job, p.jid_include, p.enabled, p.run_on_start], [1, true, true, true, true]);
});

test('clock texts: times of day and strptime formats', () => {
  assert.deepEqual(parseTimeOfDay('5:30pm'), { hour: 17, minute: 30, second: 0 });
  assert.deepEqual(parseTimeOfDay('12:00 AM'), { hour: 0, minute: 0, second: 0 });
  assert.deepEqual(parseTimeOfDay('8am'), { hour: 8, minute: 0, second: 0 });
  assert.equal(parseTimeOfDay('25:00'), null);
  assert.equal(parseTimeOfDay('17'), null);
  assert.equal(parseWithFormat('2026-02-30T00:00:00', '%Y-%m-%dT%H:%M:%S'), null);
});

/** A scheduler on a clock the test moves; runs are recorded and finish when the test says. */
function harness(configured: Record<string, unknown>, pillar: Record<string, unknown> = {}) {
  let now = at(10);
  const started: string[] = [];
  const finishers: Array<() => void> = [];
  const scheduler = new Scheduler({
    configured,
    pillarSchedule: () => pillar.schedule,
    run: (p) => {
      started.push(p.name);
      return new Promise<void>((resolve) => finishers.push(resolve));
    },
    log: pino({ level: 'silent' }),
    now: () => now,
    random: () => 0,
  });
  const advance = async (ms: number) => {
    now += ms;
    scheduler.tick();
    await new Promise((r) => setImmediate(r));
  };
  const finishAll = async () => {
    finishers.splice(0).forEach((f) => f());
    await new Promise((r) => setImmediate(r));
  };
  return { scheduler, started, advance, finishAll };
}

test('maxrunning holds: a job still running is not started again; it is once it has finished', async () => {
  const h = harness({ slow: { function: 'test.sleep', args: [10], seconds: 2 } });
  h.scheduler.tick();
  assert.deepEqual(h.started, ['slow']);
  await h.advance(2000);
  await h.advance(2000);
  assert.deepEqual(h.started, ['slow']);
  await h.finishAll();
  await h.advance(2000);
  assert.deepEqual(h.started, ['slow', 'slow']);
});

test('maxrunning 2 lets two runs overlap; jid_include False does not count at all', async () => {
  const two = harness({ slow: { function: 'test.sleep', seconds: 1, maxrunning: 2 } });
  two.scheduler.tick();
  for (let i = 0; i < 4; i++) await two.advance(1000);
  assert.equal(two.started.length, 2);
  const uncounted = harness({ slow: { function: 'test.sleep', seconds: 1, jid_include: false } });
  uncounted.scheduler.tick();
  for (let i = 0; i < 3; i++) await uncounted.advance(1000);
  assert.equal(uncounted.started.length, 4);
});

test('disable_job stops a job, enable_job resumes it on its cadence; schedule.disable stops them all', async () => {
  const h = harness({ tick: { function: 'test.ping', seconds: 1 }, other: { function: 'test.ping', seconds: 1 } });
  h.scheduler.tick();
  await h.finishAll();
  assert.deepEqual(h.started.sort(), ['other', 'tick']);
  h.started.length = 0;
  h.scheduler.handle({ action: 'disable_job', name: 'tick' });
  await h.advance(1000);
  await h.finishAll();
  assert.deepEqual(h.started, ['other']);
  assert.equal(h.scheduler.snapshot().jobs.tick && (h.scheduler.snapshot().jobs.tick as { enabled: boolean }).enabled, false);
  h.scheduler.handle({ action: 'enable_job', name: 'tick' });
  h.scheduler.handle({ action: 'disable' });
  h.started.length = 0;
  await h.advance(1000);
  assert.deepEqual(h.started, []);
  assert.equal(h.scheduler.snapshot().enabled, false);
  h.scheduler.handle({ action: 'enable' });
  await h.advance(1000);
  assert.deepEqual(h.started.sort(), ['other', 'tick']);
});

test('pillar jobs run beside config jobs, cannot be deleted through the module, and the pillar can switch the scheduler off', async () => {
  const pillar: Record<string, unknown> = { schedule: { fromPillar: { function: 'test.ping', seconds: 1 } } };
  const h = harness({}, pillar);
  h.scheduler.tick();
  await h.advance(1000);
  assert.deepEqual(h.started, ['fromPillar']);
  assert.deepEqual(h.scheduler.snapshot().pillar, ['fromPillar']);
  assert.throws(() => h.scheduler.handle({ action: 'delete', name: 'fromPillar' }), /comes from the pillar/);
  pillar.schedule = { enabled: false, fromPillar: { function: 'test.ping', seconds: 1 } };
  assert.equal(h.scheduler.snapshot().enabled, false);
});

test('add, modify (new timing starts afresh), run_job and delete through requests', async () => {
  const h = harness({});
  h.scheduler.handle({ action: 'add', name: 'job1', entry: { function: 'test.ping', seconds: 60, run_on_start: false } });
  h.scheduler.tick();
  await h.advance(1000);
  assert.deepEqual(h.started, []);
  h.scheduler.handle({ action: 'run_job', name: 'job1' });
  assert.deepEqual(h.started, ['job1']);
  await h.finishAll();
  h.scheduler.handle({ action: 'modify', name: 'job1', entry: { function: 'test.ping', seconds: 1 } });
  h.scheduler.tick();
  await h.advance(1000);
  assert.deepEqual(h.started, ['job1', 'job1']);
  assert.throws(() => h.scheduler.handle({ action: 'add', name: 'bad', entry: { function: 'test.ping' } }), /schedule job 'bad'/);
  h.scheduler.handle({ action: 'delete', name: 'job1' });
  assert.deepEqual(h.scheduler.snapshot().jobs, {});
});

test('a job runs inside its range and is skipped outside it', async () => {
  const h = harness({ office: { function: 'test.ping', minutes: 30, range: { start: '8:00am', end: '10:45am' } } });
  h.scheduler.tick(); // 10:00, on start
  await h.finishAll();
  await h.advance(30 * 60_000); // 10:30
  await h.finishAll();
  await h.advance(30 * 60_000); // 11:00, outside
  assert.deepEqual(h.started, ['office', 'office']);
});
