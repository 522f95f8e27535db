// saltutil: the minion's running jobs, and refreshing what it reports about itself and its pillar.
import type { RunningJob } from '../jobs/daemon-requests.js';
import type { ExecContext, ExecModule } from './types.js';

// Salt's SIGKILL number, which kill_job reports sending.
const SIGKILL = 9;

/** The running jobs other than the one asking, as Salt leaves its own process out. */
async function otherJobs(ctx: ExecContext): Promise<RunningJob[]> {
  return (await ctx.daemon({ op: 'running' })).filter((job) => job.jid !== ctx.jid);
}

/** The running job with this jid, if any (never the job asking). */
async function findJob(ctx: ExecContext, jid: string): Promise<RunningJob | undefined> {
  return (await otherJobs(ctx)).find((job) => job.jid === jid);
}

export const saltutilModule: ExecModule = {
  name: 'saltutil',
  doc: 'Job control on the minion (running, find_job, kill_job) and refreshing its grains and pillar.',
  functions: {
    refresh_grains: {
      doc: 'Gather the grains again (after grains.setval or a change to the grains file) and report them to the master; return True.',
      run: (ctx) => ctx.daemon({ op: 'refresh_grains' }),
    },
    refresh_pillar: {
      doc: "Fetch this minion's pillar again from the master (or compile it from pillar_roots when masterless) for later jobs; return True.",
      params: [{ name: 'wait', default: false }, { name: 'timeout', default: 30 }, { name: 'clean_cache', default: true }],
      run: (ctx) => ctx.daemon({ op: 'refresh_pillar' }),
    },
    running: {
      doc: 'Return the data of every job running on the minion (jid, fun, arg, pid, tgt, tgt_type, user, started).',
      run: (ctx) => otherJobs(ctx),
    },
    find_job: {
      doc: "Return the data of the running job with the given jid, or {} when it is not running.",
      params: [{ name: 'jid' }],
      run: async (ctx, a) => (await findJob(ctx, String(a.jid))) ?? {},
    },
    kill_job: {
      doc: "Stop the running job with the given jid; return 'Signal 9 sent to job <jid> at pid <pid>', or '' when no such job runs.",
      params: [{ name: 'jid' }],
      run: async (ctx, a) => {
        const jid = String(a.jid);
        const job = await findJob(ctx, jid);
        if (!job) return '';
        // It may have finished between the lookup and the kill, which Salt reports this way.
        if (!(await ctx.daemon({ op: 'kill_job', jid }))) return `Job ${jid} was not running and job data has been cleaned up`;
        return `Signal ${SIGKILL} sent to job ${jid} at pid ${job.pid}`;
      },
    },
  },
};
