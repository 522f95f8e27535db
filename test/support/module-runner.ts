// Running execution functions in tests the way a worker does: the real executeTask,
// a registry of the modules under test, a fresh config dir and a daemon stand-in.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Grains } from '../../minion/grains/core.js';
import { daemonHandler, type DaemonServices } from '../../minion/jobs/daemon-requests.js';
import { executeTask, type JobOutcome } from '../../minion/jobs/execute.js';
import { ModuleRegistry } from '../../minion/modules/registry.js';
import type { ExecModule } from '../../minion/modules/types.js';
import { loadMinionConfig, type MinionConfig } from '../../shared/config/load.js';

export type RunFunction = (fun: string, arg?: unknown[], kwarg?: Record<string, unknown>, grains?: Grains, jid?: string) => Promise<JobOutcome>;

export interface ModuleRunner {
  opts: MinionConfig;
  /** Runs `fun` as job `jid` with these grains; the grains object is the job's own, as in a worker. */
  run: RunFunction;
}

export interface RunnerOptions {
  /** The YAML of the minion config file. */
  config?: string;
  /** Daemon services that differ from an idle daemon's. */
  daemon?: Partial<DaemonServices>;
}

const IDLE_DAEMON: DaemonServices = { running: () => [], find: () => null, kill: () => false, refreshGrains: async () => undefined };

export function moduleRunner(modules: ExecModule[], options: RunnerOptions = {}): ModuleRunner {
  const dir = mkdtempSync(join(tmpdir(), 'salt-ts-module-'));
  writeFileSync(join(dir, 'minion'), options.config ?? '');
  const opts = loadMinionConfig(dir, () => undefined);
  const env = { registry: new ModuleRegistry(modules), opts, daemon: daemonHandler({ ...IDLE_DAEMON, ...options.daemon }) };
  return {
    opts,
    run: (fun, arg = [], kwarg = {}, grains = {}, jid = '20240101120000000001') =>
      executeTask(env, { jid, id: 'web1', fun, arg, kwarg, grains, tgt: 'web1', tgt_type: 'glob', user: 'tester' }),
  };
}

/** The text of a failed job's return, asserting that it failed. */
export function failureText(outcome: JobOutcome): string {
  if (outcome.success || typeof outcome.return !== 'string') throw new Error(`expected a failure, got ${JSON.stringify(outcome)}`);
  return outcome.return;
}

/** Runs `body` with an empty PATH, so every tool looked up on PATH is really missing, then puts PATH back. */
export async function withEmptyPath<T>(body: () => Promise<T>): Promise<T> {
  const saved = process.env.PATH;
  process.env.PATH = '';
  try {
    return await body();
  } finally {
    process.env.PATH = saved;
  }
}
