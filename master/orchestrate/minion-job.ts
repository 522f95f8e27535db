// One job published from an orchestration (saltutil.cmd, salt.function, salt.state):
// publish it through the master, wait for every targeted minion, and say who stayed silent.
import { userInfo } from 'node:os';
import type { NatsConnection } from '@nats-io/transport-node';
import type { MasterConfig } from '../../shared/config/load.js';
import { SaltTsError } from '../../shared/errors.js';
import type { PublishRequest } from '../../shared/protocol/messages.js';
import { TARGET_TYPES, type TargetType } from '../../shared/targeting/types.js';
import { runBatch } from '../client/batch.js';
import { publishJob } from '../client/publish.js';

export interface MinionJob {
  tgt: string | string[];
  tgt_type?: unknown;
  fun: string;
  arg?: unknown[];
  kwarg?: Record<string, unknown>;
  /** Seconds to wait for returns; the master config's timeout when unset. */
  timeout?: unknown;
  /** Run on this many minions (N or N%) at a time, as salt-ts -b. */
  batch?: unknown;
  /** Run on only this many of the matched minions, picked at random (Salt's subset). */
  subset?: unknown;
}

export interface MinionReturn {
  ret: unknown;
  retcode: number;
  success: boolean;
}

export interface JobOutcome {
  returns: Record<string, MinionReturn>;
  /** Targeted minions that did not return in time. */
  missing: string[];
}

export interface JobPublisher {
  run(job: MinionJob): Promise<JobOutcome>;
}

export function targetType(value: unknown, what: string): TargetType {
  const type = value ?? 'glob';
  if (typeof type !== 'string' || !(TARGET_TYPES as readonly string[]).includes(type)) {
    throw new SaltTsError('SALTTS_BAD_ARGUMENT', `${what}: tgt_type=${JSON.stringify(type)} is not one of ${TARGET_TYPES.join(', ')}`);
  }
  return type as TargetType;
}

/** Seconds to wait for returns: the value given, else the master config's timeout. */
export function jobTimeout(value: unknown, config: MasterConfig, what: string): number {
  const timeout = value == null ? config.timeout : Number(value);
  if (!(timeout > 0)) throw new SaltTsError('SALTTS_BAD_ARGUMENT', `${what}: timeout=${JSON.stringify(value)} is not a positive number of seconds`);
  return timeout;
}

/** `count` of the minions the request targets, chosen at random. */
async function pickSubset(nc: NatsConnection, req: PublishRequest, count: unknown): Promise<string[]> {
  const n = Number(count);
  if (!Number.isInteger(n) || n < 1) throw new SaltTsError('SALTTS_BAD_ARGUMENT', `${req.fun}: subset=${JSON.stringify(count)} is not a positive whole number of minions`);
  const { minions } = await publishJob(nc, { ...req, timeout: 0, dry_run: true });
  const pool = [...minions];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, n).sort();
}

export function jobPublisher(nc: NatsConnection, config: MasterConfig): JobPublisher {
  return {
    async run(job) {
      const timeout = jobTimeout(job.timeout, config, job.fun);
      let req = {
        tgt: job.tgt, tgt_type: targetType(job.tgt_type, job.fun), fun: job.fun, arg: job.arg ?? [], kwarg: job.kwarg ?? {}, user: userInfo().username, timeout,
      };
      if (job.subset != null) req = { ...req, tgt: await pickSubset(nc, req, job.subset), tgt_type: 'list' };
      const follow = { gatherJobTimeout: config.gather_job_timeout };
      const returns: Record<string, MinionReturn> = {};
      const missing: string[] = [];
      if (job.batch != null) {
        await runBatch(nc, req, {
          size: String(job.batch), wait: 0, failhard: false, follow,
          onBatch: () => {},
          onReturn: (r) => (returns[r.id] = { ret: r.return, retcode: r.retcode, success: r.success }),
          onMissing: (id) => missing.push(id),
        });
        return { returns, missing: missing.sort() };
      }
      const published = await publishJob(nc, req, follow);
      for await (const r of published.returns()) returns[r.id] = { ret: r.return, retcode: r.retcode, success: r.success };
      return { returns, missing: published.missing() };
    },
  };
}
