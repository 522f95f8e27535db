// pkg.latest: install or upgrade each package to the newest version apt offers.
import type { StateArgs, StateContext, StateReturn } from '../../../shared/state/types.js';
import { errorText, fail, optionalText, startReturn, truthy } from '../../../shared/state/state-return.js';
import { desiredPackages } from './desired.js';

/** A pkg function's answer for several names as {name: value} (one name gives a bare value). */
function byName(value: unknown, names: string[]): Record<string, string> {
  return typeof value === 'string' ? { [names[0]!]: value } : (value as Record<string, string>);
}

function upToDateComment(names: string[]): string {
  if (names.length > 10) return `All ${names.length} packages are up-to-date.`;
  if (names.length > 1) return `All packages are up-to-date (${[...names].sort().join(', ')}).`;
  return `Package ${names[0]} is already up-to-date`;
}

export async function latest(ctx: StateContext, args: StateArgs): Promise<StateReturn> {
  const ret = startReturn(args.name);
  if (args.sources != null) return fail(ret, 'The "sources" parameter is not supported.');
  const desired = desiredPackages(args);
  if (!desired) return fail(ret, 'Invalidly formatted "pkgs" parameter. See minion log.');
  const names = [...desired.keys()];
  let current: Record<string, string>;
  let available: Record<string, string>;
  try {
    current = byName(await ctx.call('pkg.version', names), names);
    available = byName(await ctx.call('pkg.latest_version', names, { refresh: truthy(args.refresh), fromrepo: optionalText(args.fromrepo) }), names);
  } catch (err) {
    return fail(ret, errorText(err));
  }
  // latest_version is '' when the installed version is the newest, or when apt knows no such package.
  const problems = names.filter((n) => !available[n] && !current[n]).map((n) => `No information found for '${n}'.`);
  if (problems.length) return fail(ret, problems.join(' '));
  const targets = names.filter((n) => available[n]);
  if (!targets.length) return Object.assign(ret, { comment: upToDateComment(names) });
  const upToDate = args.pkgs != null ? names.filter((n) => !targets.includes(n)).sort() : [];
  if (ctx.test) {
    const comments = [`The following packages would be installed/upgraded: ${[...targets].sort().join(', ')}`];
    if (upToDate.length) {
      comments.push(upToDate.length <= 10
        ? `The following packages are already up-to-date: ${upToDate.map((n) => `${n} (${current[n]})`).join(', ')}`
        : `${upToDate.length} packages are already up-to-date`);
    }
    return Object.assign(ret, { result: null, comment: comments.join('\n') });
  }
  let changes: Record<string, { new?: string }>;
  try {
    changes = (await ctx.call('pkg.install', [], { pkgs: targets, fromrepo: optionalText(args.fromrepo), skip_verify: truthy(args.skip_verify) })) as typeof changes;
  } catch (err) {
    return fail(ret, `An error was encountered while installing package(s): ${errorText(err)}`);
  }
  ret.changes = changes;
  const failed = targets.filter((n) => changes[n]?.new !== available[n]).sort();
  const successful = targets.filter((n) => !failed.includes(n)).sort();
  const comments: string[] = [];
  if (!Object.keys(changes).length) {
    comments.push(targets.length > 10 ? `${targets.length} targeted packages failed to update. See debug log for details.`
      : targets.length > 1 ? `The following targeted packages failed to update. See debug log for details: (${[...targets].sort().join(', ')}).`
        : `Package ${targets[0]} failed to update.`);
  } else {
    if (failed.length) comments.push(`The following packages failed to update: ${failed.join(', ')}`);
    if (successful.length) comments.push(`The following packages were successfully installed/upgraded: ${successful.join(', ')}`);
  }
  if (upToDate.length) comments.push(upToDate.length <= 10 ? `The following packages were already up-to-date: ${upToDate.join(', ')}` : `${upToDate.length} packages were already up-to-date `);
  return Object.assign(ret, { result: Object.keys(changes).length > 0 && failed.length === 0, comment: comments.join(' ') });
}
