// A runner: a function salt-ts-run executes on the master's host, with a
// connection to the master and the master's config.
import type { NatsConnection } from '@nats-io/transport-node';
import type { MasterConfig } from '../../shared/config/load.js';
import type { ParsedArgs } from '../../shared/args.js';

export interface RunnerContext {
  config: MasterConfig;
  nc: NatsConnection;
  args: ParsedArgs;
}

export interface RunnerFunction {
  doc: string;
  run(ctx: RunnerContext): Promise<unknown>;
  /** The outputter its result prints with when --out is not given (nested otherwise); a
   * function when that depends on the arguments (jobs.lookup_jid of a state run). */
  outputter?: string | ((ctx: RunnerContext) => string);
  /** salt-ts-run's exit code for a result (0 otherwise). */
  retcode?(result: unknown): number;
}

export interface RunnerModule {
  name: string;
  functions: Record<string, RunnerFunction>;
}
