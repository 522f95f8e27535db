// Salt's pkg_resource.parse_targets: what name, pkgs and sources ask to install or remove.
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { pyRepr } from '../../../shared/output/pyrepr.js';
import { isRecord } from '../../../shared/output/sorted-keys.js';
import { CommandExecutionError } from '../command-error.js';

export type InstallTargets =
  | { kind: 'repository'; packages: { name: string; version: string | null }[] }
  | { kind: 'file'; packages: { name: string; path: string }[] };

/** The list an argument must be. */
function listArg(value: unknown, arg: string): unknown[] {
  if (!Array.isArray(value)) throw new CommandExecutionError(`${arg} must be a list, got ${pyRepr(value)}`);
  return value;
}

/** A package given by name, or as a one-entry mapping {name: value}. */
function entry(item: unknown, arg: string): [string, unknown] {
  if (!isRecord(item)) return [String(item), null];
  const pairs = Object.entries(item);
  if (pairs.length !== 1) throw new CommandExecutionError(`each entry of ${arg} must be a name or a single {name: value} mapping, got ${pyRepr(item)}`);
  return pairs[0]!;
}

/** A comma-separated name, as `pkg.install foo,bar` takes it. */
function splitName(name: unknown): string[] {
  return String(name).split(',').map((n) => n.trim()).filter(Boolean);
}

/** The local .deb file a source names; Salt's salt:// and remote URLs are not supported. */
function localDeb(name: string, source: unknown): string {
  const path = String(source).replace(/^file:\/\//, '');
  if (!isAbsolute(path)) throw new CommandExecutionError(`the source of ${name} must be an absolute local path (salt:// and URLs are not supported), got ${pyRepr(source)}`);
  if (!existsSync(path)) throw new CommandExecutionError(`the source of ${name} does not exist: ${path}`);
  return path;
}

/** What pkg.install is asked for: packages from the repositories (with versions) or .deb files; null when nothing. */
export function installTargets(name: unknown, pkgs: unknown, sources: unknown, version: unknown): InstallTargets | null {
  if (pkgs != null && sources != null) throw new CommandExecutionError('Only one of pkgs or sources can be specified.');
  if (sources != null) {
    const packages = listArg(sources, 'sources').map((item) => entry(item, 'sources')).map(([n, source]) => ({ name: n, path: localDeb(n, source) }));
    return { kind: 'file', packages };
  }
  if (pkgs != null) {
    const packages = listArg(pkgs, 'pkgs').map((item) => entry(item, 'pkgs')).map(([n, v]) => ({ name: n, version: v == null ? null : String(v) }));
    return { kind: 'repository', packages };
  }
  if (name == null || name === '') return null;
  const names = splitName(name);
  // version applies only to a single name, as in Salt.
  const pinned = names.length === 1 && version != null ? String(version) : null;
  return { kind: 'repository', packages: names.map((n) => ({ name: n, version: pinned })) };
}

/** The package names pkg.remove is asked for. */
export function removeTargets(name: unknown, pkgs: unknown): string[] {
  if (pkgs != null) return listArg(pkgs, 'pkgs').map((item) => entry(item, 'pkgs')[0]);
  return name == null || name === '' ? [] : splitName(name);
}
