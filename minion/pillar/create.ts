// The pillar source the minion's config asks for: the master's compile (file_client:
// remote), or this host's own pillar_roots (file_client: local), as Salt does.
import type { NatsConnection } from '@nats-io/transport-node';
import type { MinionConfig } from '../../shared/config/load.js';
import { SaltTsError } from '../../shared/errors.js';
import { requestPillar } from '../../shared/protocol/pillar-client.js';
import type { Grains } from '../grains/core.js';
import { PillarSource, type PillarFetcher } from './source.js';

export function pillarSourceFor(config: MinionConfig, id: string, grains: () => Grains, connection: () => Promise<NatsConnection | null>): PillarSource {
  const fetcher: PillarFetcher =
    config.file_client === 'local'
      ? // Loaded only when masterless: it brings the compiler and a module registry into the daemon.
        async (request) => (await import('./local.js')).compileLocalPillar(config, { id, grains: grains(), ...request })
      : async (request) => {
          const nc = await connection();
          if (!nc) throw new SaltTsError('SALTTS_MASTER_UNREACHABLE', `minion ${id} is not connected to the master; cannot fetch its pillar`);
          return requestPillar(nc, id, request);
        };
  return new PillarSource(fetcher, config.pillarenv);
}
