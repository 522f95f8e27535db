// load: fires when a load average leaves its [low, high] range (Salt's load beacon).
import { loadavg } from 'node:os';
import { Crossings, crossingOptions } from './crossing.js';
import { isRecord } from '../../shared/output/sorted-keys.js';
import type { BeaconModule, BeaconOptions, BeaconReport } from './types.js';

const AVERAGES = ['1m', '5m', '15m'] as const;

export type LoadAverages = Record<(typeof AVERAGES)[number], number>;

type Ranges = Partial<Record<(typeof AVERAGES)[number], [number, number]>>;

function rangesOf(o: BeaconOptions): Ranges | string {
  if (!isRecord(o.averages)) return 'Averages configuration is required for load beacon.';
  const ranges: Ranges = {};
  for (const [key, range] of Object.entries(o.averages)) {
    if (!(AVERAGES as readonly string[]).includes(key)) return `Load beacon: unknown average '${key}' (use 1m, 5m or 15m).`;
    const bounds = Array.isArray(range) ? range.map(Number) : [];
    if (bounds.length !== 2 || bounds.some((n) => !Number.isFinite(n))) return `Load beacon: averages ${key} must be a list of two numbers [low, high].`;
    ranges[key as keyof Ranges] = [bounds[0]!, bounds[1]!];
  }
  return ranges;
}

/** The events for one reading: the three averages when one left its range. */
export function loadReports(averages: LoadAverages, ranges: Ranges, crossings: Crossings): BeaconReport[] {
  const outside = Object.entries(ranges).some(([key, [low, high]]) => {
    const value = averages[key as keyof LoadAverages];
    return value < low || value > high;
  });
  return crossings.exceeded('load', outside) ? [{ ...averages }] : [];
}

export const loadBeacon: BeaconModule = {
  name: 'load',
  doc: 'Fire {1m, 5m, 15m} when a configured load average is below its low or above its high bound (averages: {1m: [low, high]}).',
  validate: (o) => {
    const ranges = rangesOf(o);
    return typeof ranges === 'string' ? ranges : null;
  },
  create(o) {
    const ranges = rangesOf(o) as Ranges;
    const crossings = new Crossings(crossingOptions(o));
    return {
      poll: async () => {
        const [one, five, fifteen] = loadavg();
        return loadReports({ '1m': one!, '5m': five!, '15m': fifteen! }, ranges, crossings);
      },
    };
  },
};
