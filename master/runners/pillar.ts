// pillar: what the master would send a minion, compiled fresh from pillar_roots with the
// minion's cached grains (show_pillar, items), and which pillar SLS files it gets (show_top).
import { SaltTsError } from '../../shared/errors.js';
import { MINION_ID_PATTERN } from '../../shared/minion-id.js';
import { isSaltenv, type PillarRequest } from '../../shared/protocol/messages.js';
import type { Grains } from '../grains-cache.js';
import { MasterPillarCompiler } from '../pillar/compiler.js';
import { readCachedGrains } from './cached-grains.js';
import type { RunnerContext, RunnerFunction, RunnerModule } from './types.js';

function minionOf(ctx: RunnerContext): string {
  const id = ctx.args.arg[0] ?? ctx.args.kwarg.minion;
  if (typeof id !== 'string' || !MINION_ID_PATTERN.test(id)) {
    throw new SaltTsError('SALTTS_BAD_ARGUMENT', `pillar runners need the id of one minion (e.g. salt-ts-run pillar.show_pillar web1), got ${JSON.stringify(id ?? null)}`);
  }
  return id;
}

function requestOf(ctx: RunnerContext): PillarRequest {
  const req: PillarRequest = {};
  for (const key of ['pillarenv', 'saltenv'] as const) {
    const value = ctx.args.kwarg[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' || !isSaltenv(value)) throw new SaltTsError('SALTTS_BAD_ARGUMENT', `${key}=${JSON.stringify(value)} is not an environment name`);
    req[key] = value;
  }
  return req;
}

async function withCompiler<T>(ctx: RunnerContext, work: (compiler: MasterPillarCompiler, id: string, grains: Grains) => Promise<T>): Promise<T> {
  const id = minionOf(ctx);
  const compiler = new MasterPillarCompiler(ctx.config, 1);
  try {
    return await work(compiler, id, (await readCachedGrains(ctx.config.cachedir, id).catch(() => null)) ?? { id });
  } finally {
    await compiler.close();
  }
}

const showPillar: RunnerFunction = {
  doc: "Compile a minion's pillar on the master and return it (pillarenv=, saltenv= as a state run would ask).",
  run: (ctx) => withCompiler(ctx, (compiler, id, grains) => compiler.compile(id, grains, requestOf(ctx))),
};

export const pillarRunner: RunnerModule = {
  name: 'pillar',
  functions: {
    show_pillar: showPillar,
    items: showPillar,
    show_top: {
      doc: 'Return the pillar SLS files a minion gets, per saltenv (the top files\' errors instead, when they have any).',
      run: (ctx) => withCompiler(ctx, (compiler, id, grains) => compiler.top(id, grains, requestOf(ctx))),
    },
  },
};
