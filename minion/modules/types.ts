// The shape of an execution module: plain named functions, each with a one-line
// doc and its parameters declared, receiving everything it needs in a context.
import type { Grains } from '../grains/core.js';

export interface ExecContext {
  id: string;
  jid: string;
  grains: Grains;
  /** Sets the job's retcode (Salt's __context__['retcode']). */
  setRetcode(code: number): void;
}

/** A parameter; it is required unless it has a default. */
export interface ParamSpec {
  name: string;
  default?: unknown;
}

/** Arguments bound to parameter names; `args` / `kwargs` hold the *args / **kwargs extras. */
export type BoundArgs = Record<string, unknown> & { args?: unknown[]; kwargs?: Record<string, unknown> };

export interface ExecFunction {
  doc: string;
  params?: ParamSpec[];
  /** Accepts extra positional arguments (*args). */
  varargs?: boolean;
  /** Accepts extra keyword arguments (**kwargs). */
  varkw?: boolean;
  run(ctx: ExecContext, args: BoundArgs): unknown;
}

export interface ExecModule {
  name: string;
  doc: string;
  functions: Record<string, ExecFunction>;
}
