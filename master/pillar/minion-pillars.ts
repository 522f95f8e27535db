// Each minion's pillar on the master: compiled with its cached grains, and kept in the
// pillar cache that targeting reads. The last compiled pillar is the one cached, whatever
// environment it was asked for in (as Salt's master caches each compilation).
import type { Logger } from '../../shared/log.js';
import { describeError } from '../../shared/errors.js';
import type { Pillar } from '../../shared/pillar/types.js';
import type { PillarRequest } from '../../shared/protocol/messages.js';
import type { GrainsCache } from '../grains-cache.js';
import type { PillarCache } from './cache.js';
import type { MasterPillarCompiler } from './compiler.js';

export class MinionPillars {
  constructor(
    private readonly compiler: MasterPillarCompiler,
    readonly cache: PillarCache,
    private readonly grains: GrainsCache,
    private readonly log: Logger,
  ) {}

  async compile(id: string, req: PillarRequest = {}): Promise<Pillar> {
    const pillar = await this.compiler.compile(id, this.grains.get(id), req);
    if (pillar._errors?.length) this.log.warn(`pillar of minion ${id} has errors: ${pillar._errors.join('; ')}`);
    this.cache.set(id, pillar).catch((err) => this.log.error(`cannot cache the pillar of ${id}: ${describeError(err)}`));
    return pillar;
  }

  /** Compiles for the cache alone (a minion that just started), logging a failure. */
  refresh(id: string): void {
    this.compile(id).catch((err) => this.log.error(`cannot compile the pillar of ${id}: ${describeError(err)}`));
  }
}
