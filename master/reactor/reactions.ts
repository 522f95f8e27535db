// A rendered reactor SLS as reactions: each ID declares one `<kind>.<fun>` (local.cmd.run,
// runner.state.orchestrate, wheel.key.accept, caller.file.touch) with a list of settings,
// as Salt's reactor reads them. `cmd.` is Salt's old spelling of `local.`.
import type { ParsedArgs } from '../../shared/args.js';
import { SaltTsError } from '../../shared/errors.js';
import { isRecord } from '../../shared/output/sorted-keys.js';

const REACTION_KINDS = ['local', 'runner', 'wheel', 'caller'] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];

export interface Reaction {
  /** The SLS ID, for logs and error events. */
  id: string;
  kind: ReactionKind;
  fun: string;
  /** The settings merged from the ID's list (tgt, args, mods, match...). */
  settings: Record<string, unknown>;
}

export function parseReactions(data: unknown, source: string): Reaction[] {
  if (!isRecord(data)) throw new SaltTsError('SALTTS_STATE_COMPILE', `${source}: a reactor SLS must render to a mapping of IDs to reactions, got ${JSON.stringify(data)}`);
  return Object.entries(data).map(([id, body]) => parseReaction(id, body, source));
}

function parseReaction(id: string, body: unknown, source: string): Reaction {
  const fail = (why: string) => new SaltTsError('SALTTS_STATE_COMPILE', `${source}: reaction '${id}' ${why}`);
  if (!isRecord(body) || Object.keys(body).length !== 1) throw fail(`must hold exactly one of ${REACTION_KINDS.join('.<fun>, ')}.<fun>, got ${JSON.stringify(body)}`);
  const [key, items] = Object.entries(body)[0]!;
  const dot = key.indexOf('.');
  const prefix = dot === -1 ? key : key.slice(0, dot);
  const kind = (prefix === 'cmd' ? 'local' : prefix) as ReactionKind;
  if (!REACTION_KINDS.includes(kind)) throw fail(`has unknown kind '${prefix}' (known: ${REACTION_KINDS.join(', ')})`);
  let fun = dot === -1 ? '' : key.slice(dot + 1);
  const settings: Record<string, unknown> = {};
  for (const item of items == null ? [] : Array.isArray(items) ? items : [items]) {
    if (typeof item === 'string' && fun === '') fun = item; // `local: [cmd.run, ...]`, the state-style spelling
    else if (isRecord(item)) Object.assign(settings, item);
    else throw fail(`has a setting that is not a mapping: ${JSON.stringify(item)}`);
  }
  if (fun === '') throw fail(`names no function (write ${kind}.<module>.<function>)`);
  return { id, kind, fun, settings };
}

/** Settings that steer a reaction rather than being arguments of its function. */
const TARGETING = ['tgt', 'tgt_type', 'expr_form', 'timeout', 'ret'];

/** The function's arguments: `args:` (new style: mappings are keyword arguments, other items
 * positional), `arg:` / `kwarg:` (old style); for runners and wheels, any other setting is a
 * keyword argument too (`- mods: orch.x`, `- match: web*`). */
export function reactionArgs(reaction: Reaction): ParsedArgs {
  const { args, arg, kwarg, name: _name, ...rest } = reaction.settings;
  const parsed: ParsedArgs = { arg: [], kwarg: {} };
  for (const item of listOf(arg)) parsed.arg.push(item);
  if (kwarg != null) {
    if (!isRecord(kwarg)) throw new SaltTsError('SALTTS_BAD_ARGUMENT', `reaction '${reaction.id}': kwarg must be a mapping, got ${JSON.stringify(kwarg)}`);
    Object.assign(parsed.kwarg, kwarg);
  }
  for (const item of isRecord(args) ? [args] : listOf(args)) {
    if (isRecord(item)) Object.assign(parsed.kwarg, item);
    else parsed.arg.push(item);
  }
  const extra = Object.entries(rest).filter(([key]) => !TARGETING.includes(key));
  if (reaction.kind === 'runner' || reaction.kind === 'wheel') Object.assign(parsed.kwarg, Object.fromEntries(extra));
  else if (extra.length) {
    throw new SaltTsError('SALTTS_BAD_ARGUMENT', `reaction '${reaction.id}': unknown setting(s) ${extra.map(([k]) => k).join(', ')}; pass the function's arguments in args: (or arg: / kwarg:)`);
  }
  return parsed;
}

function listOf(value: unknown): unknown[] {
  if (value == null) return [];
  return Array.isArray(value) ? value : [value];
}
