// status: a periodic health report (Salt's status beacon): at every interval, the
// chosen status module functions' returns under `data`, on the tag .../status/<time>.
import type { BeaconHost, BeaconModule, BeaconOptions, BeaconReport } from './types.js';

/** The functions reported when none are configured: Salt's defaults that salt-ts's status module has. */
const DEFAULT_FUNCTIONS = ['loadavg', 'meminfo'];

/** Each function and the fields of its return to keep ('all', keys of a dict, indexes of a list). */
function selectionOf(o: BeaconOptions): Record<string, unknown[]> {
  const entries = Object.entries(o);
  if (entries.length === 0) return Object.fromEntries(DEFAULT_FUNCTIONS.map((fun) => [fun, ['all']]));
  return Object.fromEntries(entries.map(([fun, fields]) => [fun, Array.isArray(fields) ? fields : [fields ?? 'all']]));
}

/** The part of a function's return that the fields select. */
export function selectFields(value: unknown, fields: unknown[]): unknown {
  if (fields.includes('all')) return value;
  if (Array.isArray(value)) return Object.fromEntries(fields.map((i) => [String(i), value[Number(i)]]));
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(fields.filter((f) => Object.hasOwn(record, String(f))).map((f) => [String(f), record[String(f)]]));
  }
  // A single value: `0` or `all` selects it.
  return value;
}

async function report(host: BeaconHost, selection: Record<string, unknown[]>): Promise<BeaconReport[]> {
  const data: Record<string, unknown> = {};
  for (const [fun, fields] of Object.entries(selection)) data[fun] = selectFields(await host.call(`status.${fun}`), fields);
  return [{ tag: new Date().toISOString().replace(/Z$/, ''), data }];
}

export const statusBeacon: BeaconModule = {
  name: 'status',
  doc: 'Fire {data: {function: return}} on .../status/<time> at every interval, from status module functions (default loadavg, meminfo).',
  validate: (o) => {
    for (const fun of Object.keys(o)) if (!/^[a-z_]+$/.test(fun)) return `Status beacon: ${fun} is not a status function name.`;
    return null;
  },
  create(o, host) {
    const selection = selectionOf(o);
    return { poll: () => report(host, selection) };
  },
};
