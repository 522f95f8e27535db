// cp.get_file: a salt:// file copied to a path on the minion, as Salt places it: into a
// directory under the file's own name, skipped when the copy there already matches.
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { hashFile } from '../../../shared/fileserver/hash.js';
import { isSaltUrl, parseSaltUrl } from '../../../shared/fileserver/salt-url.js';
import { pyStr } from '../../platform/py-str.js';
import { absolutePath } from '../file/paths.js';
import type { ExecContext } from '../types.js';
import { askFiles } from './ask.js';

/** The destination path; '' when the file is not on the file server; false when dest's
 * folder is missing and makedirs is off (Salt's answers). */
export async function getFile(ctx: ExecContext, url: string, dest: unknown, saltenv: string, makedirs: boolean): Promise<string | false> {
  const remote = await askFiles(ctx, { op: 'hash_file', url, saltenv });
  if (!remote) return '';
  let target = await absolutePath(dest);
  if (pyStr(dest).endsWith('/') || (await stat(target).then((s) => s.isDirectory(), () => false))) {
    target = path.join(target, path.basename(isSaltUrl(url) ? parseSaltUrl(url, saltenv).path : url));
  }
  const dir = path.dirname(target);
  if (!(await stat(dir).then((s) => s.isDirectory(), () => false))) {
    if (!makedirs) return false;
    await mkdir(dir, { recursive: true });
  }
  const current = await hashFile(target, remote.hash_type).catch(() => null);
  if (current === remote.hsum) return target;
  const cached = await askFiles(ctx, { op: 'cache_file', url, saltenv });
  if (!cached) return '';
  // Copied beside the destination and renamed, so a reader never sees half a file.
  const temp = `${target}.part-${randomBytes(6).toString('hex')}`;
  try {
    await copyFile(cached, temp);
    await rename(temp, target);
  } finally {
    await rm(temp, { force: true });
  }
  return target;
}
