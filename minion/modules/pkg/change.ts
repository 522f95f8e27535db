// pkg.install, pkg.remove and pkg.purge: run apt-get or dpkg, then report how the installed packages changed.
import { CommandExecutionError } from '../command-error.js';
import { refreshDb, runApt } from './apt.js';
import { compareDicts, type Changes } from './changes.js';
import { dpkgPackages, installedPackages, joinVersions } from './dpkg.js';
import type { InstallTargets } from './targets.js';

export interface InstallOptions {
  refresh: boolean;
  fromrepo: string | null;
  skipVerify: boolean;
}

/** Package -> version, of the packages a change is measured on. */
type Snapshot = () => Promise<Record<string, string>>;

const installedVersions: Snapshot = async () => joinVersions(await installedPackages());

/** What purge acts on: installed packages and removed ones whose configuration files are left. */
const purgeableVersions: Snapshot = async () => {
  const { installed, removed } = await dpkgPackages();
  return { ...joinVersions(removed), ...joinVersions(installed) };
};

/** Runs the command and returns the changes; a failure raises naming the packages, with the errors and the changes made anyway. */
async function changePackages(before: Record<string, string>, doing: string, names: string[], argv: string[], snapshot: Snapshot = installedVersions): Promise<Changes> {
  const result = await runApt(argv);
  const changes = compareDicts(before, await snapshot());
  if (result.retcode !== 0) {
    const errors = [(result.stderr || result.stdout).trim() || `${argv[0]} exited ${result.retcode}`];
    throw new CommandExecutionError(`Problem encountered ${doing} package(s) ${names.join(', ')}`, { errors, changes });
  }
  return changes;
}

/** The apt-get install (repository packages) or dpkg -i (.deb files) command line. */
function installCommand(targets: InstallTargets, options: InstallOptions): string[] {
  if (targets.kind === 'file') {
    return ['dpkg', '-i', '--force-confold', ...(options.skipVerify ? ['--force-bad-verify'] : []), ...targets.packages.map((p) => p.path)];
  }
  const pinned = targets.packages.some((p) => p.version !== null);
  return [
    'apt-get', '-q', '-y', '-o', 'DPkg::Options::=--force-confold', '-o', 'DPkg::Options::=--force-confdef',
    // A pinned version may be older than the installed one (Salt passes --force-yes for that).
    ...(pinned ? ['--allow-downgrades'] : []),
    ...(options.skipVerify ? ['--allow-unauthenticated'] : []),
    ...(options.fromrepo ? ['-t', options.fromrepo] : []),
    'install',
    ...targets.packages.map((p) => (p.version === null ? p.name : `${p.name}=${p.version.replace(/^=+/, '')}`)),
  ];
}

/** Installs the targets and returns {pkg: {old, new}} for what changed. */
export async function installPackages(targets: InstallTargets, options: InstallOptions): Promise<Changes> {
  if (options.refresh) await refreshDb(0, false);
  const names = targets.packages.map((p) => p.name);
  return changePackages(await installedVersions(), 'installing', names, installCommand(targets, options));
}

/** apt-get remove (or purge: with the configuration files) those of the named packages that dpkg has
 * to act on, and returns {pkg: {old, new: ''}}; {} when there are none. */
export async function uninstallPackages(names: string[], action: 'remove' | 'purge'): Promise<Changes> {
  const snapshot = action === 'purge' ? purgeableVersions : installedVersions;
  const before = await snapshot();
  const targets = names.filter((name) => Object.hasOwn(before, name));
  if (!targets.length) return {};
  return changePackages(before, 'removing', targets, ['apt-get', '-q', '-y', action, ...targets], snapshot);
}
