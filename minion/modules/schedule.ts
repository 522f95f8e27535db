// schedule: read and change the minion's scheduler (jobs it runs by itself), as Salt's
// schedule module does. The scheduler lives in the daemon; changes last until it restarts.
import { yamlOutputter } from '../../shared/output/yaml.js';
import type { ScheduleRequest, ScheduleSnapshot } from '../../shared/schedule/requests.js';
import { buildItem, entryChanges, listedEntry, problemOf } from './schedule/build-item.js';
import type { ExecContext, ExecModule } from './types.js';

interface Outcome {
  comment: string | string[];
  result: boolean;
  changes: Record<string, unknown>;
}

const ask = async (ctx: ExecContext, request: ScheduleRequest): Promise<ScheduleSnapshot> => ctx.daemon({ op: 'schedule', request });

const failed = (comment: string): Outcome => ({ comment, result: false, changes: {} });

/** The schedule as Salt's schedule.list(return_yaml=False) gives it; `where` 'pillar' or 'opts' keeps the jobs from there. */
function listing(snapshot: ScheduleSnapshot, showAll: boolean, showDisabled: boolean, where: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = snapshot.enabled ? {} : { enabled: false };
  for (const [name, entry] of Object.entries(snapshot.jobs)) {
    if (name.startsWith('__') && !showAll) continue; // Salt's own jobs are hidden unless show_all
    if ((where === 'pillar' || where === 'opts') && snapshot.pillar.includes(name) !== (where === 'pillar')) continue;
    const listed = listedEntry(entry);
    if (!showDisabled && (listed as Record<string, unknown>)?.enabled === false) continue;
    out[name] = listed;
  }
  return out;
}

/** Changes job `name` (which must exist and not come from the pillar) with one request. */
async function changeJob(ctx: ExecContext, name: string, request: ScheduleRequest, done: Outcome): Promise<Outcome> {
  const before = await ask(ctx, { action: 'list' });
  if (!(name in before.jobs)) return failed(`Job ${name} does not exist.`);
  if (request.action === 'delete' && before.pillar.includes(name)) return failed(`Cannot delete job ${name}, it's in the pillar!`);
  await ask(ctx, request);
  return done;
}

export const scheduleModule: ExecModule = {
  name: 'schedule',
  doc: "Manage the minion's scheduler: list, add, modify, delete, enable and disable jobs, run one now.",
  functions: {
    list: {
      doc: "Return the jobs scheduled on the minion as YAML text (`schedule: ...`); return_yaml=False gives the data, show_disabled=False leaves disabled jobs out, where=pillar|opts keeps the pillar's or the config's.",
      params: [{ name: 'show_all', default: false }, { name: 'show_disabled', default: true }, { name: 'where', default: null }, { name: 'return_yaml', default: true }],
      run: async (ctx, a) => {
        const schedule = listing(await ask(ctx, { action: 'list' }), a.show_all === true, a.show_disabled !== false, a.where);
        if (Object.keys(schedule).length === 0) return { schedule: {} };
        return a.return_yaml === false ? schedule : yamlOutputter.format({ schedule }, { color: false });
      },
    },
    build_schedule_item: {
      doc: "Return the schedule entry that schedule.add would add for these keywords (function=, seconds=, job_args=, ...).",
      params: [{ name: 'name' }],
      varkw: true,
      run: (_ctx, a) => {
        const built = buildItem(String(a.name), a.kwargs ?? {});
        return 'entry' in built ? built.entry : failed(built.problem);
      },
    },
    add: {
      doc: "Add a job: schedule.add job1 function='cmd.run' job_args=\"['date >> /tmp/date.log']\" seconds=60 (not kept across a minion restart).",
      params: [{ name: 'name' }],
      varkw: true,
      run: async (ctx, a) => {
        const name = String(a.name);
        const built = buildItem(name, a.kwargs ?? {});
        if ('problem' in built) return failed(built.problem);
        if (name in (await ask(ctx, { action: 'list' })).jobs) return failed(`Job ${name} already exists in schedule.`);
        await ask(ctx, { action: 'add', name, entry: built.entry });
        return { comment: `Added job: ${name} to schedule.`, result: true, changes: { [name]: 'added' } };
      },
    },
    modify: {
      doc: 'Change options of a job that schedule.add or the minion config added: schedule.modify job1 function=test.ping seconds=3600.',
      params: [{ name: 'name' }],
      varkw: true,
      run: async (ctx, a) => {
        const name = String(a.name);
        const snapshot = await ask(ctx, { action: 'list' });
        const current = snapshot.jobs[name] as Record<string, unknown> | undefined;
        if (!current) return failed(`Job ${name} does not exist in schedule.`);
        if (snapshot.pillar.includes(name)) return failed(`Cannot modify job ${name}, it's in the pillar!`);
        const entry = { ...current, ...entryChanges(a.kwargs ?? {}) };
        if (JSON.stringify(entry) === JSON.stringify(current)) return { comment: `Job ${name} in correct state`, result: true, changes: {} };
        const problem = problemOf(name, entry);
        if (problem) return failed(problem);
        await ask(ctx, { action: 'modify', name, entry });
        return { comment: `Modified job: ${name} in schedule.`, result: true, changes: { [name]: { old: current, new: entry } } };
      },
    },
    delete: {
      doc: "Delete a job from the minion's schedule: schedule.delete job1.",
      params: [{ name: 'name' }],
      varkw: true,
      run: (ctx, a) => {
        const name = String(a.name);
        return changeJob(ctx, name, { action: 'delete', name }, { comment: `Deleted Job ${name} from schedule.`, result: true, changes: { [name]: 'removed' } });
      },
    },
    purge: {
      doc: "Delete every job from the minion's schedule except those the pillar defines.",
      varkw: true,
      run: async (ctx) => {
        const before = await ask(ctx, { action: 'list' });
        const names = Object.keys(before.jobs).filter((name) => !before.pillar.includes(name) && !name.startsWith('__'));
        await ask(ctx, { action: 'purge' });
        return {
          comment: names.map((name) => `Deleted job: ${name} from schedule.`),
          result: true,
          changes: Object.fromEntries(names.map((name) => [name, 'removed'])),
        };
      },
    },
    enable_job: {
      doc: "Enable a job in the minion's schedule: schedule.enable_job job1.",
      params: [{ name: 'name' }],
      varkw: true,
      run: (ctx, a) => {
        const name = String(a.name);
        return changeJob(ctx, name, { action: 'enable_job', name }, { comment: `Enabled Job ${name} in schedule.`, result: true, changes: { [name]: 'enabled' } });
      },
    },
    disable_job: {
      doc: "Disable a job in the minion's schedule (it stays listed, and does not run): schedule.disable_job job1.",
      params: [{ name: 'name' }],
      varkw: true,
      run: (ctx, a) => {
        const name = String(a.name);
        return changeJob(ctx, name, { action: 'disable_job', name }, { comment: `Disabled Job ${name} in schedule.`, result: true, changes: { [name]: 'disabled' } });
      },
    },
    enable: {
      doc: 'Enable the whole scheduler on the minion.',
      varkw: true,
      run: async (ctx) => {
        await ask(ctx, { action: 'enable' });
        return { comment: 'Enabled schedule on minion.', result: true, changes: { schedule: 'enabled' } };
      },
    },
    disable: {
      doc: 'Disable the whole scheduler on the minion: no job runs until schedule.enable.',
      varkw: true,
      run: async (ctx) => {
        await ask(ctx, { action: 'disable' });
        return { comment: 'Disabled schedule on minion.', result: true, changes: { schedule: 'disabled' } };
      },
    },
    run_job: {
      doc: 'Run a scheduled job now, whatever its timing (force=True runs a disabled one too): schedule.run_job job1.',
      params: [{ name: 'name' }, { name: 'force', default: false }],
      run: async (ctx, a) => {
        const name = String(a.name);
        const entry = (await ask(ctx, { action: 'list' })).jobs[name] as Record<string, unknown> | undefined;
        if (!entry) return failed(`Job ${name} does not exist.`);
        if (entry.enabled === false && a.force !== true) return failed(`Job ${name} is disabled.`);
        await ask(ctx, { action: 'run_job', name });
        return { comment: `Scheduling Job ${name} on minion.`, result: true, changes: {} };
      },
    },
    is_enabled: {
      doc: 'With a job name, return that job (or {} when there is none); without one, whether the scheduler is enabled.',
      params: [{ name: 'name', default: null }],
      run: async (ctx, a) => {
        const snapshot = await ask(ctx, { action: 'list' });
        if (a.name === null || a.name === undefined) return snapshot.enabled;
        return listedEntry(snapshot.jobs[String(a.name)]) ?? {};
      },
    },
  },
};
