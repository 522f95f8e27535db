// What the master keeps per minion (cachedir/minions/<id>/<file>): grains, the last
// compiled pillar. Read back at start; updated in memory at once, the file following
// asynchronously (a fleet starting at once must not queue thousands of synchronous
// writes on the master's event loop), each minion's writes landing in order.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MINION_ID_PATTERN } from '../shared/minion-id.js';

export class MinionDataCache<T> {
  private readonly data = new Map<string, T>();
  private readonly writes = new Map<string, Promise<void>>();

  /** `dir` is the cachedir's minions/ folder; `mode` the files' permission bits. */
  constructor(
    private readonly dir: string,
    private readonly file: string,
    private readonly mode: number,
  ) {
    mkdirSync(dir, { recursive: true });
    for (const id of readdirSync(dir).filter((name) => MINION_ID_PATTERN.test(name))) {
      try {
        this.data.set(id, JSON.parse(readFileSync(join(dir, id, file), 'utf8')) as T);
      } catch {
        // a minion without a readable entry is unknown until it reports again
      }
    }
  }

  get(id: string): T | undefined {
    return this.data.get(id);
  }

  set(id: string, value: T): Promise<void> {
    this.data.set(id, value);
    const write = (this.writes.get(id) ?? Promise.resolve()).catch(() => undefined).then(() => this.write(id, value));
    this.writes.set(id, write);
    void write
      .finally(() => {
        if (this.writes.get(id) === write) this.writes.delete(id);
      })
      .catch(() => undefined);
    return write;
  }

  private async write(id: string, value: T): Promise<void> {
    const minionDir = join(this.dir, id);
    const tmp = join(minionDir, `.${this.file}.tmp`);
    await mkdir(minionDir, { recursive: true });
    await writeFile(tmp, JSON.stringify(value), { mode: this.mode });
    // writeFile's mode only applies to a new file: a leftover tmp file keeps its own
    await chmod(tmp, this.mode);
    await rename(tmp, join(minionDir, this.file));
  }
}
