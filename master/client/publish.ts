// A CLI-side job: asks the master to publish it, then follows the returns the
// master streams back until every expected minion answered or time ran out. As in
// Salt, when time runs out the minions still missing are asked (saltutil.find_job)
// whether they are still at it; the wait goes on for those that are.
import { createInbox, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { decodeJson, encodeJson } from '../../shared/json-codec.js';
import { SaltTsError, type ErrorCode, ErrorCodes } from '../../shared/errors.js';
import { parsePublishStreamMessage, type ExtendRequest, type JobReturn, type PublishRequest } from '../../shared/protocol/messages.js';
import { Inboxes, Subjects } from '../../shared/protocol/subjects.js';

/** How long the master has to acknowledge a publish before it counts as not running. */
const MASTER_ANSWER_MS = 5_000;

export interface PublishedJob {
  jid: string;
  minions: string[];
  /** Yields returns as they arrive; ends when all came in or the timeout passed. */
  returns(): AsyncGenerator<JobReturn & { id: string }>;
  /** Expected minions that have not returned (complete once returns() ended). */
  missing(): string[];
}

export interface FollowOptions {
  /** Seconds a minion has to say whether it still runs the job (Salt's gather_job_timeout); 0 never asks. */
  gatherJobTimeout: number;
}

export async function publishJob(nc: NatsConnection, req: PublishRequest, follow: FollowOptions = { gatherJobTimeout: 0 }): Promise<PublishedJob> {
  const inbox = createInbox(Inboxes.cli);
  const reader = new MessageReader(nc.subscribe(inbox));
  nc.publish(Subjects.api('publish'), encodeJson(req), { reply: inbox });
  const first = await reader.next(MASTER_ANSWER_MS);
  if (first === null) {
    reader.close();
    throw new SaltTsError('SALTTS_MASTER_UNREACHABLE', 'the master did not answer the publish request: is salt-ts-master running?');
  }
  const head = parsePublishStreamMessage(first);
  if (head.kind === 'error') {
    reader.close();
    throw new SaltTsError(head.code in ErrorCodes ? (head.code as ErrorCode) : 'SALTTS_BAD_MESSAGE', head.message);
  }
  if (head.kind !== 'job') throw new SaltTsError('SALTTS_BAD_MESSAGE', 'the master answered out of order');
  const pending = new Set(head.minions);
  if (pending.size === 0 || req.timeout <= 0) reader.close();
  let deadline = Date.now() + req.timeout * 1000;

  /** Whether any missing minion still runs the job; if so the master keeps forwarding. */
  const stillRunning = async (): Promise<boolean> => {
    if (follow.gatherJobTimeout <= 0) return false;
    const query = await publishJob(nc, {
      tgt: [...pending], tgt_type: 'list', fun: 'saltutil.find_job', arg: [head.jid], kwarg: {}, user: req.user, timeout: follow.gatherJobTimeout,
    });
    let running = false;
    for await (const ret of query.returns()) {
      if (ret.return && typeof ret.return === 'object' && Object.keys(ret.return).length > 0) running = true;
    }
    if (running) {
      const extend: ExtendRequest = { jid: head.jid, seconds: req.timeout };
      await nc.request(Subjects.api('extend'), encodeJson(extend), { timeout: MASTER_ANSWER_MS });
    }
    return running;
  };

  return {
    jid: head.jid,
    minions: head.minions,
    missing: () => [...pending].sort(),
    async *returns() {
      try {
        while (pending.size > 0) {
          const data = await reader.next(deadline - Date.now());
          if (data === null) {
            if (!(await stillRunning())) return;
            deadline = Date.now() + req.timeout * 1000;
            continue;
          }
          const msg = parsePublishStreamMessage(data);
          if (msg.kind !== 'ret' || !pending.delete(msg.id)) continue;
          const { kind: _kind, ...ret } = msg;
          yield ret;
        }
      } finally {
        reader.close();
      }
    },
  };
}

/** Reads a subscription with a time limit per message, losing nothing to a timeout. */
class MessageReader {
  private readonly it: AsyncIterator<Msg>;
  private waiting: Promise<IteratorResult<Msg>> | null = null;

  constructor(private readonly sub: Subscription) {
    this.it = sub[Symbol.asyncIterator]();
  }

  /** The next payload, or null on timeout or when nobody serves the subject (503). */
  async next(ms: number): Promise<unknown> {
    if (ms <= 0) return null;
    this.waiting ??= this.it.next();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
    try {
      const next = await Promise.race([this.waiting, timeout]);
      if (next === null) return null; // the pending read stays for the next call
      this.waiting = null;
      if (next.done || next.value.headers?.code === 503) return null;
      return decodeJson(next.value.data, 'master reply');
    } finally {
      clearTimeout(timer);
    }
  }

  close(): void {
    this.sub.unsubscribe();
  }
}
