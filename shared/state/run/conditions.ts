// onlyif / unless / creates: the checks that let a state skip itself, with Salt's
// comments. Shell commands run through cmd.retcode; `fun:` entries call a function.
import { access } from 'node:fs/promises';
import type { LowChunk } from '../types.js';
import { isDict } from '../compile/high.js';
import { truthy } from '../python-values.js';

export type Call = (fun: string, args: unknown[], kwargs: Record<string, unknown>) => Promise<unknown>;

/** The outcome of the checks: result true means skip the state. */
export interface CheckOutcome {
  result: boolean;
  comment: string[];
  skip_watch?: boolean;
}

interface Check {
  result: boolean;
  comment?: string;
  skip_watch?: boolean;
}

const CMD_OPTION_KEYS = ['cwd', 'runas', 'env', 'timeout'] as const;

/** The state's own cmd options passed on to cmd.retcode, as Salt does (minus cmd_opts_exclude). */
function cmdOptions(chunk: LowChunk, grains: Record<string, unknown>): Record<string, unknown> {
  const exclude = new Set(Array.isArray(chunk.cmd_opts_exclude) ? chunk.cmd_opts_exclude.map(String) : []);
  const opts: Record<string, unknown> = {};
  for (const key of CMD_OPTION_KEYS) if (chunk[key] !== undefined && chunk[key] !== null) opts[key] = chunk[key];
  const shell = chunk.shell ?? grains.shell;
  // /sbin/nologin would make every check fail.
  if (typeof shell === 'string' && shell !== '/sbin/nologin') opts.shell = shell;
  for (const key of exclude) delete opts[key];
  return opts;
}

/** Runs a shell command for a check; a command that cannot run counts as `onError`. */
async function shellRetcode(call: Call, command: string, opts: Record<string, unknown>, onError: number): Promise<number> {
  try {
    const rc = Number(await call('cmd.retcode', [command], { ...opts, python_shell: true, ignore_retcode: true }));
    return Number.isNaN(rc) ? onError : rc;
  } catch {
    return onError;
  }
}

/** Traverses a nested return with a colon path (get_return: res:key). */
function traverse(data: unknown, path: string): unknown {
  let here = data;
  for (const part of path.split(':')) {
    if (here === null || typeof here !== 'object') return undefined;
    here = Array.isArray(here) ? here[Number(part)] : (here as Record<string, unknown>)[part];
  }
  return here;
}

async function callFunction(call: Call, entry: Record<string, unknown>): Promise<unknown> {
  const { fun, args, get_return: getReturn, ...kwargs } = entry;
  const result = await call(String(fun), Array.isArray(args) ? args : args === undefined ? [] : [args], kwargs);
  return typeof getReturn === 'string' ? traverse(result, getReturn) : result;
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

/** onlyif: every command must succeed (every function return true) for the state to run. */
async function onlyif(entries: unknown[], call: Call, opts: Record<string, unknown>): Promise<Check> {
  const skip = { result: true, comment: 'onlyif condition is false', skip_watch: true };
  let ret: Check = { result: false };
  for (const entry of entries) {
    if (typeof entry === 'string') {
      if ((await shellRetcode(call, entry, opts, 100)) !== 0) return skip;
    } else if (isDict(entry)) {
      if (!('fun' in entry)) return { result: false, comment: `no \`fun\` argument in onlyif: ${JSON.stringify(entry)}` };
      if (!truthy(await callFunction(call, entry))) return skip;
    } else return { result: false, comment: 'onlyif execution failed, bad type passed' };
    ret = { result: false, comment: 'onlyif condition is true' };
  }
  return ret;
}

/** unless: the state runs as soon as one command fails (one function returns false). */
async function unless(entries: unknown[], call: Call, opts: Record<string, unknown>): Promise<Check> {
  const run = { result: false, comment: 'unless condition is false' };
  let ret: Check = { result: false };
  for (const entry of entries) {
    if (typeof entry === 'string') {
      // A command that cannot run counts as true: skip.
      if ((await shellRetcode(call, entry, opts, 0)) !== 0) return run;
    } else if (isDict(entry)) {
      if (!('fun' in entry)) return { result: false, comment: `no \`fun\` argument in unless: ${JSON.stringify(entry)}` };
      if (!truthy(await callFunction(call, entry))) return run;
    } else {
      ret = { result: false, comment: 'unless condition is false, bad type passed' };
      continue;
    }
    ret = { result: true, comment: 'unless condition is true', skip_watch: true };
  }
  return ret;
}

const exists = (path: string) => access(path).then(() => true, () => false);

async function creates(value: unknown): Promise<Check> {
  if (typeof value === 'string' && (await exists(value))) return { result: true, comment: `${value} exists`, skip_watch: true };
  if (Array.isArray(value) && (await Promise.all(value.map((p) => exists(String(p))))).every(Boolean)) {
    return { result: true, comment: 'All files in creates exist', skip_watch: true };
  }
  return { result: false, comment: 'Creates files not found' };
}

/** Runs the chunk's onlyif, unless and creates; null when it has none. */
export async function runChecks(chunk: LowChunk, call: Call, grains: Record<string, unknown>): Promise<CheckOutcome | null> {
  if (!('onlyif' in chunk) && !('unless' in chunk) && !('creates' in chunk)) return null;
  const opts = cmdOptions(chunk, grains);
  const checks: Check[] = [];
  if ('onlyif' in chunk) checks.push(await onlyif(list(chunk.onlyif), call, opts));
  if ('unless' in chunk) checks.push(await unless(list(chunk.unless), call, opts));
  if ('creates' in chunk) checks.push(await creates(chunk.creates));
  const outcome: CheckOutcome = { result: checks.some((c) => c.result), comment: checks.flatMap((c) => (c.comment === undefined ? [] : [c.comment])) };
  if (checks.some((c) => c.skip_watch)) outcome.skip_watch = true;
  return outcome;
}

/** check_cmd after a state ran: any non-zero exit makes the state fail. */
export async function runCheckCmd(chunk: LowChunk, call: Call, grains: Record<string, unknown>): Promise<{ result: boolean; comment: string } | null> {
  const commands = list(chunk.check_cmd).map(String);
  if (commands.length === 0) return null;
  const opts = typeof grains.shell === 'string' ? { shell: grains.shell } : {};
  for (const command of commands) {
    if ((await shellRetcode(call, command, opts, 1)) !== 0) return { result: false, comment: 'check_cmd determined the state failed' };
  }
  return { result: true, comment: 'check_cmd determined the state succeeded' };
}
