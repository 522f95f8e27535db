// pkg.removed and pkg.purged: remove (or purge) those of the packages that are installed.
import type { StateArgs, StateContext, StateReturn } from '../../../shared/state/types.js';
import { errorText, fail, startReturn } from '../../../shared/state/state-return.js';
import { desiredPackages, satisfied } from './desired.js';
import { installedVersions } from './installed.js';

export async function uninstall(ctx: StateContext, args: StateArgs, action: 'remove' | 'purge'): Promise<StateReturn> {
  const ret = startReturn(args.name);
  const desired = desiredPackages({ ...args, sources: undefined });
  if (!desired) return fail(ret, 'Invalidly formatted "pkgs" parameter. See minion log.');
  const names = [...desired.keys()];
  let before: Record<string, string[]>;
  try {
    before = await installedVersions(ctx);
  } catch (err) {
    return fail(ret, errorText(err));
  }
  const targets = names.filter((n) => satisfied(before[n], desired.get(n)!));
  if (!targets.length) return Object.assign(ret, { comment: `None of the targeted packages are installed${action === 'purge' ? ' or partially installed' : ''}` });
  if (ctx.test) {
    const changes = Object.fromEntries(targets.map((n) => [n, { new: `${action}d`, old: '' }]));
    return Object.assign(ret, { result: null, changes, comment: `The following packages will be ${action}d: ${targets.join(', ')}.` });
  }
  try {
    ret.changes = (await ctx.call(`pkg.${action}`, [], { pkgs: targets })) as Record<string, unknown>;
  } catch (err) {
    return fail(ret, errorText(err));
  }
  const after = await installedVersions(ctx);
  const failed = targets.filter((n) => satisfied(after[n], desired.get(n)!)).sort();
  if (failed.length) return fail(ret, `The following packages failed to ${action}: ${failed.join(', ')}.`);
  const notInstalled = names.filter((n) => !targets.includes(n)).sort();
  ret.comment = notInstalled.length
    ? `The following packages were not installed: ${notInstalled.join(', ')} The following packages were ${action}d: ${targets.join(', ')}.`
    : `All targeted packages were ${action}d.`;
  return ret;
}
