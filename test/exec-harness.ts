// Runs execution functions through the real executeTask, as a minion job does, for the
// module tests: a registry of just the modules under test and a minion config in a temp dir.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { daemonHandler } from '../minion/jobs/daemon-requests.js';
import { executeTask, type JobOutcome } from '../minion/jobs/execute.js';
import { ModuleRegistry } from '../minion/modules/registry.js';
import type { ExecModule } from '../minion/modules/types.js';
import { loadMinionConfig } from '../shared/config/load.js';

export type RunFunction = (fun: string, arg?: unknown[], kwarg?: Record<string, unknown>) => Promise<JobOutcome>;

/** A runner for the modules' functions; `minionConfig` is the YAML of the minion config file. */
export function moduleRunner(modules: ExecModule[], minionConfig = ''): RunFunction {
  const dir = mkdtempSync(join(tmpdir(), 'salt-ts-modules-'));
  writeFileSync(join(dir, 'minion'), minionConfig);
  const env = {
    registry: new ModuleRegistry(modules),
    opts: loadMinionConfig(dir, () => undefined),
    daemon: daemonHandler({ running: () => [], find: () => null, kill: () => false, refreshGrains: async () => undefined }),
  };
  return (fun, arg = [], kwarg = {}) =>
    executeTask(env, { jid: '20240101120000000001', id: 'web1', fun, arg, kwarg, grains: {}, tgt: 'web1', tgt_type: 'glob', user: 'tester' });
}

/** The text of a failed job's return, asserting that it failed. */
export function failureText(outcome: JobOutcome): string {
  if (outcome.success || typeof outcome.return !== 'string') throw new Error(`expected a failure, got ${JSON.stringify(outcome)}`);
  return outcome.return;
}

/** A directory holding executable shell scripts that stand in for system tools. */
export function fakeTools(scripts: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'salt-ts-fake-tools-'));
  for (const [name, body] of Object.entries(scripts)) writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return dir;
}

/** Runs `body` with PATH set to `path`, then puts PATH back. */
export async function withPath<T>(path: string, body: () => Promise<T>): Promise<T> {
  const saved = process.env.PATH;
  process.env.PATH = path;
  try {
    return await body();
  } finally {
    process.env.PATH = saved;
  }
}
