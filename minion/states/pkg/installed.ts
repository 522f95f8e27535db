// pkg.installed: install what is missing or at another version than pinned, and say
// which packages were installed, were already there, or failed (Salt's comments).
import type { StateArgs, StateContext, StateReturn } from '../../../shared/state/types.js';
import { errorText, fail, optionalText, startReturn, truthy } from '../../../shared/state/state-return.js';
import { desiredPackages, pkgLabel, satisfied, type Desired } from './desired.js';

type Installed = Record<string, string[]>;

export async function installedVersions(ctx: StateContext): Promise<Installed> {
  return (await ctx.call('pkg.list_pkgs', [], { versions_as_list: true })) as Installed;
}

/** The summary of a list of packages: their labels, or a count past Salt's limits. */
function summary(names: string[], desired: Desired): string {
  return names.map((n) => pkgLabel(n, desired)).join(', ');
}

function upToDateReturn(name: string, args: StateArgs, desired: Desired): StateReturn {
  if (args.pkgs == null && args.sources == null) {
    const version = desired.get(name);
    return startReturn(name, version ? `Version ${version} of package '${name}' is already installed` : `Package ${name} is already installed`);
  }
  const pinned = args.pkgs != null && [...desired.values()].some((v) => v !== null);
  return startReturn(name, `All specified packages are already installed${pinned ? ' and are at the desired version' : ''}`);
}

/** The install arguments for just the targets: pkgs/sources narrowed to them, or the single name. */
function installArgs(args: StateArgs, targets: string[], desired: Desired): [unknown[], Record<string, unknown>] {
  const options = { refresh: truthy(args.refresh), fromrepo: optionalText(args.fromrepo), skip_verify: truthy(args.skip_verify) };
  if (args.sources != null) {
    const sources = (args.sources as Record<string, unknown>[]).filter((s) => targets.includes(Object.keys(s)[0]!));
    return [[], { ...options, sources }];
  }
  if (args.pkgs != null) return [[], { ...options, pkgs: targets.map((n) => (desired.get(n) ? { [n]: desired.get(n) } : n)) }];
  return [[args.name], { ...options, version: desired.get(args.name) ?? null }];
}

export async function installed(ctx: StateContext, args: StateArgs): Promise<StateReturn> {
  const ret = startReturn(args.name);
  const desired = desiredPackages(args);
  if (!desired) return fail(ret, `Invalidly formatted '${args.pkgs != null ? 'pkgs' : 'sources'}' parameter. See minion log.`);
  let before: Installed;
  try {
    before = await installedVersions(ctx);
  } catch (err) {
    return fail(ret, errorText(err));
  }
  const targets = [...desired.keys()].filter((n) => !satisfied(before[n], desired.get(n)!));
  if (!targets.length) return upToDateReturn(args.name, args, desired);
  if (ctx.test) return Object.assign(ret, { result: null, comment: `The following packages would be installed/updated: ${summary(targets, desired)}` });
  try {
    const [arg, kwarg] = installArgs(args, targets, desired);
    ret.changes = (await ctx.call('pkg.install', arg, kwarg)) as Record<string, unknown>;
  } catch (err) {
    return fail(ret, `An error was encountered while installing package(s): ${errorText(err)}`);
  }
  const after = await installedVersions(ctx);
  const modified = targets.filter((n) => satisfied(after[n], desired.get(n)!));
  const failed = targets.filter((n) => !modified.includes(n));
  const notModified = [...desired.keys()].filter((n) => !targets.includes(n));
  const comments: string[] = [];
  if (failed.length) comments.push(`The following packages failed to install/update: ${summary(failed, desired)}`);
  if (modified.length) {
    const text = summary(modified, desired);
    // Salt lists the packages only while the list is short, else counts them.
    comments.push(text.length < 20 ? `The following packages were installed/updated: ${text}` : `${modified.length} targeted package${modified.length > 1 ? 's were' : ' was'} installed/updated.`);
  }
  if (notModified.length) {
    comments.push(notModified.length <= 20
      ? `The following packages were already installed: ${summary(notModified, desired)}`
      : `${notModified.length} targeted packages were already installed.`);
  }
  return Object.assign(ret, { result: failed.length === 0, comment: comments.join('\n') });
}
