// Answers an accepted minion's request for its own pillar on salt.minion.<id>.pillar. The
// minion is the one the subject names (the broker lets only that minion publish there),
// never one named in the payload: a minion can only ever get its own pillar.
import { headers, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import type { Logger } from '../../shared/log.js';
import { decodeJson, encodeJson } from '../../shared/json-codec.js';
import { describeError, isSaltTsError, SaltTsError } from '../../shared/errors.js';
import { REPLY_ERROR_HEADER, parsePillarRequest } from '../../shared/protocol/messages.js';
import { parseMinionNoticeSubject, Subjects } from '../../shared/protocol/subjects.js';
import type { MinionPillars } from './minion-pillars.js';
import { replyLimit } from '../reply-limit.js';

export interface PillarServerDeps {
  pillars: MinionPillars;
  accepted: () => ReadonlyMap<string, string>;
  log: Logger;
}

export function servePillar(nc: NatsConnection, deps: PillarServerDeps): Subscription {
  return nc.subscribe(Subjects.pillarRequestsAll, {
    callback: (err, msg) => {
      if (err) return deps.log.error({ err }, 'pillar subscription failed');
      respond(nc, msg, deps).catch((e) => deps.log.error(`answering a pillar request failed: ${describeError(e)}`));
    },
  });
}

async function respond(nc: NatsConnection, msg: Msg, deps: PillarServerDeps): Promise<void> {
  const id = parseMinionNoticeSubject(msg.subject)?.id;
  if (id === undefined || !deps.accepted().has(id)) return void deps.log.warn(`ignored a pillar request on ${msg.subject}: not an accepted minion`);
  try {
    const req = parsePillarRequest(decodeJson(msg.data, `pillar request from ${id}`));
    const payload = encodeJson(await deps.pillars.compile(id, req));
    if (payload.length > replyLimit(nc)) {
      throw new SaltTsError('SALTTS_RETURN_TOO_LARGE', `the pillar of minion ${id} is ${payload.length} bytes, over the broker's payload limit (${replyLimit(nc)})`);
    }
    msg.respond(payload);
  } catch (err) {
    deps.log.warn(`pillar request from minion ${id} refused: ${describeError(err)}`);
    const h = headers();
    h.set(REPLY_ERROR_HEADER, isSaltTsError(err) ? err.code : 'SALTTS_BAD_MESSAGE');
    msg.respond(new TextEncoder().encode(isSaltTsError(err) ? err.message : describeError(err)), { headers: h });
  }
}
