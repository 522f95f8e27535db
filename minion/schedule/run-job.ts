// Runs a due schedule job the way a published job runs (a worker of the pool, so it shows
// in saltutil.running), under a jid of its own, and sends its return to the master
// marked with the job's name as Salt does (`schedule: <name>`), unless return_job is off.
import type { JidGenerator } from '../../shared/jid.js';
import type { JobReturn } from '../../shared/protocol/messages.js';
import { sendReturn, type ReceiverDeps } from '../jobs/receive.js';
import type { JobPlan } from '../../shared/schedule/item.js';

/** Who a scheduled job runs for, in saltutil.running (Salt shows the job's schedule name there instead). */
const SCHEDULER_USER = 'Scheduler';

export function scheduledJobRunner(deps: ReceiverDeps & { jids: JidGenerator }): (plan: JobPlan) => Promise<void> {
  return async (plan) => {
    const jid = deps.jids.next();
    const call = { fun: plan.function, arg: plan.args, kwarg: plan.kwargs };
    deps.log.info(`running schedule job ${plan.name} as job ${jid}: ${plan.function}`);
    const outcome = await deps.pool.run({
      jid, id: deps.id, ...call, grains: deps.grains(), pillar: deps.pillar(), tgt: deps.id, tgt_type: 'glob', user: SCHEDULER_USER,
    });
    if (!plan.return_job) return;
    // Salt's fun_args of a scheduled job: its args, then its kwargs as one plain dict.
    const funArgs = Object.keys(plan.kwargs).length ? [...plan.args, plan.kwargs] : plan.args;
    const ret: JobReturn = { jid, fun: plan.function, fun_args: funArgs, ...outcome, schedule: plan.name };
    sendReturn(deps, ret);
  };
}
