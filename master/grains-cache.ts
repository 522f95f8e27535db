// The master's cache of each minion's grains (cachedir/minions/<id>/grains.json),
// refreshed whenever a minion starts; targeting reads it.
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MINION_ID_PATTERN } from '../shared/minion-id.js';

export type Grains = Record<string, unknown>;

export class GrainsCache {
  private readonly grains = new Map<string, Grains>();

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    for (const id of readdirSync(dir).filter((n) => MINION_ID_PATTERN.test(n))) {
      try {
        this.grains.set(id, JSON.parse(readFileSync(join(dir, id, 'grains.json'), 'utf8')) as Grains);
      } catch {
        // a minion with no readable cache entry is simply unknown until it starts again
      }
    }
  }

  get(id: string): Grains | undefined {
    return this.grains.get(id);
  }

  set(id: string, grains: Grains): void {
    this.grains.set(id, grains);
    const minionDir = join(this.dir, id);
    mkdirSync(minionDir, { recursive: true });
    const tmp = join(minionDir, '.grains.json.tmp');
    writeFileSync(tmp, JSON.stringify(grains));
    renameSync(tmp, join(minionDir, 'grains.json'));
  }
}
