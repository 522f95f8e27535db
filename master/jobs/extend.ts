// Serves a caller's request to keep following a job whose minions still run it.
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from '../../shared/log.js';
import { decodeJson, encodeJson } from '../../shared/json-codec.js';
import { describeError } from '../../shared/errors.js';
import { parseExtendRequest } from '../../shared/protocol/messages.js';
import { Subjects } from '../../shared/protocol/subjects.js';
import type { ReturnTracker } from './tracker.js';

export function serveExtend(nc: NatsConnection, tracker: ReturnTracker, log: Logger): Subscription {
  return nc.subscribe(Subjects.api('extend'), {
    callback: (err, msg) => {
      if (err) return log.error({ err }, 'extend subscription failed');
      try {
        const req = parseExtendRequest(decodeJson(msg.data, 'extend request'));
        msg.respond(encodeJson({ followed: tracker.extend(req.jid, req.seconds) }));
      } catch (e) {
        log.warn(`refused an extend request: ${describeError(e)}`);
      }
    },
  });
}
