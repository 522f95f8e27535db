// What daemon requests mean when a function runs in salt-ts-call, with no daemon:
// nothing else is running, and refreshing grains only re-reads them.
import { daemonHandler, type DaemonHandler } from './daemon-requests.js';
import type { GrainsSource } from '../grains/source.js';

export function localDaemonHandler(grains: GrainsSource): DaemonHandler {
  return daemonHandler({
    running: () => [],
    find: () => null,
    kill: () => false,
    refreshGrains: async () => void (await grains.refresh()),
  });
}
