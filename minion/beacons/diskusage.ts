// diskusage: fires when a mount's use reaches its percent (Salt's diskusage beacon).
// Each option name is a mount point or a regular expression matched against the whole
// mount point; a later entry overrides an earlier one for the same mount, as in Salt.
import { fsSize } from 'systeminformation';
import { Crossings, crossingOptions } from './crossing.js';
import { percentOf } from './options.js';
import type { BeaconModule, BeaconOptions, BeaconReport } from './types.js';

/** Options that are not mount points. */
const NOT_MOUNTS = new Set(['onchangeonly', 'emitatstartup']);

export interface MountUse {
  mount: string;
  percent: number;
}

function thresholdEntries(o: BeaconOptions): [string, unknown][] {
  return Object.entries(o).filter(([name]) => !NOT_MOUNTS.has(name));
}

/** The mount pattern anchored at both ends, as re.match with a trailing $ does. */
function mountPattern(mount: string): RegExp {
  return new RegExp(`^(?:${mount.endsWith('$') ? mount.slice(0, -1) : mount})$`);
}

/** The threshold of each mount that matches a configured entry. */
export function thresholdsFor(o: BeaconOptions, mounts: string[]): Map<string, number> {
  const thresholds = new Map<string, number>();
  for (const [pattern, percent] of thresholdEntries(o)) {
    const regex = mountPattern(pattern);
    for (const mount of mounts) if (mount === pattern || regex.test(mount)) thresholds.set(mount, percentOf(percent)!);
  }
  return thresholds;
}

/** The events for one reading: {diskusage, mount} for each mount that crossed its threshold. */
export function diskusageReports(uses: MountUse[], o: BeaconOptions, crossings: Crossings): BeaconReport[] {
  const thresholds = thresholdsFor(o, uses.map((u) => u.mount));
  return uses
    .filter((u) => thresholds.has(u.mount) && crossings.exceeded(u.mount, u.percent >= thresholds.get(u.mount)!))
    .map((u) => ({ diskusage: Math.round(u.percent * 10) / 10, mount: u.mount }));
}

export const diskusageBeacon: BeaconModule = {
  name: 'diskusage',
  doc: "Fire {diskusage: percent, mount} when a mount's use reaches its percent (- /: 63%; a mount may be a regular expression).",
  validate: (o) => {
    const entries = thresholdEntries(o);
    if (entries.length === 0) return 'Configuration for diskusage beacon requires at least one mount point.';
    for (const [pattern, percent] of entries) {
      if (percentOf(percent) === null) return `Diskusage beacon: mount ${pattern} needs a percent, got ${JSON.stringify(percent)}.`;
      try {
        mountPattern(pattern);
      } catch (err) {
        return `Diskusage beacon: mount ${pattern} is not a valid regular expression: ${(err as Error).message}`;
      }
    }
    return null;
  },
  create(o) {
    const crossings = new Crossings(crossingOptions(o));
    return {
      poll: async () => diskusageReports((await fsSize()).map((fs) => ({ mount: fs.mount, percent: fs.use })), o, crossings),
    };
  },
};
