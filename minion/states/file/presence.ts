// file.absent, file.exists and file.missing: whether a path is there, and removing it.
import { lstat, rm } from 'node:fs/promises';
import path from 'node:path';
import type { StateFunction } from '../../../shared/state/types.js';
import { expandUser } from '../../modules/file/paths.js';
import { pyStr } from '../../platform/py-str.js';
import { errorText, fail, startReturn } from '../common/state-return.js';

const lexists = (file: string) => lstat(file).then(() => true, () => false);

export const absent: StateFunction = {
  doc: 'Make sure the file, link or directory (recursively) is absent.',
  run: async (ctx, args) => {
    const name = await expandUser(pyStr(args.name ?? ''));
    const ret = startReturn(name);
    if (!name) return fail(ret, 'Must provide name to file.absent');
    if (!path.isAbsolute(name)) return fail(ret, `Specified file ${name} is not an absolute path`);
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
};

export const exists: StateFunction = {
  doc: 'Verify that the path exists; never creates it.',
  run: async (_ctx, args) => {
    const name = await expandUser(pyStr(args.name ?? ''));
    const ret = startReturn(name);
    if (!name) return fail(ret, 'Must provide name to file.exists');
    if (!(await lexists(name))) return fail(ret, `Specified path ${name} does not exist`);
    ret.comment = `Path ${name} exists`;
    return ret;
  },
};

export const missing: StateFunction = {
  doc: 'Verify that the path does not exist; never removes it.',
  run: async (_ctx, args) => {
    const name = await expandUser(pyStr(args.name ?? ''));
    const ret = startReturn(name);
    if (!name) return fail(ret, 'Must provide name to file.missing');
    if (await lexists(name)) return fail(ret, `Specified path ${name} exists`);
    ret.comment = `Path ${name} is missing`;
    return ret;
  },
};
