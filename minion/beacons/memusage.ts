// memusage: fires when the memory in use reaches `percent` (Salt's memusage beacon).
import { mem } from 'systeminformation';
import { Crossings, crossingOptions } from './crossing.js';
import { percentOf } from './options.js';
import type { BeaconModule, BeaconReport } from './types.js';

/** Percent of memory in use as psutil counts it: (total - available) / total. */
export async function memoryUsedPercent(): Promise<number> {
  const m = await mem();
  return ((m.total - m.available) / m.total) * 100;
}

/** The events for one reading: {memusage: percent} when it crossed the threshold. */
export function memusageReports(usedPercent: number, threshold: number, crossings: Crossings): BeaconReport[] {
  return crossings.exceeded('memory', usedPercent >= threshold) ? [{ memusage: Math.round(usedPercent * 10) / 10 }] : [];
}

export const memusageBeacon: BeaconModule = {
  name: 'memusage',
  doc: "Fire {memusage: percent} when the memory in use reaches percent (e.g. '63%').",
  validate: (o) => (percentOf(o.percent) === null ? 'Configuration for memusage beacon requires percent.' : null),
  create(o) {
    const threshold = percentOf(o.percent)!;
    const crossings = new Crossings(crossingOptions(o));
    return { poll: async () => memusageReports(await memoryUsedPercent(), threshold, crossings) };
  },
};
