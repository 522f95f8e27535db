// What daemon requests mean when a function runs in salt-ts-call, with no daemon:
// nothing else is running, refreshing grains only re-reads them, and salt:// files and
// the pillar come from the master, or from this host's own roots when file_client is
// local (salt-ts-call --local sets it). One connection to the master serves them and events.
import { daemonHandler, type DaemonHandler } from './daemon-requests.js';
import type { GrainsSource } from '../grains/source.js';
import type { MinionConfig } from '../../shared/config/load.js';
import { fileClientFor } from '../fileclient/create.js';
import { connectOnDemand } from '../fileclient/call-connection.js';
import { pillarSourceFor } from '../pillar/create.js';
import type { PillarSource } from '../pillar/source.js';
import { masterEventSender } from '../events/fire-master.js';

export interface LocalDaemon {
  handler: DaemonHandler;
  /** The call's pillar, which salt-ts-call fetches before it runs the function, as salt-call does. */
  pillar: PillarSource;
}

export function localDaemon(grains: GrainsSource, config: MinionConfig): LocalDaemon {
  const connection = connectOnDemand(config, grains.minionId);
  const pillar = pillarSourceFor(config, grains.minionId, () => grains.current, connection);
  const handler = daemonHandler({
    running: () => [],
    find: () => null,
    kill: () => false,
    refreshGrains: async () => void (await grains.refresh()),
    files: fileClientFor(config, grains.minionId, connection),
    pillar,
    // The call exits right after its function: the event must reach the broker first.
    fireMaster: async (tag, data) => {
      const nc = await connection().catch(() => null);
      if (!nc || !masterEventSender(grains.minionId, () => nc)(tag, data)) return false;
      await nc.flush();
      return true;
    },
  });
  return { handler, pillar };
}
