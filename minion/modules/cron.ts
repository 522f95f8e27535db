// cron: manage users' crontabs the way Salt's cron module does, so the lines it writes
// (the managed-section marker, "# SALT_CRON_IDENTIFIER:<id>" comments) match Salt's.
import { pyStr } from '../../shared/output/py-str.js';
import { readCrontab, writeCrontab } from './cron/crontab.js';
import { jobMatches, needsChange, parseTab, renderTab, type CronJob, type CronTab, type SpecialJob } from './cron/tab.js';
import type { BoundArgs, ExecModule, ParamSpec } from './types.js';

const TIME_FIELDS = ['minute', 'hour', 'daymonth', 'month', 'dayweek'] as const;
const optional = (value: unknown): string | null => (value == null || value === '' ? null : pyStr(value));

async function listTab(user: string): Promise<CronTab> {
  return parseTab(await readCrontab(user));
}

/** Writes the tab and returns `status`, or crontab's error text when it refused it. */
async function commit(user: string, tab: CronTab, status: string): Promise<string> {
  return (await writeCrontab(user, renderTab(tab))) || status;
}

/**
 * Adds or updates the job matching cmd and identifier in `jobs`: 'present' when it already
 * matches, 'updated' when it was replaced (keeping its comment and commented state unless
 * new ones are given), 'new' when added; or crontab's error text.
 */
async function setEntry<T extends CronJob | SpecialJob>(user: string, pick: (tab: CronTab) => T[], wanted: T): Promise<string> {
  const tab = await listTab(user);
  const jobs = pick(tab);
  const index = jobs.findIndex((job) => jobMatches(job, wanted.cmd, wanted.identifier));
  if (index < 0) {
    jobs.push(wanted);
    return commit(user, tab, 'new');
  }
  const current = jobs[index]!;
  const fields = Object.keys(wanted) as (keyof T)[];
  if (!fields.some((field) => needsChange(current[field], wanted[field]))) return 'present';
  jobs[index] = { ...wanted, comment: wanted.comment ?? current.comment, commented: wanted.commented ?? current.commented };
  return commit(user, tab, 'updated');
}

/** Removes the job matching cmd and identifier: 'removed', 'absent', or crontab's error text. */
async function rmEntry(user: string, pick: (tab: CronTab) => (CronJob | SpecialJob)[], cmd: string, identifier: string | null, also: (job: CronJob | SpecialJob) => boolean): Promise<string> {
  const tab = await listTab(user);
  const jobs = pick(tab);
  const index = jobs.findIndex((job) => jobMatches(job, cmd, identifier) && also(job));
  if (index < 0) return 'absent';
  jobs.splice(index, 1);
  return commit(user, tab, 'removed');
}

const JOB_PARAMS: ParamSpec[] = [{ name: 'commented', default: false }, { name: 'comment', default: null }, { name: 'identifier', default: null }];

function timeFields(a: BoundArgs): Pick<CronJob, (typeof TIME_FIELDS)[number]> {
  const [minute, hour, daymonth, month, dayweek] = TIME_FIELDS.map((f) => pyStr(a[f]).toLowerCase()) as [string, string, string, string, string];
  return { minute, hour, daymonth, month, dayweek };
}

const rmJob = {
  doc: 'Remove the job running cmd (or with identifier) from the user\'s crontab; given time fields must match too. Return removed or absent.',
  params: [{ name: 'user' }, { name: 'cmd' }, ...TIME_FIELDS.map((name) => ({ name, default: null })), { name: 'identifier', default: null }],
  run: (_ctx: unknown, a: BoundArgs) =>
    rmEntry(pyStr(a.user), (t) => t.crons, pyStr(a.cmd), optional(a.identifier), (job) => TIME_FIELDS.every((f) => a[f] == null || String((job as CronJob)[f]) === pyStr(a[f]))),
};

export const cronModule: ExecModule = {
  name: 'cron',
  doc: 'Manage users\' crontabs, marking the jobs it manages as Salt does.',
  functions: {
    raw_cron: { doc: 'Return the user\'s crontab text.', params: [{ name: 'user' }], run: (_ctx, a) => readCrontab(pyStr(a.user)) },
    list_tab: { doc: 'Return the user\'s crontab as {pre, crons, special, env}.', params: [{ name: 'user' }], run: (_ctx, a) => listTab(pyStr(a.user)) },
    ls: { doc: 'Alias of cron.list_tab.', params: [{ name: 'user' }], run: (_ctx, a) => listTab(pyStr(a.user)) },
    set_job: {
      doc: 'Add or update the job running cmd at minute hour daymonth month dayweek in the user\'s crontab (comment, commented, identifier); return new, updated or present.',
      params: [{ name: 'user' }, ...TIME_FIELDS.map((name) => ({ name })), { name: 'cmd' }, ...JOB_PARAMS],
      run: (_ctx, a) => setEntry<CronJob>(pyStr(a.user), (t) => t.crons, {
        ...timeFields(a), cmd: pyStr(a.cmd), identifier: optional(a.identifier), comment: optional(a.comment), commented: a.commented === true,
      }),
    },
    set_special: {
      doc: 'Add or update the job running cmd at special (@reboot, @daily...) in the user\'s crontab; return new, updated or present.',
      params: [{ name: 'user' }, { name: 'special' }, { name: 'cmd' }, ...JOB_PARAMS],
      run: (_ctx, a) => setEntry<SpecialJob>(pyStr(a.user), (t) => t.special, {
        spec: pyStr(a.special), cmd: pyStr(a.cmd), identifier: optional(a.identifier), comment: optional(a.comment), commented: a.commented === true,
      }),
    },
    rm_job: rmJob,
    rm: { ...rmJob, doc: 'Alias of cron.rm_job.' },
    rm_special: {
      doc: 'Remove the @special job running cmd (or with identifier) from the user\'s crontab; return removed or absent.',
      params: [{ name: 'user' }, { name: 'cmd' }, { name: 'special', default: null }, { name: 'identifier', default: null }],
      run: (_ctx, a) => rmEntry(pyStr(a.user), (t) => t.special, pyStr(a.cmd), optional(a.identifier), (job) => a.special == null || (job as SpecialJob).spec === pyStr(a.special)),
    },
  },
};
