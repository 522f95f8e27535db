// The master's scheduler (Salt's master schedule): `schedule:` in the master config runs
// runner functions on the master (jobs.list_jobs, state.orchestrate, ...) when they are due.
import type { NatsConnection } from '@nats-io/transport-node';
import type { MasterConfig } from '../../shared/config/load.js';
import type { Logger } from '../../shared/log.js';
import type { JobPlan } from '../../shared/schedule/item.js';
import { Scheduler } from '../../shared/schedule/scheduler.js';
import { requireRunner } from '../runners/registry.js';

export interface MasterScheduleDeps {
  config: MasterConfig;
  nc: NatsConnection;
  log: Logger;
}

export function startMasterSchedule(deps: MasterScheduleDeps): Scheduler {
  const scheduler = new Scheduler({ configured: deps.config.schedule, pillarSchedule: () => undefined, run: runnerJob(deps), log: deps.log });
  scheduler.start();
  return scheduler;
}

/** Runs the plan's runner with its args and kwargs; a failing runner is logged with its result. */
function runnerJob(deps: MasterScheduleDeps): (plan: JobPlan) => Promise<void> {
  return async (plan) => {
    const runner = requireRunner(plan.function, `master schedule job '${plan.name}'`);
    deps.log.info(`master schedule job ${plan.name}: running ${plan.function}`);
    const result = await runner.run({ config: deps.config, nc: deps.nc, args: { arg: plan.args, kwarg: plan.kwargs } });
    if ((runner.retcode?.(result) ?? 0) > 0) deps.log.error(`master schedule job ${plan.name}: ${plan.function} failed: ${JSON.stringify(result)}`);
    else deps.log.info(`master schedule job ${plan.name}: ${plan.function} finished`);
  };
}
