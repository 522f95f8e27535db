// The master's cache of each minion's last compiled pillar (cachedir/minions/<id>/pillar.json),
// which pillar targeting (-I, -J, I@, J@) reads. The files hold secrets: mode 0600.
import type { Pillar } from '../../shared/pillar/types.js';
import { MinionDataCache } from '../minion-data-cache.js';

export class PillarCache extends MinionDataCache<Pillar> {
  constructor(dir: string) {
    super(dir, 'pillar.json', 0o600);
  }
}
