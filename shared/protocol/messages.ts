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

/** One function call of a job. */
export interface JobCall {
  fun: string;
  arg: unknown[];
  kwarg: Record<string, unknown>;
}

/** What to run where: a publish request asks for it, and the job carries it to minions.
 * A job runs one function, or several in order (Salt's compound command: `fun` a
 * list, `arg` and `kwarg` one entry per function). */
export interface JobSpec {
  tgt: string | string[];
  tgt_type: TargetType;
  fun: string | string[];
  arg: unknown[];
  kwarg: Record<string, unknown> | Record<string, unknown>[];
  user: string;
}

const FUN_NAME = /^[A-Za-z_]\w*\.[A-Za-z_]\w*$/;

/** The calls a job makes, in order. */
export function callsOf(spec: Pick<JobSpec, 'fun' | 'arg' | 'kwarg'>): JobCall[] {
  if (!Array.isArray(spec.fun)) return [{ fun: spec.fun, arg: spec.arg, kwarg: spec.kwarg as Record<string, unknown> }];
  const kwargs = spec.kwarg as Record<string, unknown>[];
  return spec.fun.map((fun, i) => ({ fun, arg: spec.arg[i] as unknown[], kwarg: kwargs[i]! }));
}

function readJobSpec(r: Reader): JobSpec {
  const tgt = r.any('tgt');
  const base = { tgt: Array.isArray(tgt) ? r.stringList('tgt') : r.string('tgt'), tgt_type: r.oneOf('tgt_type', TARGET_TYPES), user: r.string('user') };
  if (!Array.isArray(r.any('fun'))) return { ...base, fun: r.string('fun', FUN_NAME), arg: r.list('arg'), kwarg: r.object('kwarg') };
  const fun = r.stringList('fun');
  const arg = r.list('arg');
  const kwarg = r.list('kwarg');
  const isRecord = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (fun.length === 0 || !fun.every((f) => FUN_NAME.test(f))) return r.fail("field 'fun' must name functions as module.function");
  if (arg.length !== fun.length || !arg.every(Array.isArray)) return r.fail("field 'arg' must hold one argument list per function");
  if (kwarg.length !== fun.length || !kwarg.every(isRecord)) return r.fail("field 'kwarg' must hold one keyword mapping per function");
  return { ...base, fun, arg, kwarg: kwarg as Record<string, unknown>[] };
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
  fun: string | string[];
  fun_args: unknown[];
  return: unknown;
  retcode: number;
  success: boolean;
}

export function parseJobReturn(v: unknown): JobReturn {
  const r = Reader.of('job return', v);
  return {
    jid: r.string('jid', JID_PATTERN),
    fun: Array.isArray(r.any('fun')) ? r.stringList('fun') : r.string('fun'),
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

/** A caller still waiting for minions that run a job: keep forwarding its returns this much longer. */
export interface ExtendRequest {
  jid: string;
  seconds: number;
}

export function parseExtendRequest(v: unknown): ExtendRequest {
  const r = Reader.of('extend request', v);
  return { jid: r.string('jid', JID_PATTERN), seconds: r.number('seconds') };
}

/** The key CLI telling the master that the key store changed. */
export interface KeysChangedReply {
  accepted: number;
}
