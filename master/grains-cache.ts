// The master's cache of each minion's grains (cachedir/minions/<id>/grains.json),
// refreshed whenever a minion starts; targeting reads it.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
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

  /** Updates the cache at once; the copy on disk follows asynchronously (a fleet starting
   * at once must not queue thousands of synchronous writes on the master's event loop). */
  set(id: string, grains: Grains): Promise<void> {
    this.grains.set(id, grains);
    const minionDir = join(this.dir, id);
    const tmp = join(minionDir, '.grains.json.tmp');
    return mkdir(minionDir, { recursive: true })
      .then(() => writeFile(tmp, JSON.stringify(grains)))
      .then(() => rename(tmp, join(minionDir, 'grains.json')));
  }
}
