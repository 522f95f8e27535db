// Every message shape that crosses the wire, with the parser that checks it.
import { Reader } from './validate.js';
import { TARGET_TYPES, type TargetType } from '../targeting/types.js';
import { JID_PATTERN } from '../jid.js';
import { MINION_ID_PATTERN } from '../minion-id.js';

export type KeyStatus = 'accepted' | 'pending' | 'rejected' | 'denied';

/** A minion asking to be let in: its id, its public nkey, and proof it holds the seed. */
export interface AuthRequest {
  id: string;
  pub: string;
  /** Milliseconds since the epoch; signed with the key so old requests cannot be replayed. */
  ts: number;
  /** base64 ed25519 signature of authPayload(id, pub, ts). */
  sig: string;
}

export interface AuthReply {
  status: KeyStatus;
}

export function authPayload(id: string, pub: string, ts: number): Uint8Array {
  return new TextEncoder().encode(`salt-ts-auth\n${id}\n${pub}\n${ts}`);
}

export function parseAuthRequest(v: unknown): AuthRequest {
  const r = Reader.of('auth request', v);
  return { id: r.string('id', MINION_ID_PATTERN), pub: r.string('pub', /^U[A-Z2-7]{55}$/), ts: r.integer('ts'), sig: r.string('sig') };
}

export function parseAuthReply(v: unknown): AuthReply {
  return { status: Reader.of('auth reply', v).oneOf('status', ['accepted', 'pending', 'rejected', 'denied'] as const) };
}

/** What to run where: a publish request asks for it, and the job carries it to minions. */
export interface JobSpec {
  tgt: string | string[];
  tgt_type: TargetType;
  fun: string;
  arg: unknown[];
  kwarg: Record<string, unknown>;
  user: string;
}

function readJobSpec(r: Reader): JobSpec {
  const tgt = r.any('tgt');
  return {
    tgt: Array.isArray(tgt) ? r.stringList('tgt') : r.string('tgt'),
    tgt_type: r.oneOf('tgt_type', TARGET_TYPES),
    fun: r.string('fun', /^[A-Za-z_]\w*\.[A-Za-z_]\w*$/),
    arg: r.list('arg'),
    kwarg: r.object('kwarg'),
    user: r.string('user'),
  };
}

/** What the master publishes to minions. */
export interface Job extends JobSpec {
  jid: string;
}

export function parseJob(v: unknown): Job {
  const r = Reader.of('job', v);
  return { jid: r.string('jid', JID_PATTERN), ...readJobSpec(r) };
}

/** What a minion sends back for a job. The id is not in it: the subject carries it. */
export interface JobReturn {
  jid: string;
  fun: string;
  fun_args: unknown[];
  return: unknown;
  retcode: number;
  success: boolean;
}

export function parseJobReturn(v: unknown): JobReturn {
  const r = Reader.of('job return', v);
  return {
    jid: r.string('jid', JID_PATTERN),
    fun: r.string('fun'),
    fun_args: r.list('fun_args'),
    return: r.any('return'),
    retcode: r.integer('retcode'),
    success: r.boolean('success'),
  };
}

/** A minion announcing that it (re)started, with its grains. */
export interface MinionStart {
  grains: Record<string, unknown>;
}

export function parseMinionStart(v: unknown): MinionStart {
  return { grains: Reader.of('minion start', v).object('grains') };
}

/** The CLI asking the master to run a job. */
export interface PublishRequest extends JobSpec {
  /** Seconds the caller will wait for returns (0: fire and forget). */
  timeout: number;
  /** Only say which minions the target means; publish nothing (batch mode plans with it). */
  dry_run?: boolean;
}

export function parsePublishRequest(v: unknown): PublishRequest {
  const r = Reader.of('publish request', v);
  const dryRun = r.any('dry_run') === undefined ? {} : { dry_run: r.boolean('dry_run') };
  return { ...readJobSpec(r), timeout: r.number('timeout'), ...dryRun };
}

/** What the master streams back to the caller of a publish, in order:
 * one `job`, then a `ret` per minion as it arrives (or one `error` instead of all). */
export type PublishStreamMessage =
  | { kind: 'job'; jid: string; minions: string[] }
  | ({ kind: 'ret'; id: string } & JobReturn)
  | { kind: 'error'; code: string; message: string };

export function parsePublishStreamMessage(v: unknown): PublishStreamMessage {
  const r = Reader.of('publish reply', v);
  const kind = r.oneOf('kind', ['job', 'ret', 'error'] as const);
  if (kind === 'job') return { kind, jid: r.string('jid'), minions: r.stringList('minions') };
  if (kind === 'error') return { kind, code: r.string('code'), message: r.string('message') };
  return { kind, id: r.string('id'), ...parseJobReturn(v) };
}

/** The key CLI telling the master that the key store changed. */
export interface KeysChangedReply {
  accepted: number;
}
