// salt: the orchestration states (Salt's states/saltmod.py): run a function or a state
// run on minions, or a runner, and fail when a targeted minion failed or stayed silent.
import type { StateArgs, StateContext, StateModule, StateReturn } from '../../../shared/state/types.js';
import { invalidArgument, truthy } from '../../../shared/state/state-return.js';
import type { JobOutcome, JobPublisher } from '../minion-job.js';

export interface SaltStateSettings {
  publisher: JobPublisher;
  /** The orchestration's pillarenv, passed on to salt.state unless the step names its own. */
  pillarenv?: string;
}

function listArg(value: unknown): unknown[] {
  if (value == null) return [];
  return Array.isArray(value) ? value : [value];
}

/** fail_minions as Salt takes it: a list, or 'a,b'. */
function failMinions(value: unknown): Set<string> {
  const names = typeof value === 'string' ? value.split(',') : listArg(value).map(String);
  return new Set(names.map((name) => name.trim()).filter(Boolean));
}

function target(ctx: StateContext, fun: string, args: StateArgs): string | string[] {
  const tgt = args.tgt;
  if (typeof tgt === 'string' || (Array.isArray(tgt) && tgt.every((t) => typeof t === 'string'))) return tgt as string | string[];
  throw invalidArgument(ctx, fun, `tgt must be a target (a glob such as 'web*', or a list), got ${JSON.stringify(tgt ?? null)}`);
}

/** Whether a minion's state run succeeded: a mapping of states none of which failed. */
function stateRunSucceeded(ret: unknown): boolean {
  if (!ret || typeof ret !== 'object' || Array.isArray(ret)) return false;
  return Object.values(ret).every((state) => !state || typeof state !== 'object' || (state as { result?: unknown }).result !== false);
}

function anyChanges(ret: unknown): boolean {
  if (!ret || typeof ret !== 'object' || Array.isArray(ret)) return false;
  return Object.values(ret).some((state) => Object.keys((state as { changes?: object } | null)?.changes ?? {}).length > 0);
}

/** The minions that did not return, named as failures when the step expects every minion
 * (expect_minions: False by default for salt.function, True for salt.state, as in Salt)
 * unless fail_minions allows them. */
function silent(outcome: JobOutcome, allowed: Set<string>, expect: unknown, expectByDefault: boolean): string[] {
  if (!(expect == null ? expectByDefault : truthy(expect))) return [];
  return outcome.missing.filter((id) => !allowed.has(id));
}

/** allow_fail: how many minions may fail before the step does (0 unless given). */
function allowFail(ctx: StateContext, value: unknown): number {
  const n = value == null ? 0 : Number(value);
  if (!Number.isInteger(n) || n < 0) throw invalidArgument(ctx, 'salt.state', `allow_fail must be a whole number of minions, got ${JSON.stringify(value)}`);
  return n;
}

export function saltStates(settings: SaltStateSettings): StateModule {
  return {
    name: 'salt',
    doc: 'Orchestration: run execution functions, state runs and runners from the master.',
    functions: {
      function: {
        doc: "Run execution function `name` on `tgt` (tgt_type, arg, kwarg, timeout, batch, subset); fails when a minion fails (retcode, False, or fail_function's verdict), or with expect_minions=True does not return, unless it is in fail_minions.",
        run: async (ctx, args) => {
          const fun = args.name;
          const ret: StateReturn = { name: fun, result: true, comment: '', changes: {} };
          const tgt = target(ctx, 'salt.function', args);
          if (ctx.test) return { ...ret, result: null, comment: `Function ${fun} would be executed` };
          const kwarg = (args.kwarg ?? {}) as Record<string, unknown>;
          const outcome = await settings.publisher.run({ tgt, tgt_type: args.tgt_type, fun, arg: listArg(args.arg), kwarg, timeout: args.timeout, batch: args.batch, subset: args.subset });
          const allowed = failMinions(args.fail_minions);
          const failed = new Set(silent(outcome, allowed, args.expect_minions, false));
          const returns: Record<string, unknown> = {};
          for (const [id, r] of Object.entries(outcome.returns)) {
            returns[id] = r.ret;
            let ok = r.retcode === 0 && r.success && r.ret !== false;
            if (ok && typeof args.fail_function === 'string') ok = Boolean(await ctx.call(args.fail_function, [r.ret]));
            if (!ok && !allowed.has(id)) failed.add(id);
          }
          if (Object.keys(returns).length === 0 && outcome.missing.length === 0) return { ...ret, result: false, comment: 'No minions responded' };
          if (Object.keys(returns).length) ret.changes = { ret: returns };
          if (failed.size) return { ...ret, result: false, comment: `Running function ${fun} failed on minions: ${[...failed].sort().join(', ')}` };
          return { ...ret, comment: 'Function ran successfully.' };
        },
      },
      state: {
        doc: 'Apply `sls` (or the top file with highstate=True) on `tgt`, with pillar, pillarenv, saltenv, timeout, batch, subset; test=True is passed on. Fails when more than allow_fail minions fail or (expect_minions, default True) do not return, leaving out fail_minions.',
        run: async (ctx, args) => {
          const ret: StateReturn = { name: args.name, result: true, comment: '', changes: {} };
          const tgt = target(ctx, 'salt.state', args);
          const sls = args.sls ?? (args.highstate === true ? undefined : args.name);
          const kwarg: Record<string, unknown> = {};
          if (ctx.test) kwarg.test = true;
          if (args.pillar !== undefined) kwarg.pillar = args.pillar;
          const pillarenv = args.pillarenv ?? settings.pillarenv;
          if (pillarenv !== undefined) kwarg.pillarenv = pillarenv;
          if (args.saltenv !== undefined) kwarg.saltenv = args.saltenv;
          const outcome = await settings.publisher.run({
            tgt, tgt_type: args.tgt_type, fun: sls === undefined ? 'state.highstate' : 'state.sls', arg: sls === undefined ? [] : [sls], kwarg, timeout: args.timeout, batch: args.batch, subset: args.subset,
          });
          const allowed = failMinions(args.fail_minions);
          const tolerated = allowFail(ctx, args.allow_fail);
          const failed = new Set(silent(outcome, allowed, args.expect_minions, true));
          const changed: Record<string, unknown> = {};
          const unchanged: string[] = [];
          for (const [id, r] of Object.entries(outcome.returns).sort(([a], [b]) => a.localeCompare(b))) {
            if (r.retcode !== 0 || !stateRunSucceeded(r.ret)) {
              if (!allowed.has(id)) failed.add(id);
              changed[id] = r.ret;
            } else if (anyChanges(r.ret)) changed[id] = r.ret;
            else unchanged.push(id);
          }
          if (Object.keys(outcome.returns).length === 0 && outcome.missing.length === 0) return { ...ret, result: false, comment: 'No minions matched the target. No command was sent, no jid was assigned.' };
          if (Object.keys(changed).length) ret.changes = { ret: changed };
          if (failed.size > tolerated) return { ...ret, result: false, comment: `Run failed on minions: ${[...failed].sort().join(', ')}` };
          let comment = 'States ran successfully.';
          const updated = Object.keys(changed);
          if (updated.length) comment += ` Updating ${updated.join(', ')}.`;
          if (unchanged.length) comment += ` No changes made to ${unchanged.join(', ')}.`;
          return { ...ret, result: ctx.test && updated.length ? null : true, comment };
        },
      },
      runner: {
        doc: 'Run runner `name` on the master with the remaining arguments as its keyword arguments.',
        run: async (ctx, args) => {
          const { name, ...kwargs } = args;
          const value = await ctx.call('saltutil.runner', [name], kwargs);
          return { name, result: true, comment: `Runner function '${name}' executed.`, changes: { return: value } };
        },
      },
    },
  };
}
