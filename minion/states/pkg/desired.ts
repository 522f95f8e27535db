// What a pkg state asks for: name, or pkgs (names or {name: version}), or sources
// ({name: .deb path}), as the package names and the version pinned for each (null: any).
import { isRecord } from '../../../shared/output/sorted-keys.js';
import { pyStr } from '../../../shared/output/py-str.js';
import type { StateArgs } from '../../../shared/state/types.js';

export type Desired = Map<string, string | null>;

/** One entry of pkgs or sources: a name, or a one-key mapping {name: value}. */
function entry(item: unknown): [string, string | null] | null {
  if (!isRecord(item)) return item == null ? null : [pyStr(item), null];
  const pairs = Object.entries(item);
  if (pairs.length !== 1) return null;
  const [name, value] = pairs[0]!;
  return [name, value == null ? null : pyStr(value)];
}

/** The packages asked for (versions without a leading '='), or null when pkgs/sources is malformed. */
export function desiredPackages(args: StateArgs): Desired | null {
  const list = args.pkgs ?? args.sources;
  if (list != null) {
    if (!Array.isArray(list) || !list.length) return null;
    const entries = list.map(entry);
    if (entries.some((e) => e === null)) return null;
    // A source's value is its file, not a version.
    return new Map((entries as [string, string | null][]).map(([name, value]) => [name, args.pkgs != null && value !== null ? value.replace(/^=+/, '') : null]));
  }
  const version = args.version == null || args.version === '' ? null : pyStr(args.version).replace(/^=+/, '');
  return new Map([[args.name, version]]);
}

/** Salt's _get_desired_pkg: "name" or "name=version". */
export function pkgLabel(name: string, desired: Desired): string {
  const version = desired.get(name);
  return version ? `${name}=${version}` : name;
}

/** Whether the installed versions satisfy what is asked (installed at all, or at the pinned version). */
export function satisfied(installed: string[] | undefined, version: string | null): boolean {
  if (!installed?.length) return false;
  return version === null || installed.includes(version);
}
