// What a state run needs from its caller: where state modules come from, how to build
// a state's context, how to call execution functions, and where to report progress.
import type { LowChunk, StateContext, StateLookup, StateResult } from '../types.js';

export interface RunOptions {
  lookup: StateLookup;
  /** Builds the context one state call gets; `test` is that call's test mode. */
  context(chunk: LowChunk, test: boolean): StateContext;
  /** Global test mode (state.apply test=True). */
  test: boolean;
  /** Global failhard: stop after the first failed state. */
  failhard?: boolean;
  /** Calls an execution function: cmd.retcode for onlyif/unless/check_cmd, `fun:` checks. */
  call(fun: string, args: unknown[], kwargs: Record<string, unknown>): Promise<unknown>;
  /** Told of every result as it lands, under its `state_|-id_|-name_|-fun` key, with the chunk that ran. */
  onResult?(key: string, result: StateResult, chunk: LowChunk): void;
  /** Told when a state is about to be called for real (not a prereq's test run). */
  onStart?(chunk: LowChunk): void;
}
