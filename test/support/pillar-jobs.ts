// Running execution functions as a minion's jobs run them, with a pillar: the job gets
// the daemon's current pillar, and the daemon stand-in compiles pillars with `compile`,
// recording each request (pillarenv, saltenv) it was asked for.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { daemonHandler } from '../../minion/jobs/daemon-requests.js';
import { executeTask, type JobOutcome } from '../../minion/jobs/execute.js';
import { LocalFileClient } from '../../minion/fileclient/local.js';
import { ModuleRegistry } from '../../minion/modules/registry.js';
import type { ExecModule } from '../../minion/modules/types.js';
import { PillarSource, type PillarRequest } from '../../minion/pillar/source.js';
import { loadMinionConfig, type MinionConfig } from '../../shared/config/load.js';
import type { Pillar } from '../../shared/pillar/types.js';

export interface PillarJobs {
  opts: MinionConfig;
  source: PillarSource;
  /** Every pillar compile the daemon was asked for, in order. */
  requests: PillarRequest[];
  run(fun: string, arg?: unknown[], kwarg?: Record<string, unknown>): Promise<JobOutcome>;
}

export interface PillarJobsOptions {
  /** Compiles a pillar for a request (the master's part). */
  compile: (request: PillarRequest) => Pillar;
  /** Extra minion config as YAML; file_client is local, with file_roots given here. */
  config?: string;
  /** The modules jobs may call; every registered module by default. */
  modules?: ExecModule[];
}

export async function pillarJobs(options: PillarJobsOptions): Promise<PillarJobs> {
  const dir = mkdtempSync(join(tmpdir(), 'salt-ts-pillar-jobs-'));
  writeFileSync(join(dir, 'minion'), `file_client: local\n${options.config ?? ''}`);
  const opts = loadMinionConfig(dir, () => undefined);
  const requests: PillarRequest[] = [];
  const source = new PillarSource(async (request) => {
    requests.push(request);
    return structuredClone(options.compile(request));
  }, opts.pillarenv);
  await source.refresh();
  requests.length = 0;
  const daemon = daemonHandler({
    running: () => [],
    find: () => null,
    kill: () => false,
    refreshGrains: async () => undefined,
    files: new LocalFileClient(opts.file_roots, opts.hash_type),
    pillar: source,
  });
  const env = { registry: new ModuleRegistry(options.modules), opts, daemon };
  let jid = 0;
  return {
    opts,
    source,
    requests,
    run: (fun, arg = [], kwarg = {}) =>
      executeTask(env, {
        jid: `2024010112000000${String(++jid).padStart(4, '0')}`, id: 'web1', fun, arg, kwarg, grains: { id: 'web1', os: 'Debian' }, pillar: source.current,
        tgt: 'web1', tgt_type: 'glob', user: 'tester',
      }),
  };
}
