// The wheel functions a reaction can call: Salt's key.accept / key.reject / key.delete on
// the master's key store, then the broker learns the new key lists at once.
import type { ParsedArgs } from '../../shared/args.js';
import { SaltTsError } from '../../shared/errors.js';
import { planKeyAction, type KeyAction } from '../keys/actions.js';
import type { KeyStore } from '../keys/store.js';

export interface WheelContext {
  keys: KeyStore;
  /** Hands the key store's accepted keys to the broker. */
  applyKeys(): Promise<number>;
}

const VERBS: Record<string, KeyAction['verb']> = { 'key.accept': 'accept', 'key.reject': 'reject', 'key.delete': 'delete' };

/** Runs a wheel function; answers {minions: [ids changed]} as Salt's key wheel does. */
export async function runWheel(fun: string, args: ParsedArgs, ctx: WheelContext): Promise<{ minions: string[] }> {
  const verb = VERBS[fun];
  if (!verb) throw new SaltTsError('SALTTS_UNKNOWN_FUNCTION', `wheel.${fun} is not available to reactions (${Object.keys(VERBS).map((f) => `wheel.${f}`).join(', ')})`);
  const match = args.kwarg.match ?? args.arg[0];
  const globs = typeof match === 'string' ? [match] : match;
  if (!Array.isArray(globs) || globs.length === 0 || !globs.every((g) => typeof g === 'string' && g !== '')) {
    throw new SaltTsError('SALTTS_BAD_ARGUMENT', `wheel.${fun} needs match: a minion id glob (or a list of them), got ${JSON.stringify(match ?? null)}`);
  }
  const opts = { includeRejected: args.kwarg.include_rejected === true, includeAccepted: args.kwarg.include_accepted === true };
  const minions = globs.flatMap((glob) => {
    const plan = planKeyAction(ctx.keys, { verb, glob }, opts);
    plan.apply();
    return plan.matched;
  });
  if (minions.length) await ctx.applyKeys();
  return { minions };
}
