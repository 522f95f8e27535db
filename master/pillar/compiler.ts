// Compiles minions' pillars on the master from its pillar_roots, through a small pool of
// render threads. A compilation asked for again while the same one still waits its turn
// is answered by that one (a minion's start notice and its own request arrive together).
import type { MasterConfig } from '../../shared/config/load.js';
import { compilePillar, pillarRenderHost, rootsPillarTree, threadPillarRenderer } from '../../shared/pillar/index.js';
import { pillarTop } from '../../shared/pillar/top.js';
import type { Pillar, PillarOptions, PillarTarget, PillarTree } from '../../shared/pillar/types.js';
import type { PillarRequest } from '../../shared/protocol/messages.js';
import type { Grains } from '../grains-cache.js';
import { grainsCalls } from './grains-calls.js';
import { RenderPool } from './render-pool.js';

export type PillarSettings = Pick<MasterConfig, 'pillar_roots' | 'pillar_source_merging_strategy' | 'pillar_merge_lists' | 'pillarenv' | 'renderer'>;

/** Render threads for pillar: a second one keeps a slow pillar from holding up the fleet. */
const THREADS = 2;

export class MasterPillarCompiler {
  private readonly tree: PillarTree;
  private readonly options: PillarOptions;
  private readonly pool: RenderPool;
  /** Compilations waiting for a thread, by minion and environments. */
  private readonly waiting = new Map<string, Promise<Pillar>>();

  constructor(
    private readonly settings: PillarSettings,
    threads = THREADS,
  ) {
    this.tree = rootsPillarTree(settings.pillar_roots);
    this.options = { strategy: settings.pillar_source_merging_strategy, mergeLists: settings.pillar_merge_lists, renderer: settings.renderer };
    this.pool = new RenderPool(threads);
  }

  /** The pillar of minion `id` with `grains` (the master's cached grains; just its id when unknown). */
  compile(id: string, grains: Grains | undefined, req: PillarRequest = {}): Promise<Pillar> {
    const target = this.target(id, grains, req);
    const key = JSON.stringify([id, target.pillarenv, target.saltenv]);
    const queued = this.waiting.get(key);
    if (queued) return queued;
    let started = false;
    const compiled = this.pool.with(pillarRenderHost(this.tree, grainsCalls(id, target.grains)), (thread) => {
      started = true;
      this.waiting.delete(key);
      return compilePillar(this.tree, target, this.options, threadPillarRenderer(thread));
    });
    // with a thread free it started at once (synchronously): nothing waits to be shared
    if (!started) this.waiting.set(key, compiled);
    return compiled;
  }

  /** Which pillar SLS files minion `id` gets, per saltenv; the top files' errors instead when there are any. */
  top(id: string, grains: Grains | undefined, req: PillarRequest = {}): Promise<Record<string, string[]> | string[]> {
    const target = this.target(id, grains, req);
    return this.pool.with(pillarRenderHost(this.tree, grainsCalls(id, target.grains)), async (thread) => {
      const render = threadPillarRenderer(thread);
      const errors: string[] = [];
      const context = { grains: target.grains, saltenv: '', pillarenv: target.pillarenv ?? null, pillar: {}, sls: '' };
      const top = await pillarTop(this.tree, target, this.options.strategy, (file, saltenv) => render(file.text, file.source, { ...context, saltenv }, this.options.renderer), errors);
      return errors.length > 0 ? errors : top.matches;
    });
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private target(id: string, grains: Grains | undefined, req: PillarRequest): PillarTarget {
    return { id, grains: grains ?? { id }, pillarenv: req.pillarenv ?? this.settings.pillarenv, saltenv: req.saltenv ?? null };
  }
}
