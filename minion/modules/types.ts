// The shape of an execution module: plain named functions, each with a one-line
// doc and its parameters declared, receiving everything it needs in a context.
import type { Grains } from '../grains/core.js';
import type { MinionConfig } from '../../shared/config/load.js';
import type { DaemonRequest, DaemonReply } from '../jobs/daemon-requests.js';
import type { Pillar } from '../../shared/pillar/types.js';

export interface ExecContext {
  id: string;
  jid: string;
  grains: Grains;
  /** The pillar the job runs with (Salt's __pillar__): the minion's, or a state run's own. */
  pillar: Pillar;
  /** This job's context with another pillar: what a state run's pillarenv= or pillar=
   * gives its templates, its states and the functions they call. */
  withPillar(pillar: Pillar): ExecContext;
  /** The minion's configuration (Salt's __opts__). */
  opts: MinionConfig;
  /** Sets the job's retcode (Salt's __context__['retcode']). */
  setRetcode(code: number): void;
  /** Calls another execution function by name (Salt's __salt__). */
  call(fun: string, arg?: unknown[], kwarg?: Record<string, unknown>): Promise<unknown>;
  /** Every registered function, for the sys module. */
  functions(): ReadonlyMap<string, ExecFunction>;
  /** Asks the minion daemon for what only it knows or can do (running jobs, grains refresh). */
  daemon<R extends DaemonRequest>(request: R): Promise<DaemonReply<R>>;
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
