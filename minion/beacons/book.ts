// The minion's beacon configuration: the beacons of its config file, changed at run time
// by the beacons module (add, modify, delete, enable, disable), and those of its pillar,
// which the module may list but not change, as in Salt.
import type { Pillar } from '../../shared/pillar/types.js';
import { isRecord } from '../../shared/output/sorted-keys.js';
import { beaconOwnOptions, flattenOptions, moduleNameOf } from './options.js';
import { availableBeacons, beaconModule } from './registry.js';

export type BeaconsAction = 'list' | 'list_available' | 'add' | 'modify' | 'delete' | 'enable' | 'disable' | 'enable_beacon' | 'disable_beacon';

export interface BeaconsRequest {
  action: BeaconsAction;
  name?: string;
  data?: unknown;
  include_pillar?: boolean;
  include_opts?: boolean;
}

export interface BeaconsResult {
  result: boolean;
  comment: string;
}

export type BeaconsReply = BeaconsResult | { beacons: Record<string, unknown> } | string[];

/** Why a beacon's configuration is not usable, or null when it is. */
export function beaconProblem(name: string, config: unknown): string | null {
  const options = flattenOptions(config);
  if (!options) return `Configuration for ${name} beacon must be a list of dicts or a dict.`;
  const moduleName = moduleNameOf(name, options);
  const module = beaconModule(moduleName);
  if (!module) return `Beacon "${moduleName}" is not available.`;
  if (options.interval !== undefined && !(Number(options.interval) > 0)) return `Beacon ${name}: interval must be a number of seconds above 0, got ${JSON.stringify(options.interval)}.`;
  return module.validate(beaconOwnOptions(options));
}

export class BeaconBook {
  private readonly opts: Record<string, unknown>;

  constructor(configured: Record<string, unknown>, private readonly pillar: () => Pillar) {
    this.opts = structuredClone(configured);
  }

  /** Pillar beacons, then the config's over them (Salt's order); `enabled` is the switch for all. */
  merged(includePillar = true, includeOpts = true): Record<string, unknown> {
    return { ...(includePillar ? this.pillarBeacons() : {}), ...(includeOpts ? this.opts : {}) };
  }

  private pillarBeacons(): Record<string, unknown> {
    const fromPillar = this.pillar().beacons;
    return isRecord(fromPillar) ? fromPillar : {};
  }

  handle(request: BeaconsRequest): BeaconsReply {
    const name = request.name ?? '';
    switch (request.action) {
      case 'list':
        return { beacons: this.merged(request.include_pillar ?? true, request.include_opts ?? true) };
      case 'list_available':
        return availableBeacons();
      case 'add':
        return this.add(name, request.data);
      case 'modify':
        return this.modify(name, request.data);
      case 'delete':
        return this.change(name, 'delete', () => void delete this.opts[name], `Deleted beacon: ${name}.`);
      case 'enable':
      case 'disable':
        this.opts.enabled = request.action === 'enable';
        return { result: true, comment: `${request.action === 'enable' ? 'Enabled' : 'Disabled'} beacons on minion.` };
      case 'enable_beacon':
      case 'disable_beacon': {
        const on = request.action === 'enable_beacon';
        return this.change(name, on ? 'enable' : 'disable', () => this.setEnabled(name, on), `${on ? 'Enabled' : 'Disabled'} beacon ${name} on minion.`);
      }
    }
  }

  private add(name: string, data: unknown): BeaconsResult {
    if (Object.hasOwn(this.merged(), name)) return { result: true, comment: `Beacon ${name} is already configured.` };
    const problem = beaconProblem(name, data);
    if (problem) return { result: false, comment: `Beacon ${name} configuration invalid, not adding.\n${problem}` };
    this.opts[name] = data;
    return { result: true, comment: `Added beacon: ${name}.` };
  }

  private modify(name: string, data: unknown): BeaconsResult {
    return this.change(name, 'modify', () => {
      const problem = beaconProblem(name, data);
      if (problem) return { result: false, comment: `Beacon ${name} configuration invalid, not modifying.\n${problem}` };
      this.opts[name] = data;
      return undefined;
    }, `Modified beacon: ${name}.`);
  }

  /** Runs a change on a beacon of the config; pillar beacons and unknown names are refused. */
  private change(name: string, verb: string, apply: () => BeaconsResult | undefined, done: string): BeaconsResult {
    if (Object.hasOwn(this.pillarBeacons(), name)) {
      return { result: false, comment: `Cannot ${verb} beacon item ${name}, it is configured in pillar.` };
    }
    if (!Object.hasOwn(this.opts, name) || name === 'enabled') return { result: false, comment: `Beacon ${name} is not configured.` };
    return apply() ?? { result: true, comment: done };
  }

  /** Salt keeps the flag inside the beacon's own configuration: a key of a dict, an item of a list. */
  private setEnabled(name: string, on: boolean): undefined {
    const config = this.opts[name];
    if (Array.isArray(config)) {
      const item = config.find((entry) => isRecord(entry) && Object.hasOwn(entry, 'enabled'));
      if (item) item.enabled = on;
      else config.push({ enabled: on });
    } else {
      this.opts[name] = { ...(isRecord(config) ? config : {}), enabled: on };
    }
    return undefined;
  }
}
