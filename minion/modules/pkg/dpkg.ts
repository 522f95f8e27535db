// What dpkg knows: the installed packages and how Debian versions compare.
import { runSystemCommand } from '../../platform/run-process.js';
import { CommandExecutionError } from '../command-error.js';

/** Installed package -> its versions (several only for one name installed for several architectures). */
export type PackageVersions = Record<string, string[]>;

/** The installed packages as Salt lists them: foreign-architecture packages as name:arch. */
export async function installedPackages(): Promise<PackageVersions> {
  return (await dpkgPackages()).installed;
}

/** Installed packages, and removed ones dpkg still knows (their configuration files are left: `rc`). */
export async function dpkgPackages(): Promise<{ installed: PackageVersions; removed: PackageVersions }> {
  const [query, native] = await Promise.all([
    runSystemCommand(['dpkg-query', '--showformat', '${Status} ${Package} ${Version} ${Architecture}\n', '-W']),
    runSystemCommand(['dpkg', '--print-architecture']),
  ]);
  if (query.retcode !== 0) throw new CommandExecutionError(`dpkg-query failed: ${query.stderr.trim()}`);
  const nativeArch = native.stdout.trim();
  const installed: PackageVersions = {};
  const removed: PackageVersions = {};
  for (const line of query.stdout.split('\n')) {
    // e.g. "install ok installed bash 5.2.15-2 amd64", "deinstall ok config-files hello 2.10-3 amd64".
    const [want, , status, name, version, arch] = line.split(/\s+/);
    if (!name || !version || !arch) continue;
    const key = arch !== 'all' && arch !== nativeArch ? `${name}:${arch}` : name;
    const list = (want === 'install' || want === 'hold') && status === 'installed' ? installed : want === 'deinstall' ? removed : undefined;
    if (list) (list[key] ??= []).push(version);
  }
  return { installed, removed };
}

/** Salt's stringified form: each package's versions joined by commas. */
export function joinVersions(packages: PackageVersions): Record<string, string> {
  return Object.fromEntries(Object.entries(packages).map(([name, versions]) => [name, versions.join(',')]));
}

/** Whether Debian version a >= b, by dpkg's own rules. */
export async function versionAtLeast(a: string, b: string): Promise<boolean> {
  return (await runSystemCommand(['dpkg', '--compare-versions', a, 'ge', b])).retcode === 0;
}
