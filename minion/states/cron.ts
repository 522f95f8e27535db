// cron: keep jobs in users' crontabs, or out of them (Salt's states/cron.py), through the
// cron execution module, which marks each job with "# SALT_CRON_IDENTIFIER:<id>".
import type { StateArgs, StateContext, StateModule, StateReturn } from '../../shared/state/types.js';
import { jobMatches, needsChange, type CronTab } from '../modules/cron/tab.js';
import { pyStr } from '../../shared/output/py-str.js';
import { errorText, fail, optionalText, startReturn, truthy } from '../../shared/state/state-return.js';

const TIME_FIELDS = ['minute', 'hour', 'daymonth', 'month', 'dayweek'] as const;

interface Job {
  user: string;
  cmd: string;
  identifier: string;
  special: string | null;
  comment: string | null;
  commented: boolean;
  time: Record<(typeof TIME_FIELDS)[number], string>;
}

function jobOf(args: StateArgs): Job {
  const cmd = args.name.trim();
  return {
    user: optionalText(args.user) ?? 'root',
    cmd,
    // Without an identifier the command identifies the job, as in Salt.
    identifier: args.identifier == null || args.identifier === false || args.identifier === '' ? cmd : pyStr(args.identifier),
    special: optionalText(args.special),
    comment: optionalText(args.comment),
    commented: truthy(args.commented),
    time: Object.fromEntries(TIME_FIELDS.map((f) => [f, args[f] == null ? '*' : pyStr(args[f]).toLowerCase()])) as Job['time'],
  };
}

/** Salt's _check_cron: 'present', 'update' or 'absent' for the job in the user's crontab. */
async function check(ctx: StateContext, job: Job, timesToo: boolean): Promise<'present' | 'update' | 'absent'> {
  const tab = (await ctx.call('cron.list_tab', [job.user])) as CronTab;
  const entries = job.special === null ? tab.crons : tab.special;
  const found = entries.find((e) => jobMatches(e, job.cmd, job.identifier));
  if (!found) return 'absent';
  if (!timesToo) return 'present';
  const pairs: [unknown, unknown][] = [
    ...(job.special === null ? TIME_FIELDS.map((f) => [(found as unknown as Record<string, unknown>)[f], job.time[f]] as [unknown, unknown]) : [[(found as { spec: string }).spec, job.special] as [unknown, unknown]]),
    [found.identifier, job.identifier], [found.cmd, job.cmd], [found.comment, job.comment], [found.commented, job.commented],
  ];
  return pairs.some(([current, wanted]) => needsChange(current, wanted)) ? 'update' : 'present';
}

async function present(ctx: StateContext, args: StateArgs): Promise<StateReturn> {
  const job = jobOf(args);
  const ret = startReturn(job.cmd);
  try {
    if (ctx.test) {
      const status = await check(ctx, job, true);
      if (status === 'present') return Object.assign(ret, { comment: `Cron ${job.cmd} already present` });
      return Object.assign(ret, { result: null, comment: status === 'absent' ? `Cron ${job.cmd} is set to be added` : `Cron ${job.cmd} is set to be updated` });
    }
    const common = { comment: job.comment, commented: job.commented, identifier: job.identifier };
    const data = job.special === null
      ? await ctx.call('cron.set_job', [job.user, ...TIME_FIELDS.map((f) => job.time[f]), job.cmd], common)
      : await ctx.call('cron.set_special', [job.user, job.special, job.cmd], common);
    if (data === 'present') return Object.assign(ret, { comment: `Cron ${job.cmd} already present` });
    if (data === 'new') return Object.assign(ret, { comment: `Cron ${job.cmd} added to ${job.user}'s crontab`, changes: { [job.user]: job.cmd } });
    if (data === 'updated') return Object.assign(ret, { comment: `Cron ${job.cmd} updated`, changes: { [job.user]: job.cmd } });
    return fail(ret, `Cron ${job.cmd} for user ${job.user} failed to commit with error \n${pyStr(data)}`);
  } catch (err) {
    return fail(ret, `Cron ${job.cmd} for user ${job.user} failed to commit with error \n${errorText(err)}`);
  }
}

async function absent(ctx: StateContext, args: StateArgs): Promise<StateReturn> {
  const job = jobOf(args);
  const ret = startReturn(job.cmd);
  try {
    if (ctx.test) {
      const status = await check(ctx, job, false);
      if (status === 'absent') return Object.assign(ret, { comment: `Cron ${job.cmd} is absent` });
      return Object.assign(ret, { result: null, comment: `Cron ${job.cmd} is set to be removed` });
    }
    const data = job.special === null
      ? await ctx.call('cron.rm_job', [job.user, job.cmd], { identifier: job.identifier })
      : await ctx.call('cron.rm_special', [job.user, job.cmd], { special: job.special, identifier: job.identifier });
    if (data === 'absent') return Object.assign(ret, { comment: `Cron ${job.cmd} already absent` });
    if (data === 'removed') return Object.assign(ret, { comment: `Cron ${job.cmd} removed from ${job.user}'s crontab`, changes: { [job.user]: job.cmd } });
    return fail(ret, `Cron ${job.cmd} for user ${job.user} failed to commit with error ${pyStr(data)}`);
  } catch (err) {
    return fail(ret, `Cron ${job.cmd} for user ${job.user} failed to commit with error ${errorText(err)}`);
  }
}

export const cronStates: StateModule = {
  name: 'cron',
  doc: "Keep jobs in users' crontabs, or out of them.",
  functions: {
    present: {
      doc: "Keep the job `name` (a command) in `user`'s crontab (default root) at minute, hour, daymonth, month, dayweek (default *), or at `special` (@reboot, @daily...); identifier (default the command), comment, commented.",
      run: present,
    },
    absent: { doc: "Remove the job `name` (or the one with `identifier`) from `user`'s crontab; `special` for an @special job.", run: absent },
  },
};
