// jobs: read the master's job cache, and ask minions what they are still running.
import { userInfo } from 'node:os';
import { jidStartTime } from '../../shared/jid.js';
import { SaltTsError } from '../../shared/errors.js';
import { JobCache, type JobLoad } from '../jobs/cache.js';
import { defaultOutputter } from '../../shared/output/for-function.js';
import { publishJob } from '../client/publish.js';
import type { RunnerContext, RunnerModule } from './types.js';

/** A job as Salt's jobs runner describes it. */
function describeJob(load: JobLoad): Record<string, unknown> {
  return {
    Arguments: load.arg,
    Function: load.fun,
    StartTime: jidStartTime(load.jid),
    Target: load.tgt,
    'Target-type': load.tgt_type,
    User: load.user,
  };
}

function jidArgument(ctx: RunnerContext): string {
  const jid = ctx.args.arg[0] ?? ctx.args.kwarg.jid;
  if (jid === undefined) throw new SaltTsError('SALTTS_BAD_ARGUMENT', 'a jid is required: salt-ts-run jobs.lookup_jid JID');
  return String(jid);
}

function cacheOf(ctx: RunnerContext): JobCache {
  return new JobCache(ctx.config.cachedir);
}

export const jobsRunner: RunnerModule = {
  name: 'jobs',
  functions: {
    list_jobs: {
      doc: 'List the jobs in the job cache with their function, arguments, target, user and start time.',
      run: async (ctx) => {
        const cache = cacheOf(ctx);
        const out: Record<string, unknown> = {};
        for (const jid of cache.jids()) {
          const load = cache.load(jid);
          if (load) out[jid] = describeJob(load);
        }
        return out;
      },
    },
    lookup_jid: {
      doc: "Return each minion's return of a job from the job cache: salt-ts-run jobs.lookup_jid JID.",
      // A state run or an orchestration prints as highstate results, as it did when it ran.
      outputter: (ctx) => {
        const fun = cacheOf(ctx).load(jidArgument(ctx))?.fun ?? '';
        return defaultOutputter(typeof fun === 'string' ? fun.replace(/^runner\./, '') : fun);
      },
      run: async (ctx) => {
        const returns = cacheOf(ctx).returns(jidArgument(ctx));
        return Object.fromEntries([...returns].map(([id, ret]) => [id, ret.return]));
      },
    },
    print_job: {
      doc: 'Return a job from the job cache: its description, minions and every return.',
      run: async (ctx) => {
        const jid = jidArgument(ctx);
        const cache = cacheOf(ctx);
        const load = cache.load(jid);
        if (!load) return {};
        const result = Object.fromEntries([...cache.returns(jid)].map(([id, ret]) => [id, { return: ret.return, retcode: ret.retcode, success: ret.success }]));
        return { [jid]: { ...describeJob(load), Minions: load.minions, Result: result } };
      },
    },
    active: {
      doc: 'Return the jobs still running on any minion (asks every minion with saltutil.running).',
      run: async (ctx) => {
        const job = await publishJob(ctx.nc, {
          tgt: '*', tgt_type: 'glob', fun: 'saltutil.running', arg: [], kwarg: {}, user: userInfo().username, timeout: ctx.config.timeout,
        });
        const cache = cacheOf(ctx);
        const active: Record<string, Record<string, unknown>> = {};
        for await (const ret of job.returns()) {
          if (!Array.isArray(ret.return)) continue;
          for (const proc of ret.return as Array<{ jid: string; pid: number }>) {
            const load = cache.load(proc.jid);
            const entry = (active[proc.jid] ??= {
              ...(load ? describeJob(load) : {}),
              Returned: load ? [...cache.returns(proc.jid).keys()] : [],
              Running: [],
            });
            (entry.Running as unknown[]).push({ [ret.id]: proc.pid });
          }
        }
        return active;
      },
    },
  },
};
