// Salt's batch mode: run a job over the target's minions a few at a time, starting
// the next minion as soon as a slot frees up (after --batch-wait), and stopping
// early on a failure with --failhard.
import { setTimeout as sleep } from 'node:timers/promises';
import type { NatsConnection } from '@nats-io/transport-node';
import { SaltTsError } from '../../shared/errors.js';
import type { JobReturn, PublishRequest } from '../../shared/protocol/messages.js';
import { publishJob, type FollowOptions } from './publish.js';

export interface BatchOptions {
  /** `N` minions, or `N%` of the matched minions. */
  size: string;
  /** Seconds to wait after a minion returns before starting the next one. */
  wait: number;
  failhard: boolean;
  follow: FollowOptions;
  onBatch(minions: string[]): void;
  onReturn(ret: JobReturn & { id: string }): void;
  onMissing(id: string): void;
}

/** How many minions run at once for a batch size of `N` or `N%`. */
export function batchSize(size: string, matched: number): number {
  const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(size.trim());
  if (!m || Number(m[1]) <= 0) throw new SaltTsError('SALTTS_BAD_ARGUMENT', `invalid batch size ${JSON.stringify(size)}: use a number (3) or a percentage (25%)`);
  return m[2] ? Math.max(1, Math.floor((matched * Number(m[1])) / 100)) : Math.max(1, Math.floor(Number(m[1])));
}

/** Runs the batch; returns the minions it matched ([] when none). */
export async function runBatch(nc: NatsConnection, req: PublishRequest, opts: BatchOptions): Promise<string[]> {
  const plan = await publishJob(nc, { ...req, timeout: 0, dry_run: true });
  const size = batchSize(opts.size, plan.minions.length);
  const queue = [...plan.minions];
  let running = 0;
  let failed = false;

  await new Promise<void>((resolve, reject) => {
    const pump = () => {
      if (failed && opts.failhard) queue.length = 0;
      const ids = queue.splice(0, size - running);
      running += ids.length;
      if (ids.length) runSubJob(ids).catch(reject);
      if (running === 0) resolve();
    };
    const release = async () => {
      if (opts.wait > 0) await sleep(opts.wait * 1000);
      running--;
      pump();
    };
    const runSubJob = async (ids: string[]) => {
      opts.onBatch(ids);
      const job = await publishJob(nc, { ...req, tgt: ids, tgt_type: 'list' }, opts.follow);
      for await (const ret of job.returns()) {
        if (ret.retcode !== 0 || !ret.success) failed = true;
        opts.onReturn(ret);
        void release();
      }
      // Silent minions, and any that stopped matching (a key deleted meanwhile).
      for (const id of [...job.missing(), ...ids.filter((id) => !job.minions.includes(id))]) {
        failed = true;
        opts.onMissing(id);
        void release();
      }
    };
    pump();
  });
  return plan.minions;
}
