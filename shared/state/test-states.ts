// test: states that succeed, fail or pretend to change on demand, for trying out
// requisites and outputs (Salt's states/test.py).
import type { StateContext, StateFunction, StateModule, StateReturn } from './types.js';
import { pyRepr } from '../output/pyrepr.js';
import { pyStr } from '../output/py-str.js';
import { invalidArgument, startReturn, truthy } from './state-return.js';

const PRETEND = { testing: { old: 'Unchanged', new: 'Something pretended to change' } };

/** The comment argument, or the default. */
const commentOr = (comment: unknown, fallback: string): string => (comment == null ? fallback : pyStr(comment));

/** A fixed outcome: its result and changes, and what it says under test=True. */
function fixed(doc: string, result: boolean, changes: boolean, testComment: string | null): StateFunction {
  return {
    doc,
    run: (ctx, args) => {
      const ret = startReturn(args.name, commentOr(args.comment, result ? 'Success!' : 'Failure!'));
      ret.result = result;
      if (changes) ret.changes = structuredClone(PRETEND);
      if (ctx.test && testComment !== null) {
        // fail_without_changes stays False under test=True; the two with changes become None.
        ret.result = changes ? null : result;
        ret.comment = testComment;
      }
      return ret;
    },
  };
}

/** True, False or 'Random' (any case), as configurable_test_state takes changes and result. */
function choice(ctx: StateContext, arg: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (String(value).toLowerCase() === 'random') return Math.random() < 0.5;
  throw invalidArgument(ctx, 'test.configurable_test_state', `You have specified the state option '${arg}' with invalid arguments. It must be either True, False, or 'Random', got ${pyRepr(value)}`);
}

function configurable(ctx: StateContext, args: Record<string, unknown> & { name: string }): StateReturn {
  const changesArg = args.changes ?? true;
  const comment = args.comment == null ? '' : pyStr(args.comment);
  const ret = startReturn(args.name, comment);
  if (choice(ctx, 'changes', changesArg)) ret.changes = structuredClone(PRETEND);
  ret.result = choice(ctx, 'result', args.result ?? true);
  const warnings = args.warnings;
  if (warnings != null) {
    if (typeof warnings !== 'string' && !Array.isArray(warnings)) {
      throw invalidArgument(ctx, 'test.configurable_test_state', `You have specified the state option 'warnings' with invalid arguments. It must be a string or a list of strings, got ${pyRepr(warnings)}`);
    }
    (ret as StateReturn & { warnings?: unknown }).warnings = typeof warnings === 'string' ? [warnings] : warnings;
  }
  if (ctx.test) {
    ret.result = changesArg === false ? true : null;
    ret.comment = comment || 'This is a test';
  }
  return ret;
}

const succeedWithout = fixed('Return True with no changes; comment (default "Success!") is kept.', true, false, null);

export const testStates: StateModule = {
  name: 'test',
  doc: 'States that succeed, fail or pretend to change on demand, for trying out requisites and outputs.',
  functions: {
    nop: { doc: 'Do nothing and succeed, whatever the arguments.', run: (ctx, args) => succeedWithout.run(ctx, { name: args.name }) },
    succeed_without_changes: succeedWithout,
    fail_without_changes: fixed('Return False with no changes (still False under test=True).', false, false, "If we weren't testing, this would be a failure!"),
    succeed_with_changes: fixed('Return True with a pretended change (None under test=True).', true, true, "If we weren't testing, this would be successful with changes"),
    fail_with_changes: fixed('Return False with a pretended change (None under test=True).', false, true, "If we weren't testing, this would be failed with changes"),
    configurable_test_state: {
      doc: "Return what the arguments ask: changes and result each True, False or 'Random'; comment; warnings (a string or a list).",
      run: configurable,
    },
    show_notification: {
      doc: 'Succeed with `text` as the comment.',
      run: (ctx, args) => {
        if (!truthy(args.text)) throw invalidArgument(ctx, 'test.show_notification', 'Missing required argument text.');
        return startReturn(args.name, pyStr(args.text));
      },
    },
  },
  modWatch: {
    doc: 'Run when a watched state changed: succeed with comment "Watch statement fired." unless result, comment or changes say otherwise.',
    run: (_ctx, args) => ({
      name: args.name,
      result: (args.result as boolean | undefined) ?? true,
      comment: args.comment == null ? 'Watch statement fired.' : pyStr(args.comment),
      changes: (args.changes as Record<string, unknown> | undefined) ?? {},
    }),
  },
};
