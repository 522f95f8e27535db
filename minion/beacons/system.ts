// The beacons of one minion daemon: their configuration (for the beacons module's daemon
// op) and the loop that runs them, started and stopped with the daemon.
import type { MinionConfig } from '../../shared/config/load.js';
import type { Logger } from '../../shared/log.js';
import type { Pillar } from '../../shared/pillar/types.js';
import type { FireMaster } from '../events/fire-master.js';
import type { Grains } from '../grains/core.js';
import type { DaemonHandler, RunningJob } from '../jobs/daemon-requests.js';
import { BeaconBook } from './book.js';
import { beaconHost } from './host.js';
import { BeaconRunner } from './runner.js';

export interface BeaconSystemDeps {
  id: string;
  config: MinionConfig;
  grains(): Grains;
  pillar(): Pillar;
  daemon: DaemonHandler;
  running(): RunningJob[];
  /** Sends an event to the master's bus. */
  fire: FireMaster;
  log: Logger;
}

export interface BeaconSystem {
  book: BeaconBook;
  start(): void;
  stop(): void;
}

export function beaconSystem(deps: BeaconSystemDeps): BeaconSystem {
  const book = new BeaconBook(deps.config.beacons, deps.pillar);
  const runner = new BeaconRunner({
    id: deps.id,
    book,
    host: beaconHost({ ...deps, opts: deps.config }),
    fire: deps.fire,
    // Salt's test: a running job whose function starts with "state".
    stateRunning: () => deps.running().some((job) => job.fun.startsWith('state.')),
  });
  return { book, start: () => runner.start(), stop: () => runner.stop() };
}
