// Requests to the master's file server over the minion's own connection, and the
// server's answers: bytes, or an error carried in a header (see REPLY_ERROR_HEADER).
import type { NatsConnection } from '@nats-io/transport-node';
import { encodeJson } from '../../shared/json-codec.js';
import { describeError, ErrorCodes, SaltTsError, type ErrorCode } from '../../shared/errors.js';
import { REPLY_ERROR_HEADER, type FileRequest } from '../../shared/protocol/messages.js';
import { Subjects } from '../../shared/protocol/subjects.js';

/** Long enough for the master to hash a large file it has not hashed before. */
const REQUEST_TIMEOUT_MS = 60_000;

export class FileServerChannel {
  constructor(
    private readonly id: string,
    /** The live connection, or null while the minion is not connected. */
    private readonly connection: () => Promise<NatsConnection | null>,
  ) {}

  /** The server's answer; its errors are thrown as SaltTsError with the server's code. */
  async request(req: FileRequest): Promise<Uint8Array> {
    const about = describeRequest(req);
    const nc = await this.connection().catch((err: unknown) => {
      throw new SaltTsError('SALTTS_MASTER_UNREACHABLE', `minion ${this.id} cannot reach the master to fetch ${about}: ${describeError(err)}`, { cause: err });
    });
    if (!nc) throw new SaltTsError('SALTTS_MASTER_UNREACHABLE', `minion ${this.id} is not connected to the master; cannot fetch ${about}`);
    let reply;
    try {
      reply = await nc.request(Subjects.fileRequest(this.id), encodeJson(req), { timeout: REQUEST_TIMEOUT_MS });
    } catch (err) {
      throw new SaltTsError('SALTTS_MASTER_UNREACHABLE', `the master's file server did not answer minion ${this.id} about ${about}: ${describeError(err)}`, { cause: err });
    }
    const code = reply.headers?.get(REPLY_ERROR_HEADER);
    if (!code) return reply.data;
    const known = Object.hasOwn(ErrorCodes, code);
    throw new SaltTsError(known ? (code as ErrorCode) : 'SALTTS_BAD_MESSAGE', new TextDecoder().decode(reply.data));
  }
}

function describeRequest(req: FileRequest): string {
  if (req.op === 'envs') return 'the list of saltenvs';
  return `salt://${req.op === 'list' ? req.prefix : req.path} (saltenv '${req.saltenv}')`;
}
