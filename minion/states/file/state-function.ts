// What every file state does before and after its own work: expand ~ in `name`, refuse an
// empty (or, when asked, relative) name with Salt's comment, and turn anything thrown into a failed return.
import path from 'node:path';
import type { StateArgs, StateContext, StateFunction, StateReturn } from '../../../shared/state/types.js';
import { expandUser } from '../../modules/file/paths.js';
import { pyStr } from '../../../shared/output/py-str.js';
import { errorText, fail, startReturn } from '../../../shared/state/state-return.js';

/** The work of one file state, given the expanded name and the return to fill. */
export type FileStateBody = (ctx: StateContext, args: StateArgs, name: string, ret: StateReturn) => Promise<StateReturn>;

export interface FileStateOptions {
  /** The comment for an empty name; default `Must provide name to file.<fun>`; null: no such check (file.recurse). */
  missingName?: string | null;
  /** Refuse a relative name before the body runs. */
  absolute?: boolean;
  /** The name after ~ expansion, as the return and the body see it (file.directory drops trailing slashes). */
  normalize?: (name: string) => string;
  /** The failed return for an error the body throws; default its message as the comment. */
  onError?: (err: unknown, name: string, ret: StateReturn) => StateReturn;
  /** Passed on to the StateFunction (the state's `require` list reaches args). */
  takesRequire?: boolean;
}

/** The state function `file.<fun>` running `body` inside the shared preamble. */
export function fileStateFunction(fun: string, doc: string, body: FileStateBody, options: FileStateOptions = {}): StateFunction {
  const missingName = options.missingName === undefined ? `Must provide name to file.${fun}` : options.missingName;
  const onError = options.onError ?? ((err, _name, ret) => fail(ret, errorText(err)));
  return {
    doc,
    ...(options.takesRequire ? { takesRequire: true } : {}),
    run: async (ctx, args) => {
      const expanded = await expandUser(pyStr(args.name ?? ''));
      const name = options.normalize ? options.normalize(expanded) : expanded;
      const ret = startReturn(name);
      if (!name && missingName !== null) return fail(ret, missingName);
      if (options.absolute && !path.isAbsolute(name)) return fail(ret, `Specified file ${name} is not an absolute path`);
      try {
        return await body(ctx, args, name, ret);
      } catch (err) {
        return onError(err, name, ret);
      }
    },
  };
}
