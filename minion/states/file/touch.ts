// file.touch: create the file if missing, or update its access and modification times.
import { appendFile, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { makeDirs } from '../../modules/file/mkdir.js';
import { fail } from '../../../shared/state/state-return.js';
import { fileStateFunction } from './state-function.js';

export const touch = fileStateFunction(
  'touch',
  'Create an empty file or update the atime and mtime (seconds since the epoch; default now) of an existing one; makedirs creates the parents.',
  async (ctx, args, name, ret) => {
    const atime = args.atime == null ? null : Number(args.atime);
    const mtime = args.mtime == null ? null : Number(args.mtime);
    if ((atime !== null && !Number.isFinite(atime)) || (mtime !== null && !Number.isFinite(mtime))) return fail(ret, `atime and mtime of ${name} must be seconds since the epoch`);
    const before = await stat(name).catch(() => null);
    if (ctx.test) {
      ret.result = null;
      if (!before) {
        ret.changes.new = name;
        ret.comment = `File ${name} is set to be created`;
      } else if ((atime !== null && atime !== before.atimeMs / 1000) || (mtime !== null && mtime !== before.mtimeMs / 1000)) {
        ret.changes.touched = name;
        ret.comment = `Times set to be updated on file ${name}`;
      } else {
        ret.result = true;
        ret.comment = `File ${name} exists and has the correct times`;
      }
      return ret;
    }
    if (args.makedirs === true) await makeDirs(path.dirname(name), null, null, null);
    if (!(await stat(path.dirname(name)).then((st) => st.isDirectory(), () => false))) return fail(ret, `Directory not present to touch file ${name}`);
    const now = Date.now() / 1000;
    if (!before) await appendFile(name, '');
    await utimes(name, atime ?? now, mtime ?? now);
    if (!before) {
      ret.comment = `Created empty file ${name}`;
      ret.changes.new = name;
    } else {
      ret.comment = `Updated times on ${before.isDirectory() ? 'directory' : 'file'} ${name}`;
      ret.changes.touched = name;
    }
    return ret;
  },
  { absolute: true },
);
