// Every beacon salt-ts has, by the name a `beacons:` entry (or its beacon_module) uses.
import { cpuBeacon } from './cpu.js';
import { diskusageBeacon } from './diskusage.js';
import { inotifyBeacon } from './inotify.js';
import { loadBeacon } from './load.js';
import { memusageBeacon } from './memusage.js';
import { networkInfoBeacon } from './network_info.js';
import { psBeacon } from './ps.js';
import { serviceBeacon } from './service.js';
import { statusBeacon } from './status.js';
import type { BeaconModule } from './types.js';

const BEACONS: BeaconModule[] = [cpuBeacon, diskusageBeacon, inotifyBeacon, loadBeacon, memusageBeacon, networkInfoBeacon, psBeacon, serviceBeacon, statusBeacon];

const BY_NAME = new Map(BEACONS.map((b) => [b.name, b]));

export function beaconModule(name: string): BeaconModule | undefined {
  return BY_NAME.get(name);
}

export function availableBeacons(): string[] {
  return [...BY_NAME.keys()].sort();
}
