// manage: which minions are up and which are down, found by pinging every accepted
// minion, and which run another salt-ts version than the master.
import { userInfo } from 'node:os';
import { VERSION } from '../../shared/version.js';
import { publishJob } from '../client/publish.js';
import type { RunnerContext, RunnerModule } from './types.js';

/** Runs a function on every accepted minion; returns who answered what, and who did not. */
async function askAll(ctx: RunnerContext, fun: string): Promise<{ answers: Map<string, unknown>; down: string[] }> {
  const timeout = Number(ctx.args.kwarg.timeout ?? ctx.config.timeout);
  const job = await publishJob(ctx.nc, { tgt: '*', tgt_type: 'glob', fun, arg: [], kwarg: {}, user: userInfo().username, timeout });
  const answers = new Map<string, unknown>();
  for await (const ret of job.returns()) answers.set(ret.id, ret.return);
  return { answers, down: job.missing() };
}

async function status(ctx: RunnerContext): Promise<{ down: string[]; up: string[] }> {
  const { answers, down } = await askAll(ctx, 'test.ping');
  return { down, up: [...answers.keys()].sort() };
}

/** -1, 0 or 1 as dotted version a is older than, equal to or newer than b. */
function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

export const manageRunner: RunnerModule = {
  name: 'manage',
  functions: {
    status: { doc: 'Ping every accepted minion; return the ids that answered (up) and those that did not (down).', run: status },
    up: { doc: 'Return the ids of the accepted minions that answer a ping.', run: async (ctx) => (await status(ctx)).up },
    down: { doc: 'Return the ids of the accepted minions that do not answer a ping.', run: async (ctx) => (await status(ctx)).down },
    versions: {
      doc: "Compare every minion's salt-ts version with the master's, as Salt's manage.versions does.",
      run: async (ctx) => {
        const { answers, down } = await askAll(ctx, 'test.version');
        const groups: Record<string, Record<string, string>> = {};
        const label = ['Minion requires update', 'Up to date', 'Minion newer than master'];
        for (const [id, version] of [...answers].sort()) {
          (groups[label[compareVersions(String(version), VERSION) + 1]!] ??= {})[id] = String(version);
        }
        if (down.length) groups['Minion offline'] = Object.fromEntries(down.map((id) => [id, 'Minion did not return. [No response]']));
        return { Master: VERSION, ...groups };
      },
    },
  },
};
