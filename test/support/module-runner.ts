// Running execution functions in tests the way a worker does: the real executeTask,
// a registry of the modules under test, a fresh config dir and a daemon stand-in.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Grains } from '../../minion/grains/core.js';
import { daemonHandler, type DaemonServices } from '../../minion/jobs/daemon-requests.js';
import { executeTask, type JobOutcome } from '../../minion/jobs/execute.js';
import { ModuleRegistry } from '../../minion/modules/registry.js';
import type { ExecModule } from '../../minion/modules/types.js';
import { loadMinionConfig, type MinionConfig } from '../../shared/config/load.js';

export interface ModuleRunner {
  opts: MinionConfig;
  /** Runs `fun` as job `jid` with these grains; the grains object is the job's own, as in a worker. */
  run(fun: string, arg?: unknown[], kwarg?: Record<string, unknown>, grains?: Grains, jid?: string): Promise<JobOutcome>;
}

const IDLE_DAEMON: DaemonServices = { running: () => [], find: () => null, kill: () => false, refreshGrains: async () => undefined };

export function moduleRunner(modules: ExecModule[], daemon: Partial<DaemonServices> = {}): ModuleRunner {
  const opts = loadMinionConfig(mkdtempSync(join(tmpdir(), 'salt-ts-module-')), () => undefined);
  const env = { registry: new ModuleRegistry(modules), opts, daemon: daemonHandler({ ...IDLE_DAEMON, ...daemon }) };
  return {
    opts,
    run: (fun, arg = [], kwarg = {}, grains = {}, jid = '20240101120000000001') =>
      executeTask(env, { jid, id: 'web1', fun, arg, kwarg, grains, tgt: 'web1', tgt_type: 'glob', user: 'tester' }),
  };
}
