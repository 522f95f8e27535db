// The beacon loop of the minion daemon: every second it looks which beacons are due
// (each by its interval), polls them without waiting on one another, and sends what they
// report to the master's bus as salt/beacon/<id>/<name>/[<tag>]. A beacon whose
// configuration changes is started afresh; one that fails is logged once, not retried in
// a tight loop, and never stops the others or the daemon.
import type { FireMaster } from '../events/fire-master.js';
import { beaconProblem, type BeaconBook } from './book.js';
import { beaconOwnOptions, flattenOptions, intervalOf, isTrue, moduleNameOf } from './options.js';
import { beaconModule } from './registry.js';
import type { BeaconHost, BeaconInstance, BeaconOptions, BeaconReport } from './types.js';

// Salt's loop_interval: how often the minion looks whether a beacon is due.
const TICK_MS = 1000;

export interface BeaconRunnerDeps {
  id: string;
  book: BeaconBook;
  host: BeaconHost;
  fire: FireMaster;
  /** Whether a state.* job runs now (for disable_during_state_run). */
  stateRunning(): boolean;
}

interface Entry {
  /** The configuration this entry was made from, to notice a change. */
  key: string;
  options: BeaconOptions | null;
  problem: string | null;
  instance: BeaconInstance | null;
  due: number;
  busy: boolean;
}

export class BeaconRunner {
  private readonly entries = new Map<string, Entry>();
  /** The last problem logged per beacon, so a problem that persists is logged once and one that comes back after a good reading is logged again. */
  private readonly logged = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: BeaconRunnerDeps) {}

  start(): void {
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.tick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const name of [...this.entries.keys()]) this.drop(name);
  }

  private tick(): void {
    const config = this.deps.book.merged();
    const names = config.enabled === false ? [] : Object.keys(config).filter((name) => name !== 'enabled');
    for (const name of [...this.entries.keys()]) if (!names.includes(name)) this.drop(name);
    for (const name of names) this.visit(name, config[name]);
  }

  private visit(name: string, config: unknown): void {
    const entry = this.entryFor(name, config);
    if (entry.problem) return this.logOnce(name, `beacon ${name} is not run: ${entry.problem}`);
    const options = entry.options!;
    if (options.enabled === false) return this.close(entry);
    if (entry.busy || Date.now() < entry.due) return;
    entry.due = Date.now() + intervalOf(options) * 1000;
    // As in Salt, a state run closes the beacon (its watchers) until the run is over.
    if (isTrue(options.disable_during_state_run) && this.deps.stateRunning()) return this.close(entry);
    try {
      entry.instance ??= beaconModule(moduleNameOf(name, options))!.create(beaconOwnOptions(options), this.deps.host);
    } catch (err) {
      return this.logOnce(name, `beacon ${name} cannot start: ${(err as Error).message}`);
    }
    entry.busy = true;
    entry.instance
      .poll()
      .then((reports) => {
        this.logged.delete(name);
        this.send(name, reports);
        if (isTrue(options.run_once)) this.deps.book.handle({ action: 'disable_beacon', name });
      })
      .catch((err: unknown) => this.logOnce(name, `beacon ${name} could not take its reading: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => (entry.busy = false));
  }

  private entryFor(name: string, config: unknown): Entry {
    const key = JSON.stringify(config) ?? 'null';
    const known = this.entries.get(name);
    if (known?.key === key) return known;
    if (known) this.drop(name);
    const entry: Entry = { key, options: flattenOptions(config), problem: beaconProblem(name, config), instance: null, due: 0, busy: false };
    this.entries.set(name, entry);
    return entry;
  }

  private send(name: string, reports: BeaconReport[]): void {
    for (const { tag, ...data } of reports) {
      if (!Object.hasOwn(data, 'id')) data.id = this.deps.id;
      this.deps.fire(`salt/beacon/${this.deps.id}/${name}/${tag ?? ''}`, data);
    }
  }

  private close(entry: Entry): void {
    entry.instance?.close?.();
    entry.instance = null;
  }

  private drop(name: string): void {
    const entry = this.entries.get(name);
    if (entry) this.close(entry);
    this.entries.delete(name);
    this.logged.delete(name);
  }

  private logOnce(name: string, message: string): void {
    if (this.logged.get(name) === message) return;
    this.logged.set(name, message);
    this.deps.host.log.warn(message);
  }
}
