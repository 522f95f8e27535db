// file.stats: Salt's description of a file (owner by id and name, times, size, the mode
// as an octal string, the type and the resolved target, and a digest when asked).
import type { Stats } from 'node:fs';
import { lstat, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { findGroup, findUser } from '../../platform/users.js';
import { fileHash } from './hash.js';
import { CommandExecutionError } from '../command-error.js';

/** Salt's stats dict for the path (a broken symlink is described by its own lstat). */
export async function fileStats(file: string, hashType: string | null, followSymlinks: boolean): Promise<Record<string, unknown>> {
  const own = await lstat(file).catch(() => null);
  if (!own) throw new CommandExecutionError(`Path not found: ${file}`);
  const st = followSymlinks ? await stat(file).catch(() => own) : own;
  return {
    inode: st.ino,
    uid: st.uid,
    gid: st.gid,
    // Like Salt, the number itself when the id has no name.
    user: (await findUser(st.uid))?.name ?? st.uid,
    group: (await findGroup(st.gid))?.name ?? st.gid,
    atime: st.atimeMs / 1000,
    mtime: st.mtimeMs / 1000,
    ctime: st.ctimeMs / 1000,
    size: st.size,
    mode: (st.mode & 0o7777).toString(8).padStart(4, '0'),
    ...(hashType ? { sum: await fileHash(file, hashType) } : {}),
    type: fileType(st),
    target: await resolvedTarget(file),
  };
}

function fileType(st: Stats): string {
  if (st.isDirectory()) return 'dir';
  if (st.isCharacterDevice()) return 'char';
  if (st.isBlockDevice()) return 'block';
  if (st.isSymbolicLink()) return 'link';
  if (st.isFIFO()) return 'pipe';
  if (st.isSocket()) return 'socket';
  return 'file';
}

// Python's realpath, which resolves a broken link as far as it goes instead of failing.
async function resolvedTarget(file: string): Promise<string> {
  try {
    return await realpath(file);
  } catch {
    const link = await readlink(file).catch(() => null);
    return link === null ? path.resolve(file) : path.resolve(path.dirname(file), link);
  }
}
