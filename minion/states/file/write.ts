// Putting new content in place the way Salt's copyfile does: a backup first when asked
// (backup: minion keeps a copy under cachedir/file_backup), then a temporary file in the
// same directory renamed over the target, which keeps the old file's owner and mode.
import { randomBytes } from 'node:crypto';
import { chmod, chown, copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Replaces the file's content with `data`; backs the old file up when backupMode is minion or both. */
export async function replaceContent(file: string, data: Buffer, backupMode: string, cachedir: string): Promise<void> {
  const old = await stat(file).catch(() => null);
  if (old && (backupMode === 'minion' || backupMode === 'both') && cachedir) await backupMinion(file, path.join(cachedir, 'file_backup'));
  const temp = path.join(path.dirname(file), `__salt.tmp.${randomBytes(6).toString('hex')}`);
  try {
    await writeFile(temp, data, { mode: 0o600 });
    if (old) {
      await chown(temp, old.uid, old.gid);
      await chmod(temp, old.mode & 0o7777);
    }
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/** Copies the file to bkroot/<its path>_<Salt's timestamp>, keeping its owner and mode; returns the copy's path. */
export async function backupMinion(file: string, bkroot: string): Promise<string> {
  const st = await stat(file);
  const backup = path.join(bkroot, path.dirname(file).slice(1), `${path.basename(file)}_${backupStamp(new Date())}`);
  await mkdir(path.dirname(backup), { recursive: true });
  await copyFile(file, backup);
  await chown(backup, st.uid, st.gid);
  await chmod(backup, st.mode & 0o7777);
  return backup;
}

// Salt's stamp: local time as Tue_Jan_02_10:11:12_<6 digits of microseconds>_2024.
function backupStamp(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const micros = String(Date.now() * 1000 + Math.floor((performance.now() % 1) * 1000)).slice(-6);
  return `${DAYS[d.getDay()]}_${MONTHS[d.getMonth()]}_${two(d.getDate())}_${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}_${micros}_${d.getFullYear()}`;
}
