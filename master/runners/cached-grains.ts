// The grains the master cached for one minion when it last started (the GrainsCache's file),
// read on demand: a runner needs one minion's, not the whole cache loaded.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Grains } from '../grains-cache.js';

/** The cached grains of minion `id`; null when it has none (never started, or unreadable). */
export async function readCachedGrains(cachedir: string, id: string): Promise<Grains | null> {
  const text = await readFile(join(cachedir, 'minions', id, 'grains.json'), 'utf8').catch(() => null);
  return text === null ? null : (JSON.parse(text) as Grains);
}
