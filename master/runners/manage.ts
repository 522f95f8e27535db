// manage: which minions are up and which are down, found by pinging every accepted minion.
import { userInfo } from 'node:os';
import { publishJob } from '../client/publish.js';
import type { RunnerContext, RunnerModule } from './types.js';

async function pingAll(ctx: RunnerContext): Promise<{ up: string[]; down: string[] }> {
  const timeout = Number(ctx.args.kwarg.timeout ?? ctx.config.timeout);
  const job = await publishJob(ctx.nc, { tgt: '*', tgt_type: 'glob', fun: 'test.ping', arg: [], kwarg: {}, user: userInfo().username, timeout });
  const up: string[] = [];
  for await (const ret of job.returns()) up.push(ret.id);
  return { up: up.sort(), down: job.missing() };
}

export const manageRunner: RunnerModule = {
  name: 'manage',
  functions: {
    status: { doc: 'Ping every accepted minion; return the ids that answered (up) and those that did not (down).', run: pingAll },
    up: { doc: 'Return the ids of the accepted minions that answer a ping.', run: async (ctx) => (await pingAll(ctx)).up },
    down: { doc: 'Return the ids of the accepted minions that do not answer a ping.', run: async (ctx) => (await pingAll(ctx)).down },
  },
};
