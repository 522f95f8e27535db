// cp.get_file: a salt:// file copied to a path on the minion, as Salt places it: into a
// directory under the file's own name, skipped when the copy there already matches.
import { copyFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { hashFile } from '../../../shared/fileserver/hash.js';
import { isSaltUrl, parseSaltUrl } from '../../../shared/fileserver/salt-url.js';
import { pyStr } from '../../../shared/output/py-str.js';
import { absolutePath } from '../file/paths.js';
import type { ExecContext } from '../types.js';
import { askFiles } from './ask.js';
import { ensureFolder, replaceFile } from './destination.js';

/** The destination path; '' when the file is not on the file server; false when dest's
 * folder is missing and makedirs is off (Salt's answers). */
export async function getFile(ctx: ExecContext, url: string, dest: unknown, saltenv: string, makedirs: boolean): Promise<string | false> {
  const remote = await askFiles(ctx, { op: 'hash_file', url, saltenv });
  if (!remote) return '';
  let target = await absolutePath(dest);
  if (pyStr(dest).endsWith('/') || (await stat(target).then((s) => s.isDirectory(), () => false))) {
    target = path.join(target, path.basename(isSaltUrl(url) ? parseSaltUrl(url, saltenv).path : url));
  }
  if (!(await ensureFolder(path.dirname(target), makedirs))) return false;
  const current = await hashFile(target, remote.hash_type).catch(() => null);
  if (current === remote.hsum) return target;
  const cached = await askFiles(ctx, { op: 'cache_file', url, saltenv });
  if (!cached) return '';
  await replaceFile(target, (temp) => copyFile(cached, temp));
  return target;
}
