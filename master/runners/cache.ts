// cache: what the master has cached about its minions (cache.grains: the grains each
// minion reported when it last started), for the minions a target matches.
import { userInfo } from 'node:os';
import { publishJob } from '../client/publish.js';
import { targetType } from '../orchestrate/minion-job.js';
import type { Grains } from '../grains-cache.js';
import { readCachedGrains } from './cached-grains.js';
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
          const grains = await readCachedGrains(ctx.config.cachedir, id);
          if (grains) found[id] = grains;
        }
        return found;
      },
    },
  },
};
