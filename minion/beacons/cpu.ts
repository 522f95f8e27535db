// cpu: fires when the CPU load since the last poll reaches `percent`. Salt has no cpu
// beacon; this one is salt-ts's own, shaped like memusage.
import { currentLoad } from 'systeminformation';
import { Crossings, crossingOptions } from './crossing.js';
import { percentOf } from './options.js';
import type { BeaconModule, BeaconReport } from './types.js';

export function cpuReports(busyPercent: number, threshold: number, crossings: Crossings): BeaconReport[] {
  return crossings.exceeded('cpu', busyPercent >= threshold) ? [{ cpu: Math.round(busyPercent * 10) / 10 }] : [];
}

export const cpuBeacon: BeaconModule = {
  name: 'cpu',
  doc: "Fire {cpu: percent} when the CPU load (all cores, since the last poll) reaches percent (e.g. '90%').",
  validate: (o) => (percentOf(o.percent) === null ? 'Configuration for cpu beacon requires percent.' : null),
  create(o) {
    const threshold = percentOf(o.percent)!;
    const crossings = new Crossings(crossingOptions(o));
    return { poll: async () => cpuReports((await currentLoad()).currentLoad, threshold, crossings) };
  },
};
