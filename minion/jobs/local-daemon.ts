// What daemon requests mean when a function runs in salt-ts-call, with no daemon:
// nothing else is running, refreshing grains only re-reads them, and salt:// files come
// from the file_client the config names (salt-ts-call --local sets it to local).
import { daemonHandler, type DaemonHandler } from './daemon-requests.js';
import type { GrainsSource } from '../grains/source.js';
import type { MinionConfig } from '../../shared/config/load.js';
import { fileClientFor } from '../fileclient/create.js';
import { connectOnDemand } from '../fileclient/call-connection.js';

export function localDaemonHandler(grains: GrainsSource, config: MinionConfig): DaemonHandler {
  return daemonHandler({
    running: () => [],
    find: () => null,
    kill: () => false,
    refreshGrains: async () => void (await grains.refresh()),
    files: fileClientFor(config, grains.minionId, connectOnDemand(config, grains.minionId)),
  });
}
