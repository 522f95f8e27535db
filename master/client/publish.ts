// A CLI-side job: asks the master to publish it, then follows the returns the
// master streams back until every expected minion answered or time ran out.
import { createInbox, type Msg, type NatsConnection } from '@nats-io/transport-node';
import { decodeJson, encodeJson } from '../../shared/json-codec.js';
import { SaltTsError, type ErrorCode, ErrorCodes } from '../../shared/errors.js';
import { parsePublishStreamMessage, type JobReturn, type PublishRequest } from '../../shared/protocol/messages.js';
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

export async function publishJob(nc: NatsConnection, req: PublishRequest): Promise<PublishedJob> {
  const inbox = createInbox(Inboxes.cli);
  const sub = nc.subscribe(inbox);
  nc.publish(Subjects.api('publish'), encodeJson(req), { reply: inbox });
  const it = sub[Symbol.asyncIterator]();
  const first = await nextMessage(it, MASTER_ANSWER_MS);
  if (first === null) {
    sub.unsubscribe();
    throw new SaltTsError('SALTTS_MASTER_UNREACHABLE', 'the master did not answer the publish request: is salt-ts-master running?');
  }
  const head = parsePublishStreamMessage(first);
  if (head.kind === 'error') {
    sub.unsubscribe();
    throw new SaltTsError(head.code in ErrorCodes ? (head.code as ErrorCode) : 'SALTTS_BAD_MESSAGE', head.message);
  }
  if (head.kind !== 'job') throw new SaltTsError('SALTTS_BAD_MESSAGE', 'the master answered out of order');
  const pending = new Set(head.minions);
  if (pending.size === 0 || req.timeout <= 0) sub.unsubscribe();
  const deadline = Date.now() + req.timeout * 1000;
  return {
    jid: head.jid,
    minions: head.minions,
    missing: () => [...pending].sort(),
    async *returns() {
      try {
        while (pending.size > 0) {
          const data = await nextMessage(it, deadline - Date.now());
          if (data === null) return;
          const msg = parsePublishStreamMessage(data);
          if (msg.kind !== 'ret' || !pending.delete(msg.id)) continue;
          const { kind: _kind, ...ret } = msg;
          yield ret;
        }
      } finally {
        sub.unsubscribe();
      }
    },
  };
}

/** The next payload, or null on timeout or when the master has no responder (503). */
async function nextMessage(it: AsyncIterator<Msg>, ms: number): Promise<unknown> {
  if (ms <= 0) return null;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    const next = await Promise.race([it.next(), timeout]);
    if (next === null || next.done) return null;
    if (next.value.headers?.code === 503) return null;
    return decodeJson(next.value.data, 'master reply');
  } finally {
    clearTimeout(timer);
  }
}
