// network_info: fires when an interface's traffic per second is greater than (or equal
// to) its configured values (Salt's network_info beacon, with Salt's option names; salt-ts
// compares rates per second between two polls, not the counters since boot).
import { readFile } from 'node:fs/promises';
import { parseNetdev } from '../modules/status/proc-files.js';
import { Crossings, crossingOptions } from './crossing.js';
import { isRecord } from '../../shared/output/sorted-keys.js';
import type { BeaconModule, BeaconOptions, BeaconReport } from './types.js';

/** Salt's field names and the /proc/net/dev counters they are read from. */
const FIELDS = {
  bytes_sent: 'tx_bytes',
  bytes_recv: 'rx_bytes',
  packets_sent: 'tx_packets',
  packets_recv: 'rx_packets',
  errin: 'rx_errs',
  errout: 'tx_errs',
  dropin: 'rx_drop',
  dropout: 'tx_drop',
} as const;

type Field = keyof typeof FIELDS;
export type InterfaceRates = Record<Field, number>;
type Counters = Record<string, Record<string, string | number>>;

function interfacesOf(o: BeaconOptions): Record<string, Record<string, unknown>> | string {
  if (!isRecord(o.interfaces)) return 'Configuration for network_info beacon requires interfaces.';
  for (const [iface, limits] of Object.entries(o.interfaces)) {
    if (!isRecord(limits)) return `Network_info beacon: interface ${iface} needs a dict of limits.`;
    const type = limits.type ?? 'greater';
    if (type !== 'greater' && type !== 'equal') return `Network_info beacon: interface ${iface} type must be greater or equal, got ${String(type)}.`;
  }
  return o.interfaces as Record<string, Record<string, unknown>>;
}

/** Per-second rates between two samples of the counters, taken `seconds` apart. */
export function ratesBetween(before: Counters, after: Counters, seconds: number): Record<string, InterfaceRates> {
  const rates: Record<string, InterfaceRates> = {};
  for (const [iface, now] of Object.entries(after)) {
    const then = before[iface];
    if (!then || seconds <= 0) continue;
    rates[iface] = Object.fromEntries(
      Object.entries(FIELDS).map(([field, counter]) => [field, Math.round((Number(now[counter]) - Number(then[counter])) / seconds)]),
    ) as InterfaceRates;
  }
  return rates;
}

/** The events for one reading: {interface, network_info} for each interface that crossed a limit. */
export function networkReports(rates: Record<string, InterfaceRates>, interfaces: Record<string, Record<string, unknown>>, crossings: Crossings): BeaconReport[] {
  const reports: BeaconReport[] = [];
  for (const [iface, limits] of Object.entries(interfaces)) {
    const rate = rates[iface];
    if (!rate) continue;
    const equal = limits.type === 'equal';
    const hit = (Object.keys(FIELDS) as Field[]).some((field) => {
      if (limits[field] === undefined) return false;
      const limit = Number(limits[field]);
      return equal ? rate[field] === limit : rate[field] > limit;
    });
    if (crossings.exceeded(iface, hit)) reports.push({ interface: iface, network_info: { ...rate } });
  }
  return reports;
}

export const networkInfoBeacon: BeaconModule = {
  name: 'network_info',
  doc: 'Fire {interface, network_info} when an interface sends or receives more per second than configured (interfaces: {eth0: {type: greater, bytes_recv: 1000000}}).',
  validate: (o) => {
    const interfaces = interfacesOf(o);
    return typeof interfaces === 'string' ? interfaces : null;
  },
  create(o) {
    const interfaces = interfacesOf(o) as Record<string, Record<string, unknown>>;
    const crossings = new Crossings(crossingOptions(o));
    let last: { at: number; counters: Counters } | null = null;
    return {
      poll: async () => {
        const sample = { at: Date.now(), counters: parseNetdev(await readFile('/proc/net/dev', 'utf8')) };
        const before = last;
        last = sample;
        // The first poll only takes the sample the next one measures from.
        return before ? networkReports(ratesBetween(before.counters, sample.counters, (sample.at - before.at) / 1000), interfaces, crossings) : [];
      },
    };
  },
};
