// The master's cache of each minion's last compiled pillar (cachedir/minions/<id>/pillar.json),
// which pillar targeting (-I, -J, I@, J@) reads. The files hold secrets: mode 0600.
import { readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MINION_ID_PATTERN } from '../../shared/minion-id.js';
import type { Pillar } from '../../shared/pillar/types.js';

export class PillarCache {
  private readonly pillars = new Map<string, Pillar>();
  /** Each minion's last write, so two writes of one minion land in order. */
  private readonly writes = new Map<string, Promise<void>>();

  /** `dir` is the cachedir's minions/ folder, shared with the grains cache. */
  constructor(private readonly dir: string) {
    let ids: string[] = [];
    try {
      ids = readdirSync(dir).filter((n) => MINION_ID_PATTERN.test(n));
    } catch {
      // no minions/ folder yet: nothing cached
    }
    for (const id of ids) {
      try {
        this.pillars.set(id, JSON.parse(readFileSync(join(dir, id, 'pillar.json'), 'utf8')) as Pillar);
      } catch {
        // a minion without a readable pillar.json is unknown until its pillar compiles again
      }
    }
  }

  get(id: string): Pillar | undefined {
    return this.pillars.get(id);
  }

  /** Updates the cache at once; the copy on disk follows asynchronously. */
  set(id: string, pillar: Pillar): Promise<void> {
    this.pillars.set(id, pillar);
    const write = (this.writes.get(id) ?? Promise.resolve()).catch(() => undefined).then(() => this.write(id, pillar));
    this.writes.set(id, write);
    void write.finally(() => {
      if (this.writes.get(id) === write) this.writes.delete(id);
    }).catch(() => undefined);
    return write;
  }

  private async write(id: string, pillar: Pillar): Promise<void> {
    const minionDir = join(this.dir, id);
    const tmp = join(minionDir, '.pillar.json.tmp');
    await mkdir(minionDir, { recursive: true });
    await writeFile(tmp, JSON.stringify(pillar), { mode: 0o600 });
    // writeFile's mode only applies to a new file: a leftover tmp file keeps its own
    await chmod(tmp, 0o600);
    await rename(tmp, join(minionDir, 'pillar.json'));
  }
}
