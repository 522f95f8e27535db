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
}

export interface RunnerModule {
  name: string;
  functions: Record<string, RunnerFunction>;
}
