// The shape of a beacon: one file per beacon, each a validate and a factory of
// instances that remember what they saw (for crossings) between polls.
import type { Logger } from '../../shared/log.js';

/** A beacon's options with Salt's list of one-key dicts flattened into one dict. */
export type BeaconOptions = Record<string, unknown>;

/** One event a poll reports: its data, and `tag` when Salt appends a part to salt/beacon/<id>/<name>/. */
export type BeaconReport = Record<string, unknown> & { tag?: string };

/** What a beacon may use from its minion. */
export interface BeaconHost {
  /** Runs an execution function in the daemon (Salt's __salt__ for beacons); its return or a thrown error. */
  call(fun: string, arg?: unknown[], kwarg?: Record<string, unknown>): Promise<unknown>;
  log: Logger;
}

export interface BeaconInstance {
  /** This interval's events, none when nothing crossed a threshold. */
  poll(): Promise<BeaconReport[]>;
  /** Releases watchers (inotify); called when the beacon is deleted, changed or the minion stops. */
  close?(): void;
}

export interface BeaconModule {
  name: string;
  doc: string;
  /** Salt's validate: null when the options are usable, else why not. */
  validate(options: BeaconOptions): string | null;
  create(options: BeaconOptions, host: BeaconHost): BeaconInstance;
}
