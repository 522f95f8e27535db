// pkg.version and pkg.latest_version: installed and available versions, shaped as Salt returns them.
import { globMatch } from '../../../shared/targeting/glob.js';
import { candidateVersion, refreshDb } from './apt.js';
import { installedPackages, joinVersions, versionAtLeast, type PackageVersions } from './dpkg.js';

/** One name (no glob) gives its value alone; otherwise the {name: value} mapping. */
function shape<T>(values: Record<string, T>, single: boolean): T | Record<string, T> {
  const keys = Object.keys(values);
  return single && keys.length === 1 ? values[keys[0]!]! : values;
}

/** Installed versions of the names ('' when not installed); globs ('lib*') pick every installed match. */
export async function installedVersionsOf(names: string[]): Promise<string | Record<string, string>> {
  const installed = await installedPackages();
  const picked: PackageVersions = {};
  for (const name of names) {
    if (name.includes('*')) for (const match of Object.keys(installed).filter((pkg) => globMatch(name, pkg))) picked[match] = installed[match]!;
    else picked[name] = installed[name] ?? [];
  }
  return shape(joinVersions(picked), !names.some((name) => name.includes('*')));
}

export interface LatestOptions {
  refresh: boolean;
  showInstalled: boolean;
  fromrepo: string | null;
}

/** The candidate version of each name, or '' when nothing newer than what is installed is available. */
export async function latestVersionsOf(names: string[], options: LatestOptions): Promise<string | Record<string, string>> {
  if (!names.length) return '';
  const installed = await installedPackages();
  if (options.refresh) await refreshDb(0, false);
  const latest: Record<string, string> = {};
  for (const name of names) {
    const candidate = await candidateVersion(name, options.fromrepo);
    const versions = installed[name] ?? [];
    // Installed and not older than the candidate: nothing to upgrade to (show_installed reports the candidate anyway).
    const upToDate = candidate !== '' && versions.length > 0 && !options.showInstalled && (await Promise.all(versions.map((v) => versionAtLeast(v, candidate)))).some(Boolean);
    latest[name] = upToDate ? '' : candidate;
  }
  return shape(latest, true);
}
