// The schedule execution module against a real Scheduler (the one the minion daemon keeps):
// Salt's wording and shapes for list, add, modify, delete, purge, enable/disable, run_job.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { scheduleModule } from '../minion/modules/schedule.js';
import { Scheduler } from '../shared/schedule/scheduler.js';
import { moduleRunner } from './support/module-runner.js';

function setup() {
  const ran: string[] = [];
  const scheduler = new Scheduler({
    configured: { backup: { function: 'cmd.run', args: ['pg_dump appdb'], cron: '0 3 * * *' } },
    pillarSchedule: () => ({ highstate: { function: 'state.apply', minutes: 60, enabled: false } }),
    run: async (plan) => void ran.push(plan.name),
    log: pino({ level: 'silent' }),
  });
  const runner = moduleRunner([scheduleModule], { daemon: { schedule: (request) => scheduler.handle(request) } });
  const call = async (fun: string, arg: unknown[] = [], kwarg: Record<string, unknown> = {}) => (await runner.run(`schedule.${fun}`, arg, kwarg)).return;
  return { ran, call };
}

test('schedule.list prints the config and pillar jobs as YAML text, sorted, with enabled filled in', async () => {
  const { call } = setup();
  assert.equal(
    await call('list'),
    [
      'schedule:',
      '  backup:',
      '    args:',
      '    - pg_dump appdb',
      "    cron: 0 3 * * *",
      '    enabled: true',
      '    function: cmd.run',
      '  highstate:',
      '    enabled: false',
      '    function: state.apply',
      '    minutes: 60',
      '',
    ].join('\n'),
  );
  assert.deepEqual(Object.keys((await call('list', [], { return_yaml: false })) as object), ['backup', 'highstate']);
  assert.deepEqual(Object.keys((await call('list', [], { return_yaml: false, show_disabled: false })) as object), ['backup']);
  assert.deepEqual(Object.keys((await call('list', [], { return_yaml: false, where: 'pillar' })) as object), ['highstate']);
});

test('schedule.add builds the entry as Salt does (job_args, job_kwargs, defaults) and refuses a duplicate or a bad one', async () => {
  const { call } = setup();
  const added = await call('add', ['job2'], { function: 'cmd.run', job_args: ['date >> /tmp/date.log'], job_kwargs: { python_shell: true }, seconds: 60 });
  assert.deepEqual(added, { comment: 'Added job: job2 to schedule.', result: true, changes: { job2: 'added' } });
  assert.deepEqual(((await call('list', [], { return_yaml: false })) as Record<string, unknown>).job2, {
    function: 'cmd.run', seconds: 60, args: ['date >> /tmp/date.log'], kwargs: { python_shell: true }, maxrunning: 1, name: 'job2', enabled: true, jid_include: true,
  });
  assert.deepEqual(await call('add', ['job2'], { function: 'test.ping', seconds: 5 }), { comment: 'Job job2 already exists in schedule.', result: false, changes: {} });
  const bad = (await call('add', ['job3'], { function: 'test.ping', minutes: 'often' })) as { result: boolean; comment: string };
  assert.equal(bad.result, false);
  assert.match(bad.comment, /schedule job 'job3': 'minutes' must be a number of minutes/);
});

test('schedule.modify merges the new options and reports old and new; pillar jobs are the pillar\'s', async () => {
  const { call } = setup();
  const modified = (await call('modify', ['backup'], { cron: '0 4 * * *' })) as { comment: string; changes: Record<string, { old: unknown; new: { cron: string } }> };
  assert.equal(modified.comment, 'Modified job: backup in schedule.');
  assert.equal(modified.changes.backup?.new.cron, '0 4 * * *');
  assert.deepEqual(await call('modify', ['backup'], { cron: '0 4 * * *' }), { comment: 'Job backup in correct state', result: true, changes: {} });
  assert.deepEqual(await call('modify', ['nope'], { seconds: 5 }), { comment: 'Job nope does not exist in schedule.', result: false, changes: {} });
  assert.equal(((await call('modify', ['highstate'], { minutes: 5 })) as { result: boolean }).result, false);
  assert.deepEqual(await call('delete', ['highstate']), { comment: "Cannot delete job highstate, it's in the pillar!", result: false, changes: {} });
});

test('schedule.delete and schedule.purge remove config jobs and keep pillar jobs', async () => {
  const { call } = setup();
  await call('add', ['job2'], { function: 'test.ping', seconds: 60 });
  assert.deepEqual(await call('delete', ['job2']), { comment: 'Deleted Job job2 from schedule.', result: true, changes: { job2: 'removed' } });
  assert.deepEqual(await call('delete', ['job2']), { comment: 'Job job2 does not exist.', result: false, changes: {} });
  assert.deepEqual(await call('purge'), { comment: ['Deleted job: backup from schedule.'], result: true, changes: { backup: 'removed' } });
  assert.deepEqual(Object.keys((await call('list', [], { return_yaml: false })) as object), ['highstate']);
});

test('enable/disable the scheduler and single jobs; is_enabled reports both', async () => {
  const { call } = setup();
  assert.equal(await call('is_enabled'), true);
  assert.deepEqual(await call('disable'), { comment: 'Disabled schedule on minion.', result: true, changes: { schedule: 'disabled' } });
  assert.equal(await call('is_enabled'), false);
  assert.equal(((await call('list', [], { return_yaml: false })) as Record<string, unknown>).enabled, false);
  await call('enable');
  assert.equal(await call('is_enabled'), true);
  assert.deepEqual(await call('disable_job', ['backup']), { comment: 'Disabled Job backup in schedule.', result: true, changes: { backup: 'disabled' } });
  assert.equal(((await call('is_enabled', ['backup'])) as { enabled: boolean }).enabled, false);
  assert.deepEqual(await call('enable_job', ['highstate']), { comment: 'Enabled Job highstate in schedule.', result: true, changes: { highstate: 'enabled' } });
  assert.deepEqual(await call('enable_job', ['nope']), { comment: 'Job nope does not exist.', result: false, changes: {} });
  assert.deepEqual(await call('is_enabled', ['nope']), {});
});

test('schedule.run_job starts a job now; a disabled one only with force=True', async () => {
  const { call, ran } = setup();
  assert.deepEqual(await call('run_job', ['backup']), { comment: 'Scheduling Job backup on minion.', result: true, changes: {} });
  assert.deepEqual(await call('run_job', ['highstate']), { comment: 'Job highstate is disabled.', result: false, changes: {} });
  await call('run_job', ['highstate'], { force: true });
  assert.deepEqual(ran, ['backup', 'highstate']);
});

test('schedule functions without a minion daemon (salt-ts-call) say so', async () => {
  const outcome = await moduleRunner([scheduleModule]).run('schedule.list');
  assert.equal(outcome.success, false);
  assert.match(String(outcome.return), /this daemon has no scheduler/);
});
