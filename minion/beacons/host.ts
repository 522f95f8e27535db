// What beacons get from the daemon: execution functions run in the daemon's own process
// (service.status, supervisord.status, status.*: quick, and never blocking, as they wait
// on child processes or files) and the daemon's logger.
import type { MinionConfig } from '../../shared/config/load.js';
import type { Logger } from '../../shared/log.js';
import type { Pillar } from '../../shared/pillar/types.js';
import type { Grains } from '../grains/core.js';
import type { DaemonHandler } from '../jobs/daemon-requests.js';
import { executeTask, type ExecEnvironment } from '../jobs/execute.js';
import type { BeaconHost } from './types.js';

export interface BeaconHostDeps {
  id: string;
  opts: MinionConfig;
  grains(): Grains;
  pillar(): Pillar;
  daemon: DaemonHandler;
  log: Logger;
}

export function beaconHost(deps: BeaconHostDeps): BeaconHost {
  let env: Promise<ExecEnvironment> | null = null;
  // The module registry is loaded on the first call, so a minion without such beacons never loads it.
  const environment = () =>
    (env ??= import('../modules/registry.js').then(({ ModuleRegistry }) => ({ registry: new ModuleRegistry(), opts: deps.opts, daemon: deps.daemon })));
  return {
    log: deps.log,
    async call(fun, arg = [], kwarg = {}) {
      const outcome = await executeTask(await environment(), {
        jid: 'beacon', id: deps.id, fun, arg, kwarg, grains: deps.grains(), pillar: deps.pillar(), tgt: deps.id, tgt_type: 'glob', user: 'root',
      });
      if (!outcome.success) throw new Error(`${fun}: ${String(outcome.return)}`);
      return outcome.return;
    },
  };
}
