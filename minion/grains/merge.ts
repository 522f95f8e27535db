// Static grains from the minion config's `grains:` option replace core grains key by
// key, as Salt's grains.update(opts['grains']) does: a configured dict replaces the
// core value whole rather than being merged into it.
import type { Grains } from './core.js';

export function mergeGrains(core: Grains, configured: Grains): Grains {
  return { ...core, ...configured };
}
