// Collects minions' returns. The minion id comes from the subject, which the broker
// only lets that minion publish on, never from the payload.
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from '../../shared/log.js';
import { decodeJson } from '../../shared/json-codec.js';
import { describeError } from '../../shared/errors.js';
import { parseJobReturn } from '../../shared/protocol/messages.js';
import { parseReturnSubject, Subjects } from '../../shared/protocol/subjects.js';
import type { FireEvent } from '../events/fire.js';
import type { ReturnTracker } from './tracker.js';
import type { JobCache } from './cache.js';

export function serveReturns(nc: NatsConnection, tracker: ReturnTracker, cache: JobCache, fire: FireEvent, log: Logger): Subscription {
  return nc.subscribe(Subjects.returnsAll, {
    callback: (err, msg) => {
      if (err) return log.error({ err }, 'return subscription failed');
      const from = parseReturnSubject(msg.subject);
      if (!from) return;
      try {
        const ret = parseJobReturn(decodeJson(msg.data, `return from ${from.id}`));
        if (ret.jid !== from.jid) throw new Error(`return from ${from.id} names job ${ret.jid} on the subject of job ${from.jid}`);
        tracker.deliver(from.id, ret);
        cache.saveReturn(from.id, ret);
        fire(`salt/job/${ret.jid}/ret/${from.id}`, { id: from.id, ...ret });
      } catch (err) {
        log.warn(`dropped a return: ${describeError(err)}`);
      }
    },
  });
}
