// file.absent, file.exists and file.missing: whether a path is there, and removing it.
import { lstat, rm } from 'node:fs/promises';
import { errorText, fail } from '../../../shared/state/state-return.js';
import { fileStateFunction } from './state-function.js';

const lexists = (file: string) => lstat(file).then(() => true, () => false);

export const absent = fileStateFunction(
  'absent',
  'Make sure the file, link or directory (recursively) is absent.',
  async (ctx, _args, name, ret) => {
    if (name === '/') return fail(ret, 'Refusing to make "/" absent');
    const st = await lstat(name).catch(() => null);
    if (!st) {
      ret.comment = `File ${name} is not present`;
      return ret;
    }
    const kind = st.isDirectory() ? 'Directory' : 'File';
    ret.changes.removed = name;
    if (ctx.test) {
      ret.result = null;
      ret.comment = `${kind} ${name} is set for removal`;
      return ret;
    }
    try {
      await rm(name, { recursive: true });
    } catch (err) {
      ret.changes = {};
      return fail(ret, kind === 'Directory' ? `Failed to remove directory ${name}` : errorText(err));
    }
    ret.comment = `Removed ${kind.toLowerCase()} ${name}`;
    return ret;
  },
  { absolute: true },
);

export const exists = fileStateFunction(
  'exists',
  'Verify that the path exists; never creates it.',
  async (_ctx, _args, name, ret) => {
    if (!(await lexists(name))) return fail(ret, `Specified path ${name} does not exist`);
    ret.comment = `Path ${name} exists`;
    return ret;
  },
);

export const missing = fileStateFunction(
  'missing',
  'Verify that the path does not exist; never removes it.',
  async (_ctx, _args, name, ret) => {
    if (await lexists(name)) return fail(ret, `Specified path ${name} exists`);
    ret.comment = `Path ${name} is missing`;
    return ret;
  },
);
