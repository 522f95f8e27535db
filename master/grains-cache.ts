// The master's cache of each minion's grains (cachedir/minions/<id>/grains.json),
// refreshed whenever a minion starts; targeting reads it.
import { MinionDataCache } from './minion-data-cache.js';

export type Grains = Record<string, unknown>;

export class GrainsCache extends MinionDataCache<Grains> {
  constructor(dir: string) {
    super(dir, 'grains.json', 0o644);
  }
}
