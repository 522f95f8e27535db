// cache: what the master has cached about its minions (cache.grains: the grains each
// minion reported when it last started), for the minions a target matches.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { publishJob } from '../client/publish.js';
import { targetType } from '../orchestrate/minion-job.js';
import type { Grains } from '../grains-cache.js';
import type { RunnerModule } from './types.js';

export const cacheRunner: RunnerModule = {
  name: 'cache',
  functions: {
    grains: {
      doc: "The cached grains of the minions `tgt` matches (tgt_type= as for salt-ts; default '*'), by minion id.",
      run: async (ctx) => {
        const tgt = (ctx.args.arg[0] ?? ctx.args.kwarg.tgt ?? '*') as string | string[];
        // The master's own targeting says who matches; nothing is published.
        const plan = await publishJob(ctx.nc, {
          tgt, tgt_type: targetType(ctx.args.kwarg.tgt_type, 'cache.grains'), fun: 'test.ping', arg: [], kwarg: {}, user: userInfo().username, timeout: 0, dry_run: true,
        });
        const found: Record<string, Grains> = {};
        for (const id of plan.minions.sort()) {
          const text = await readFile(join(ctx.config.cachedir, 'minions', id, 'grains.json'), 'utf8').catch(() => null);
          if (text !== null) found[id] = JSON.parse(text) as Grains;
        }
        return found;
      },
    },
  },
};
