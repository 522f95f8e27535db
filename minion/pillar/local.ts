// Masterless pillar (file_client: local, salt-ts-call --local): compiled on this host from
// its own pillar_roots with the same compiler the master uses. Its templates may read the
// minion's grains through salt[...]; every other function is refused, since a pillar
// template is data and must not act on the host.
import type { MinionConfig } from '../../shared/config/load.js';
import { JidGenerator } from '../../shared/jid.js';
import { compilePillar, pillarRenderHost, rootsPillarTree, threadPillarRenderer } from '../../shared/pillar/index.js';
import type { Pillar, PillarTarget } from '../../shared/pillar/types.js';
import type { RenderHost } from '../../shared/render/thread/render-thread.js';
import { RenderThread } from '../../shared/render/thread/render-thread.js';
import { daemonHandler } from '../jobs/daemon-requests.js';
import { executeTask } from '../jobs/execute.js';
import { grainsModule } from '../modules/grains.js';
import { ModuleRegistry } from '../modules/registry.js';

const SAFE_GRAINS_FUNCTIONS = ['get', 'item', 'items', 'ls'];

const safeRegistry = new ModuleRegistry([
  { ...grainsModule, functions: Object.fromEntries(SAFE_GRAINS_FUNCTIONS.map((name) => [name, grainsModule.functions[name]!])) },
]);

const refuse = async (): Promise<never> => {
  throw new Error('a pillar template cannot ask the minion daemon for anything');
};

/** salt[...] for masterless pillar templates: the read-only grains functions, run as a job would run them. */
function safeCalls(config: MinionConfig, target: PillarTarget): RenderHost['call'] {
  const env = { registry: safeRegistry, opts: config, daemon: daemonHandler({ running: () => [], find: () => null, kill: () => false, refreshGrains: refuse }) };
  const jids = new JidGenerator();
  return async (fun, arg, kwarg) => {
    if (!safeRegistry.get(fun)) {
      throw new Error(`salt['${fun}'] is not available to masterless pillar templates (only ${SAFE_GRAINS_FUNCTIONS.map((name) => `grains.${name}`).join(', ')})`);
    }
    const outcome = await executeTask(env, { jid: jids.next(), id: target.id, fun, arg, kwarg, grains: target.grains, tgt: target.id, tgt_type: 'glob', user: 'pillar' });
    if (!outcome.success) throw new Error(String(outcome.return));
    return outcome.return;
  };
}

export async function compileLocalPillar(config: MinionConfig, target: PillarTarget): Promise<Pillar> {
  const tree = rootsPillarTree(config.pillar_roots);
  const thread = new RenderThread(pillarRenderHost(tree, safeCalls(config, target)));
  try {
    const options = { strategy: config.pillar_source_merging_strategy, mergeLists: config.pillar_merge_lists, renderer: config.renderer, opts: config as unknown as Record<string, unknown> };
    return await compilePillar(tree, target, options, threadPillarRenderer(thread));
  } finally {
    await thread.close();
  }
}
