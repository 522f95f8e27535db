// Reading beacon configuration as Salt writes it: a list of one-key dicts (or a plain
// dict), with the options every beacon shares (interval, enabled, ...) beside its own.
import { isRecord } from '../../shared/output/sorted-keys.js';
import type { BeaconOptions } from './types.js';

/** Seconds between polls when a beacon sets no interval. */
const DEFAULT_INTERVAL = 10;

/** Options the runner reads; a beacon never sees them. */
const RUNNER_OPTIONS = ['interval', 'enabled', 'disable_during_state_run', 'run_once', 'beacon_module'] as const;

/** `[{percent: '63%'}, {interval: 10}]` or `{percent: '63%', interval: 10}` as one dict; null when neither. */
export function flattenOptions(config: unknown): BeaconOptions | null {
  if (Array.isArray(config)) {
    const flat: BeaconOptions = {};
    for (const item of config) {
      if (!isRecord(item)) return null;
      Object.assign(flat, item);
    }
    return flat;
  }
  if (config === null || config === undefined) return {};
  return isRecord(config) ? { ...config } : null;
}

/** The options without the runner's, as the beacon's own validate and poll get them. */
export function beaconOwnOptions(options: BeaconOptions): BeaconOptions {
  const own = { ...options };
  for (const name of RUNNER_OPTIONS) delete own[name];
  return own;
}

/** The beacon module an entry runs: its beacon_module when it names one, else the entry's own name. */
export function moduleNameOf(name: string, options: BeaconOptions): string {
  return typeof options.beacon_module === 'string' ? options.beacon_module : name;
}

/** Seconds between polls (validated as a positive number before a beacon runs). */
export function intervalOf(options: BeaconOptions): number {
  return options.interval === undefined ? DEFAULT_INTERVAL : Number(options.interval);
}

/** Salt's truthiness of a YAML flag (True, 'true', 1). */
export function isTrue(value: unknown): boolean {
  return value === true || value === 1 || (typeof value === 'string' && /^(true|yes|on|1)$/i.test(value));
}

/** `63%`, `'63'` or 63 as 63; null when it is no number. */
export function percentOf(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim().replace(/%$/, '')) : NaN;
  return Number.isFinite(n) ? n : null;
}
