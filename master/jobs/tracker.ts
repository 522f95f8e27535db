// Follows the jobs a caller is waiting on and forwards each expected minion's
// return to that caller's inbox, once, as it arrives.
import type { NatsConnection } from '@nats-io/transport-node';
import { encodeJson } from '../../shared/json-codec.js';
import type { JobReturn, PublishStreamMessage } from '../../shared/protocol/messages.js';

/** Time a caller may still be reading after its own timeout (clock drift, slow terminal). */
const GRACE_MS = 10_000;

interface WaitingJob {
  replyTo: string;
  pending: Set<string>;
  timer: NodeJS.Timeout;
}

export class ReturnTracker {
  private readonly jobs = new Map<string, WaitingJob>();

  constructor(private readonly nc: NatsConnection) {}

  track(jid: string, replyTo: string, minions: string[], timeoutSeconds: number): void {
    this.jobs.set(jid, { replyTo, pending: new Set(minions), timer: this.expiry(jid, timeoutSeconds) });
  }

  /** The caller waits longer (its minions still run the job); false if the job is no longer followed. */
  extend(jid: string, seconds: number): boolean {
    const job = this.jobs.get(jid);
    if (!job) return false;
    clearTimeout(job.timer);
    job.timer = this.expiry(jid, seconds);
    return true;
  }

  private expiry(jid: string, seconds: number): NodeJS.Timeout {
    const timer = setTimeout(() => this.jobs.delete(jid), seconds * 1000 + GRACE_MS);
    timer.unref();
    return timer;
  }

  /** Returns false when nobody waits for this minion's return of this job. */
  deliver(id: string, ret: JobReturn): boolean {
    const job = this.jobs.get(ret.jid);
    if (!job || !job.pending.delete(id)) return false;
    const message: PublishStreamMessage = { kind: 'ret', id, ...ret };
    this.nc.publish(job.replyTo, encodeJson(message));
    if (job.pending.size === 0) {
      clearTimeout(job.timer);
      this.jobs.delete(ret.jid);
    }
    return true;
  }
}
