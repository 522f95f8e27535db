// The master's file server: answers accepted minions' requests on salt.minion.<id>.file
// with a file's digest and size, a chunk of its bytes, or a listing of a saltenv. The
// minion id comes from the subject (the broker only lets that minion publish there).
import { headers, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import type { Logger } from '../../shared/log.js';
import { decodeJson, encodeJson } from '../../shared/json-codec.js';
import { describeError, isSaltTsError, SaltTsError } from '../../shared/errors.js';
import { REPLY_ERROR_HEADER, parseFileRequest, type FileRequest, type FileStat, type HashType } from '../../shared/protocol/messages.js';
import { parseMinionNoticeSubject, Subjects } from '../../shared/protocol/subjects.js';
import { FileRoots } from '../../shared/fileserver/roots.js';
import { HashCache } from './hash-cache.js';
import { readChunk } from './read-chunk.js';
import { Limiter } from './limiter.js';
import { replyLimit } from '../reply-limit.js';

/** Chunk reads in progress at once: at most this many chunk buffers (512 KiB each) are held. */
const CONCURRENT_READS = 16;

export interface FileServerDeps {
  /** The master's file_roots (never pillar_roots). */
  fileRoots: Record<string, string[]>;
  hashType: HashType;
  accepted: () => ReadonlyMap<string, string>;
  log: Logger;
}

export function serveFiles(nc: NatsConnection, deps: FileServerDeps): Subscription {
  const roots = new FileRoots(deps.fileRoots);
  const hashes = new HashCache(deps.hashType);
  const reads = new Limiter(CONCURRENT_READS);
  const answer = async (req: FileRequest): Promise<Uint8Array> => {
    if (req.op === 'envs') return encodeJson(roots.saltenvs());
    if (req.op === 'list') return fitPayload(nc, encodeJson(await roots.list(req.saltenv, req.prefix)), req);
    const found = await roots.find(req.saltenv, req.path);
    if (!found) throw new SaltTsError('SALTTS_FILE_NOT_FOUND', `salt://${req.path} is not on the file server in saltenv '${req.saltenv}'`);
    if (req.op === 'read') return reads.run(() => readChunk(found.realPath, req.offset, req.length));
    const stat: FileStat = { hash_type: deps.hashType, hsum: await hashes.hash(found.realPath), size: found.size };
    return encodeJson(stat);
  };
  return nc.subscribe(Subjects.fileRequestsAll, {
    callback: (err, msg) => {
      if (err) return deps.log.error({ err }, 'file server subscription failed');
      respond(msg, deps, answer).catch((e) => deps.log.error(`answering a file request failed: ${describeError(e)}`));
    },
  });
}

async function respond(msg: Msg, deps: FileServerDeps, answer: (req: FileRequest) => Promise<Uint8Array>): Promise<void> {
  const id = parseMinionNoticeSubject(msg.subject)?.id;
  if (id === undefined || !deps.accepted().has(id)) return void deps.log.warn(`ignored a file request on ${msg.subject}: not an accepted minion`);
  try {
    msg.respond(await answer(parseFileRequest(decodeJson(msg.data, `file request from ${id}`))));
  } catch (err) {
    const known = isSaltTsError(err);
    if (!known || err.code !== 'SALTTS_FILE_NOT_FOUND') deps.log.warn(`file request from minion ${id} refused: ${describeError(err)}`);
    const h = headers();
    h.set(REPLY_ERROR_HEADER, known ? err.code : 'SALTTS_FILE_NOT_FOUND');
    msg.respond(new TextEncoder().encode(known ? err.message : `the file server could not read it: ${describeError(err)}`), { headers: h });
  }
}

/** A listing too large for one message is refused with what to do instead. */
function fitPayload(nc: NatsConnection, payload: Uint8Array, req: Extract<FileRequest, { op: 'list' }>): Uint8Array {
  const max = replyLimit(nc);
  if (payload.length <= max) return payload;
  throw new SaltTsError(
    'SALTTS_BAD_ARGUMENT',
    `the listing of saltenv '${req.saltenv}' under prefix '${req.prefix}' is ${payload.length} bytes, over the broker's payload limit (${max}); list a narrower prefix`,
  );
}
