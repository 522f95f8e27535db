// Where cp functions write on the minion: dest's folder (created only with makedirs), and
// a file replaced whole, written beside the target and renamed so no reader sees half of it.
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';

/** False when the folder is missing and makedirs is off (Salt's answer); else it exists. */
export async function ensureFolder(dir: string, makedirs: boolean): Promise<boolean> {
  if (await stat(dir).then((s) => s.isDirectory(), () => false)) return true;
  if (!makedirs) return false;
  await mkdir(dir, { recursive: true });
  return true;
}

/** Writes `target` through a temporary file beside it. */
export async function replaceFile(target: string, write: (temp: string) => Promise<void>): Promise<void> {
  const temp = `${target}.part-${randomBytes(6).toString('hex')}`;
  try {
    await write(temp);
    await rename(temp, target);
  } finally {
    await rm(temp, { force: true });
  }
}
