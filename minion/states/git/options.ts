// git.latest's arguments, read once.
import type { StateArgs } from '../../../shared/state/types.js';
import { pyStr } from '../../../shared/output/py-str.js';
import { optionalText, truthy } from '../../../shared/state/state-return.js';

export interface LatestOptions {
  url: string;
  target: string;
  rev: string;
  branch: string | null;
  remote: string;
  user: unknown;
  depth: number | null;
  forceReset: boolean;
  forceClone: boolean;
  forceFetch: boolean;
  forceCheckout: boolean;
}

export function latestOptions(args: StateArgs, target: string): LatestOptions {
  return {
    url: args.name,
    target,
    rev: args.rev == null || args.rev === '' ? 'HEAD' : pyStr(args.rev),
    branch: optionalText(args.branch),
    remote: optionalText(args.remote) ?? 'origin',
    user: args.user ?? null,
    depth: args.depth == null ? null : Number(args.depth),
    forceReset: truthy(args.force_reset),
    forceClone: truthy(args.force_clone),
    forceFetch: truthy(args.force_fetch),
    forceCheckout: truthy(args.force_checkout),
  };
}
