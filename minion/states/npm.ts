// npm: Node packages present in a project or globally, and a project's dependencies
// installed (Salt's states/npm.py), through the npm execution module.
import type { StateArgs, StateContext, StateModule, StateReturn } from '../../shared/state/types.js';
import { errorText, fail, nameList, optionalText, startReturn, truthy } from '../../shared/state/state-return.js';

interface Installed { version?: string; resolved?: string; from?: string }

// @scope/name@range, name@1.2.3, name: the name and the version asked for.
const PACKAGE = /^(@?[^@\s]+)(?:@(\S+))?/;

/** Salt's _pkg_is_installed: by name, or for a URL by where an installed package came from. */
function installedAs(pkg: string, name: string, installed: Record<string, Installed>): Installed | null {
  if (installed[name]?.version) return installed[name]!;
  if (!pkg.includes('://')) return null;
  const wanted = pkg.split('://')[1];
  return Object.values(installed).find((info) => (info.from ?? info.resolved ?? '').split('://')[1] === wanted) ?? null;
}

async function installed(ctx: StateContext, args: StateArgs): Promise<StateReturn> {
  const ret: StateReturn = { name: args.name, result: null, comment: '', changes: {} };
  const pkgList = args.pkgs != null ? nameList(args.pkgs) : [args.name];
  const common = { dir: optionalText(args.dir), runas: optionalText(args.user), env: args.env ?? null };
  let current: Record<string, Installed>;
  try {
    current = (await ctx.call('npm.list', [], { ...common, depth: 0 })) as Record<string, Installed>;
  } catch (err) {
    return fail(ret, `Error looking up '${args.name}': ${errorText(err)}`);
  }
  const satisfied: string[] = [];
  const toInstall: string[] = [];
  for (const pkg of pkgList) {
    const [, name = pkg, version] = PACKAGE.exec(pkg) ?? [];
    const found = truthy(args.force_reinstall) ? null : installedAs(pkg, name, current);
    if (!found || (version && found.version !== version)) toInstall.push(pkg);
    else satisfied.push(`${name}@${found.version}`);
  }
  const satisfiedText = `Package(s) '${pkgList.join(', ')}' satisfied by ${satisfied.join(', ')}`;
  if (ctx.test) {
    const comments: string[] = [];
    if (toInstall.length) {
      comments.push(`NPM package(s) '${toInstall.join(', ')}' are set to be installed`);
      ret.changes = { old: [], new: toInstall };
    }
    if (satisfied.length) comments.push(satisfiedText);
    return Object.assign(ret, { result: toInstall.length ? null : true, comment: comments.join('. ') });
  }
  if (!toInstall.length) return Object.assign(ret, { result: true, comment: satisfiedText });
  try {
    await ctx.call('npm.install', [], { ...common, pkgs: pkgList, registry: optionalText(args.registry) });
  } catch (err) {
    return fail(ret, `Error installing '${pkgList.join(', ')}': ${errorText(err)}`);
  }
  return Object.assign(ret, { result: true, changes: { old: [], new: toInstall }, comment: `Package(s) '${toInstall.join(', ')}' successfully installed` });
}

interface InstallSummary { added?: number; removed?: number; changed?: number }

// npm 7+ always answers a summary, so "changed" is what it added, removed or changed.
const changedSomething = (summary: InstallSummary): boolean => (summary.added ?? 0) + (summary.removed ?? 0) + (summary.changed ?? 0) > 0;

async function bootstrap(ctx: StateContext, args: StateArgs): Promise<StateReturn> {
  const ret = startReturn(args.name);
  let summary: unknown;
  try {
    summary = await ctx.call('npm.install', [], { dir: args.name, runas: optionalText(args.user), silent: args.silent ?? true, dry_run: ctx.test });
  } catch (err) {
    return fail(ret, `Error Bootstrapping '${args.name}': ${errorText(err)}`);
  }
  if (typeof summary === 'string') return Object.assign(ret, { result: false, comment: `Could not bootstrap directory: npm answered ${summary}` });
  if (!changedSomething(summary as InstallSummary)) {
    return Object.assign(ret, { comment: ctx.test ? `${args.name} is already bootstrapped` : 'Directory is already bootstrapped' });
  }
  if (ctx.test) return Object.assign(ret, { result: null, changes: { old: [], new: summary }, comment: `${args.name} is set to be bootstrapped` });
  return Object.assign(ret, { changes: { [args.name]: 'Bootstrapped' }, comment: 'Directory was successfully bootstrapped' });
}

export const npmStates: StateModule = {
  name: 'npm',
  doc: 'Node packages through npm.',
  functions: {
    installed: { doc: 'The package name (or pkgs, each name or name@version) is installed in dir, or globally without dir (user, registry, env, force_reinstall).', run: installed },
    bootstrap: { doc: 'The project in directory name has its dependencies installed (npm install there); changes when node_modules changed (user, silent).', run: bootstrap },
  },
};
