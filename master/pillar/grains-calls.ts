// The salt[...] functions a pillar template may call while the master renders it: read-only
// lookups in the minion's cached grains. Anything else would run on the master, not on the
// minion, so it is refused with the function's and the minion's name.
import type { RenderHost } from '../../shared/render/thread/render-thread.js';
import { traverse } from '../../shared/traverse.js';
import type { Grains } from '../grains-cache.js';

const DELIMITER = ':';

type Lookup = (grains: Grains, args: unknown[], kwargs: Record<string, unknown>) => unknown;

const LOOKUPS: Record<string, Lookup> = {
  'grains.get': (grains, args, kwargs) => {
    const [key = kwargs.key, dflt = kwargs.default ?? '', delimiter = kwargs.delimiter ?? DELIMITER] = args;
    return traverse(grains, String(key), dflt, String(delimiter));
  },
  'grains.item': (grains, keys) => Object.fromEntries(keys.map((key) => [String(key), traverse(grains, String(key), '', DELIMITER)])),
  'grains.items': (grains) => grains,
  'grains.ls': (grains) => Object.keys(grains).sort(),
};

export function grainsCalls(id: string, grains: Grains): RenderHost['call'] {
  return async (fun, args, kwargs) => {
    const lookup = LOOKUPS[fun];
    if (!lookup) {
      throw new Error(`salt['${fun}'] is not available to pillar templates rendered on the master for minion ${id} (only ${Object.keys(LOOKUPS).join(', ')})`);
    }
    return lookup(grains, args, kwargs);
  };
}
