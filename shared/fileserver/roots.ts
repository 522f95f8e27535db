// A tree of file roots per saltenv (file_roots), searched in order, first match wins.
// Every lookup resolves symlinks and refuses what resolves outside its root; used by
// the master's file server and by a masterless minion, so both refuse the same paths.
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { SaltTsError } from '../errors.js';
import type { FileListing } from '../protocol/messages.js';
import { checkFilePath, checkPrefix, checkSaltenv } from './salt-url.js';

export interface FoundFile {
  /** The real path on disk, symlinks resolved. */
  realPath: string;
  size: number;
}

export class FileRoots {
  constructor(private readonly roots: Readonly<Record<string, readonly string[]>>) {}

  /** The saltenvs that have roots, sorted. */
  saltenvs(): string[] {
    return Object.keys(this.roots).sort();
  }

  /** The file at `rel` in the first root of `saltenv` that has it; null when none does. */
  async find(saltenv: string, rel: string): Promise<FoundFile | null> {
    const what = `salt://${rel} (saltenv '${saltenv}')`;
    const clean = checkFilePath(rel, what);
    for (const root of this.roots[checkSaltenv(saltenv, what)] ?? []) {
      const realRoot = await realOrNull(root);
      if (!realRoot) continue;
      const real = await realOrNull(path.join(realRoot, clean));
      if (!real) continue;
      if (!isInside(realRoot, real)) {
        throw new SaltTsError('SALTTS_FILE_PATH', `${what}: resolves to ${real}, outside the file root ${root}`);
      }
      const st = await stat(real).catch(() => null);
      if (st?.isFile()) return { realPath: real, size: st.size };
    }
    return null;
  }

  /** The files, directories and empty directories of `saltenv` whose paths start with `prefix`. */
  async list(saltenv: string, prefix: string): Promise<FileListing> {
    const what = `prefix '${prefix}' (saltenv '${saltenv}')`;
    const clean = checkPrefix(prefix, what);
    const found = { files: new Set<string>(), dirs: new Set<string>(), empty_dirs: new Set<string>() };
    // Only the folder the prefix points into needs walking: 'a/b/c' lists under 'a/b'.
    const start = clean.includes('/') ? clean.slice(0, clean.lastIndexOf('/')) : '';
    for (const root of this.roots[checkSaltenv(saltenv, what)] ?? []) {
      const realRoot = await realOrNull(root);
      if (!realRoot) continue;
      const startReal = await realOrNull(path.join(realRoot, start));
      if (startReal && isInside(realRoot, startReal)) await walk(realRoot, start, startReal, found, new Set([startReal]));
    }
    const pick = (set: Set<string>) => [...set].filter((p) => p.startsWith(clean)).sort();
    return { files: pick(found.files), dirs: pick(found.dirs), empty_dirs: pick(found.empty_dirs) };
  }
}

interface Found {
  files: Set<string>;
  dirs: Set<string>;
  empty_dirs: Set<string>;
}

/** Adds what is under `dirReal` (shown as `dirRel`) to `found`; false when it holds nothing servable.
 * Symlinks are followed while they stay inside the root; `seen` stops symlink loops. */
async function walk(realRoot: string, dirRel: string, dirReal: string, found: Found, seen: Set<string>): Promise<boolean> {
  const entries = await readdir(dirReal).catch(() => [] as string[]);
  let any = false;
  for (const name of entries) {
    const rel = dirRel ? `${dirRel}/${name}` : name;
    const real = await realOrNull(path.join(dirReal, name));
    if (!real || !isInside(realRoot, real)) continue;
    const st = await stat(real).catch(() => null);
    if (st?.isFile()) {
      found.files.add(rel);
      any = true;
    } else if (st?.isDirectory() && !seen.has(real)) {
      found.dirs.add(rel);
      any = true;
      if (!(await walk(realRoot, rel, real, found, new Set([...seen, real])))) found.empty_dirs.add(rel);
    }
  }
  return any;
}

async function realOrNull(p: string): Promise<string | null> {
  return realpath(p).catch(() => null);
}

function isInside(root: string, p: string): boolean {
  return p === root || p.startsWith(root.endsWith('/') ? root : root + '/');
}
