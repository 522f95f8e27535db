// ps: fires when a process named in `processes` is running or stopped as configured
// (Salt's ps beacon): {name: 'Running'} or {name: 'Stopped'}, once per crossing.
import { readdir, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Crossings, crossingOptions } from './crossing.js';
import { isRecord } from '../../shared/output/sorted-keys.js';
import type { BeaconModule, BeaconOptions, BeaconReport } from './types.js';

// The kernel cuts a process name (comm) to 15 characters; psutil then takes the name from the command line.
const COMM_LIMIT = 15;

/** The names of the running processes, as psutil's Process.name() gives them. */
async function processNames(): Promise<Set<string>> {
  const names = new Set<string>();
  // One file at a time: thousands of reads at once could run out of file descriptors,
  // and a process missed that way would look stopped.
  for (const pid of (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry))) {
    // A process may exit while the table is read; it is then left out.
    const comm = (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim();
    if (!comm) continue;
    if (comm.length < COMM_LIMIT) {
      names.add(comm);
      continue;
    }
    const argv0 = basename((await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0')[0] ?? '');
    names.add(argv0.startsWith(comm) ? argv0 : comm);
  }
  return names;
}

function processesOf(o: BeaconOptions): Record<string, unknown> | string {
  if (!isRecord(o.processes)) return 'Configuration for ps beacon requires processes.';
  for (const [name, want] of Object.entries(o.processes)) {
    if (want !== 'running' && want !== 'stopped') return `Ps beacon: process ${name} must be running or stopped, got ${JSON.stringify(want)}.`;
  }
  return o.processes;
}

/** The events for one reading of the process names. */
export function psReports(running: Set<string>, processes: Record<string, unknown>, crossings: Crossings): BeaconReport[] {
  const reports: BeaconReport[] = [];
  for (const [name, want] of Object.entries(processes)) {
    const holds = want === 'running' ? running.has(name) : !running.has(name);
    if (crossings.exceeded(name, holds)) reports.push({ [name]: want === 'running' ? 'Running' : 'Stopped' });
  }
  return reports;
}

export const psBeacon: BeaconModule = {
  name: 'ps',
  doc: "Fire {name: 'Running'} or {name: 'Stopped'} when a process of processes: {name: running|stopped} is so.",
  validate: (o) => {
    const processes = processesOf(o);
    return typeof processes === 'string' ? processes : null;
  },
  create(o) {
    const processes = processesOf(o) as Record<string, unknown>;
    const crossings = new Crossings(crossingOptions(o));
    return { poll: async () => psReports(await processNames(), processes, crossings) };
  },
};
