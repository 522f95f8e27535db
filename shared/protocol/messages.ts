// Every message shape that crosses the wire, with the parser that checks it.
import { Reader } from './validate.js';
import { TARGET_TYPES, type TargetType } from '../targeting/types.js';
import { JID_PATTERN } from '../jid.js';
import { MINION_ID_PATTERN } from '../minion-id.js';
import type { Pillar } from '../pillar/types.js';

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
  /** Set when the minion's scheduler ran the job: the schedule entry's name (Salt marks it so). */
  schedule?: string;
}

export function parseJobReturn(v: unknown): JobReturn {
  const r = Reader.of('job return', v);
  const schedule = r.optionalString('schedule');
  return {
    jid: r.string('jid', JID_PATTERN),
    fun: Array.isArray(r.any('fun')) ? r.stringList('fun') : r.string('fun'),
    fun_args: r.list('fun_args'),
    return: r.any('return'),
    retcode: r.integer('retcode'),
    success: r.boolean('success'),
    ...(schedule === undefined ? {} : { schedule }),
  };
}

/** A minion announcing that it (re)started, with its grains. */
export interface MinionStart {
  grains: Record<string, unknown>;
}

export function parseMinionStart(v: unknown): MinionStart {
  return { grains: Reader.of('minion start', v).object('grains') };
}

/** An event a minion asks the master to put on the bus (Salt's fire_master). The master
 * decides the minion id from the subject and fires it as Salt does. */
export interface MinionEvent {
  tag: string;
  data: Record<string, unknown>;
}

export function parseMinionEvent(v: unknown): MinionEvent {
  const r = Reader.of('minion event', v);
  const tag = r.string('tag');
  if (tag === '' || tag.length > 512) r.fail("field 'tag' must be 1 to 512 characters");
  return { tag, data: r.object('data') };
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

/** The file server's digests (Salt's hash_type values). */
export const HASH_TYPES = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'] as const;
export type HashType = (typeof HASH_TYPES)[number];

/** The largest chunk a minion may ask the file server for: half the broker's default max_payload. */
export const FILE_CHUNK_MAX = 512 * 1024;

/** Set on a file server or pillar reply that is an error: its value is the error code, the payload the message. */
export const REPLY_ERROR_HEADER = 'Salt-Ts-Error';

/** A saltenv names a folder of the minion's cache, so it is one plain path segment. */
const SALTENV = /^(?!\.\.?$)[A-Za-z0-9_.-]+$/;

/** What a minion asks of the master's file server (the minion id comes from the subject).
 * `stat` answers FileStat as JSON; `read` answers the chunk's raw bytes (shorter at the
 * end of the file); `list` answers FileListing as JSON; `envs` the saltenv names as a JSON
 * list. Paths are checked by the server. */
export type FileRequest =
  | { op: 'envs' }
  | { op: 'stat'; saltenv: string; path: string }
  | { op: 'read'; saltenv: string; path: string; offset: number; length: number }
  | { op: 'list'; saltenv: string; prefix: string };

export function parseFileRequest(v: unknown): FileRequest {
  const r = Reader.of('file request', v);
  const op = r.oneOf('op', ['envs', 'stat', 'read', 'list'] as const);
  if (op === 'envs') return { op };
  const saltenv = r.string('saltenv', SALTENV);
  if (op === 'list') return { op, saltenv, prefix: r.string('prefix') };
  const path = r.string('path');
  if (op === 'stat') return { op, saltenv, path };
  const offset = r.integer('offset');
  const length = r.integer('length');
  if (offset < 0) r.fail("field 'offset' must not be negative");
  if (length < 1 || length > FILE_CHUNK_MAX) r.fail(`field 'length' must be from 1 to ${FILE_CHUNK_MAX}`);
  return { op, saltenv, path, offset, length };
}

/** A file's digest as cp.hash_file returns it. */
export interface FileHash {
  hash_type: HashType;
  hsum: string;
}

export interface FileStat extends FileHash {
  size: number;
}

export function parseFileStat(v: unknown): FileStat {
  const r = Reader.of('file stat reply', v);
  const size = r.integer('size');
  if (size < 0) r.fail("field 'size' must not be negative");
  return { hash_type: r.oneOf('hash_type', HASH_TYPES), hsum: r.string('hsum', /^[0-9a-f]+$/), size };
}

/** A saltenv's files and directories under a prefix, relative to its roots, sorted. */
export interface FileListing {
  files: string[];
  dirs: string[];
  /** Directories with nothing in them (file.recurse's include_empty). */
  empty_dirs: string[];
}

export function parseFileListing(v: unknown): FileListing {
  const r = Reader.of('file list reply', v);
  return { files: r.stringList('files'), dirs: r.stringList('dirs'), empty_dirs: r.stringList('empty_dirs') };
}

export function isSaltenv(name: string): boolean {
  return SALTENV.test(name);
}

/** A minion asking for its pillar. The minion it is for is the subject's, never a field. */
export interface PillarRequest {
  /** Only this pillar environment (Salt's pillarenv); unset or null: the master's pillarenv option. */
  pillarenv?: string | null;
  /** The saltenv of the state run the pillar is for (pillar templates see it). */
  saltenv?: string | null;
}

export function parsePillarRequest(v: unknown): PillarRequest {
  const r = Reader.of('pillar request', v);
  const env = (key: keyof PillarRequest): PillarRequest => {
    const value = r.any(key);
    if (value === undefined) return {};
    if (value === null) return { [key]: null };
    return { [key]: r.string(key, SALTENV) };
  };
  return { ...env('pillarenv'), ...env('saltenv') };
}

/** A compiled pillar as the master sends it: a mapping, with `_errors` a list of strings if present. */
export function parsePillarReply(v: unknown): Pillar {
  const r = Reader.of('pillar reply', v);
  if (r.any('_errors') !== undefined) r.stringList('_errors');
  return v as Pillar;
}
