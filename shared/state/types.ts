// The shapes the state system passes around: low chunks (one state call each),
// the state modules that run them, what a state returns, and a run's results.

/** One compiled state call, keyed as Salt's low data: state, name, __sls__, __env__,
 * __id__, the state's arguments and requisites, order, fun. */
export interface LowChunk {
  state: string;
  name: string;
  __sls__: string;
  __env__: string;
  __id__: string;
  order: number;
  fun: string;
  [arg: string]: unknown;
}

/** What a state function returns. result: true done, false failed, null would change (test=True). */
export interface StateReturn {
  name: string;
  result: boolean | null;
  comment: string;
  changes: Record<string, unknown>;
  /** Set by a state that was skipped by onlyif/unless/creates. */
  skip_watch?: boolean;
}

/** One entry of a state run, under the key `state_|-id_|-name_|-fun`. */
export interface StateResult extends StateReturn {
  __id__: string;
  __sls__: string;
  __run_num__: number;
  start_time: string;
  duration: number;
  __state_ran__?: boolean;
}

export type StateRunResult = Record<string, StateResult>;

/** Everything a state function may use; passed in, never global. */
export interface StateContext {
  /** Report what would change and change nothing. */
  test: boolean;
  /** The minion id (or the master's, for orchestration). */
  id: string;
  grains: Record<string, unknown>;
  pillar: Record<string, unknown>;
  opts: Record<string, unknown>;
  saltenv: string;
  /** The running state's ID declaration and SLS. */
  stateId: string;
  sls: string;
  /** Calls an execution function (Salt's __salt__). */
  call(fun: string, arg?: unknown[], kwarg?: Record<string, unknown>): Promise<unknown>;
  /** Fetches salt://path (in `saltenv`) into the local cache and returns the cached
   * path; a local path is returned as it is; null when the file does not exist. */
  cacheFile(url: string, saltenv?: string): Promise<string | null>;
  /** Lists the file server's files under salt://prefix (for file.recurse). */
  listFiles(prefix: string, saltenv?: string): Promise<string[]>;
  /** Renders template text with a renderer such as 'jinja', with grains, pillar, opts
   * and `vars` in context; `source` names it in errors. */
  renderTemplate(text: string, renderer: string, source: string, vars?: Record<string, unknown>): Promise<string>;
}

/** Arguments of a state call: the low chunk minus its bookkeeping and requisites. */
export type StateArgs = Record<string, unknown> & { name: string };

export interface StateFunction {
  doc: string;
  /** Also gets the state's `require` list (file.directory's clean keeps what is required). */
  takesRequire?: boolean;
  run(ctx: StateContext, args: StateArgs): Promise<StateReturn> | StateReturn;
}

/** A state module: named functions, and optionally what a `watch` that fires calls. */
export interface StateModule {
  name: string;
  doc: string;
  functions: Record<string, StateFunction>;
  /** Salt's mod_watch: run when a watched state changed (service restart, cmd re-run). */
  modWatch?: StateFunction;
}

/** Finds the function for `state.fun` (e.g. file.managed); undefined when unknown. */
export type StateLookup = (state: string) => StateModule | undefined;
