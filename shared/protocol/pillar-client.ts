// How a minion asks the master for its own pillar: a request on its own subject (the only
// one its credential may publish it on), answered with the pillar the master compiled for it.
import type { NatsConnection } from '@nats-io/transport-node';
import { decodeJson, encodeJson } from '../json-codec.js';
import { describeError, ErrorCodes, SaltTsError, type ErrorCode } from '../errors.js';
import type { Pillar } from '../pillar/types.js';
import { REPLY_ERROR_HEADER, parsePillarReply, type PillarRequest } from './messages.js';
import { Subjects } from './subjects.js';

/** Long enough for the master to render a large pillar tree while other minions wait their turn. */
export const PILLAR_REQUEST_TIMEOUT_MS = 60_000;

/** The pillar the master compiled for minion `id`. Throws SALTTS_MASTER_UNREACHABLE when
 * the master does not answer, or the master's own error (e.g. SALTTS_BAD_MESSAGE). */
export async function requestPillar(nc: NatsConnection, id: string, req: PillarRequest = {}, timeoutMs = PILLAR_REQUEST_TIMEOUT_MS): Promise<Pillar> {
  let reply;
  try {
    reply = await nc.request(Subjects.pillarRequest(id), encodeJson(req), { timeout: timeoutMs });
  } catch (err) {
    throw new SaltTsError('SALTTS_MASTER_UNREACHABLE', `the master did not send minion ${id} its pillar: ${describeError(err)}`, { cause: err });
  }
  const code = reply.headers?.get(REPLY_ERROR_HEADER);
  if (code) {
    const known = Object.hasOwn(ErrorCodes, code);
    throw new SaltTsError(known ? (code as ErrorCode) : 'SALTTS_BAD_MESSAGE', `the master refused the pillar of minion ${id}: ${new TextDecoder().decode(reply.data)}`);
  }
  return parsePillarReply(decodeJson(reply.data, `pillar reply to minion ${id}`));
}
