// The minion's pillar: compiled for it by the master (or, masterless, from its own
// pillar_roots), kept in memory for every job, fetched again on saltutil.refresh_pillar.
import type { Pillar } from '../../shared/pillar/types.js';
import type { PillarRequest } from '../../shared/protocol/messages.js';

export type { PillarRequest };

/** Compiles a pillar for this minion now: the master's answer, or a local compile. */
export type PillarFetcher = (request: PillarRequest) => Promise<Pillar>;

export class PillarSource {
  private pillar: Pillar = {};

  constructor(
    private readonly fetcher: PillarFetcher,
    /** The minion's pillarenv option: the environment when a request names none. */
    private readonly pillarenv: string | null,
  ) {}

  /** The pillar jobs get: the last one fetched, {} before the first. */
  get current(): Pillar {
    return this.pillar;
  }

  /** A pillar compiled now for these environments, not kept. */
  fetch(request: PillarRequest): Promise<Pillar> {
    return this.fetcher({ ...request, pillarenv: request.pillarenv ?? this.pillarenv });
  }

  /** Fetches the minion's own pillar and keeps it; on failure the previous one stays. */
  async refresh(): Promise<void> {
    this.pillar = await this.fetch({});
  }
}
