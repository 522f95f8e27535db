// When a beacon fires: on a crossing (a threshold exceeded after it was not, a status
// that changed), not at every interval, unless the beacon sets onchangeonly: False.
import { isTrue } from './options.js';
import type { BeaconOptions } from './types.js';

export interface CrossingOptions {
  /** Fire only when the condition starts to hold (or the status changes); False fires at every poll it holds. */
  onchangeonly: boolean;
  /** Whether the first poll after the minion starts fires when the condition already holds. */
  emitatstartup: boolean;
}

/** onchangeonly and emitatstartup as Salt spells them; both default to True here. */
export function crossingOptions(options: BeaconOptions): CrossingOptions {
  return {
    onchangeonly: options.onchangeonly === undefined ? true : isTrue(options.onchangeonly),
    emitatstartup: options.emitatstartup === undefined ? true : isTrue(options.emitatstartup),
  };
}

/** What a beacon instance remembers between polls, per watched thing (a mount, a service). */
export class Crossings {
  private readonly last = new Map<string, string>();

  constructor(private readonly options: CrossingOptions) {}

  /** Whether a threshold condition that holds `now` for `key` fires this poll. */
  exceeded(key: string, now: boolean): boolean {
    const before = this.remember(key, String(now));
    if (!now) return false;
    if (!this.options.onchangeonly) return true;
    if (before === undefined) return this.options.emitatstartup;
    return before !== 'true';
  }

  /** Whether a status (any JSON value) for `key` fires this poll: when it changed, or always without onchangeonly. */
  changed(key: string, status: unknown): boolean {
    const now = JSON.stringify(status);
    const before = this.remember(key, now);
    if (!this.options.onchangeonly) return true;
    if (before === undefined) return this.options.emitatstartup;
    return before !== now;
  }

  private remember(key: string, value: string): string | undefined {
    const before = this.last.get(key);
    this.last.set(key, value);
    return before;
  }
}
