// file: read, write, search and describe files on the minion (Salt's file module, the
// common functions). Paths must be absolute; `~` is expanded.
import type { Stats } from 'node:fs';
import { appendFile, lstat, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { pyStr } from '../../shared/output/py-str.js';
import { CommandExecutionError } from './command-error.js';
import { appendLines } from './file/append-lines.js';
import { fileHash } from './file/hash.js';
import { makeDirs } from './file/mkdir.js';
import { absolutePath } from './file/paths.js';
import { flagBits, MULTILINE } from './file/python-regex.js';
import { replaceInFile } from './file/replace.js';
import { fileStats } from './file/stats.js';
import type { BoundArgs, ExecModule } from './types.js';

/** The lines of write/append: the *args, or the `args` keyword (one value or a list). */
function lines(a: BoundArgs): string[] {
  const given = a.kwargs && 'args' in a.kwargs ? a.kwargs.args : a.args;
  return (Array.isArray(given) ? given : [given]).map(pyStr);
}

/** Whether stat of the path (following links) satisfies the test; false when it is missing. */
async function statIs(path: unknown, test: (st: Stats) => boolean): Promise<boolean> {
  return stat(await absolutePath(path)).then(test, () => false);
}

/** Salt's atime/mtime: seconds since the epoch, or null for now. */
function epochSeconds(value: unknown): number | null {
  if (value == null) return null;
  const seconds = typeof value === 'number' ? value : /^\d+$/.test(pyStr(value)) ? Number(value) : NaN;
  if (!Number.isFinite(seconds)) throw new CommandExecutionError('atime and mtime must be integers');
  return seconds;
}

/** Puts the call's lines into its file with `put`; Salt's report. */
async function putLines(a: BoundArgs, put: (path: string, lines: string[]) => Promise<void>): Promise<string> {
  const path = await absolutePath(a.path);
  const text = lines(a);
  await put(path, text);
  return `Wrote ${text.length} lines to "${path}"`;
}

export const fileModule: ExecModule = {
  name: 'file',
  doc: 'Read, write, search and describe files on the minion.',
  functions: {
    file_exists: {
      doc: 'Return True if the path is a file (links followed).',
      params: [{ name: 'path' }],
      run: (_ctx, a) => statIs(a.path, (st) => st.isFile()),
    },
    directory_exists: {
      doc: 'Return True if the path is a directory (links followed).',
      params: [{ name: 'path' }],
      run: (_ctx, a) => statIs(a.path, (st) => st.isDirectory()),
    },
    read: {
      doc: 'Return the content of the file; binary=True returns its bytes base64-encoded (JSON carries no bytes).',
      params: [{ name: 'path' }, { name: 'binary', default: false }],
      run: async (_ctx, a) => (await readFile(await absolutePath(a.path))).toString(a.binary === true ? 'base64' : 'utf8'),
    },
    write: {
      doc: 'Write the given lines to the file, each followed by a newline, replacing its content; returns \'Wrote N lines to "path"\'.',
      params: [{ name: 'path' }],
      varargs: true,
      varkw: true,
      run: (_ctx, a) => putLines(a, (path, text) => writeFile(path, text.map((line) => `${line}\n`).join(''))),
    },
    append: {
      doc: 'Append the given lines to the end of an existing file, adding a newline first if it lacks one; returns \'Wrote N lines to "path"\'.',
      params: [{ name: 'path' }],
      varargs: true,
      varkw: true,
      run: (_ctx, a) => putLines(a, appendLines),
    },
    search: {
      doc: 'Return True if the Python regular expression matches in the file. flags: int or names (default 8, MULTILINE); multiline=True adds MULTILINE; ignore_if_missing returns False for a missing file; bufsize is accepted (the whole file is always searched).',
      params: [
        { name: 'path' },
        { name: 'pattern' },
        { name: 'flags', default: 8 },
        { name: 'bufsize', default: 1 },
        { name: 'ignore_if_missing', default: false },
        { name: 'multiline', default: false },
      ],
      run: async (_ctx, a) =>
        replaceInFile(await absolutePath(a.path), {
          pattern: pyStr(a.pattern),
          repl: '',
          count: 0,
          flags: flagBits(a.flags) | (a.multiline === true ? MULTILINE : 0),
          appendIfNotFound: false,
          prependIfNotFound: false,
          notFoundContent: null,
          backup: null,
          dryRun: true,
          searchOnly: true,
          showChanges: false,
          ignoreIfMissing: a.ignore_if_missing === true,
          backslashLiteral: false,
        }),
    },
    replace: {
      doc: 'Replace matches of a Python regular expression in the file (symlinks resolved) and return the diff, or True/False with show_changes=False. Implemented: count (0: all), flags (int or names, default 8), append_if_not_found, prepend_if_not_found, not_found_content, backup (suffix, default ".bak"; False for none), dry_run, search_only, show_changes, ignore_if_missing, backslash_literal; bufsize is accepted (the whole file is always matched). Matching is on bytes, and repl takes \\1 and \\g<name>, as in Salt.',
      params: [
        { name: 'path' },
        { name: 'pattern' },
        { name: 'repl' },
        { name: 'count', default: 0 },
        { name: 'flags', default: 8 },
        { name: 'bufsize', default: 1 },
        { name: 'append_if_not_found', default: false },
        { name: 'prepend_if_not_found', default: false },
        { name: 'not_found_content', default: null },
        { name: 'backup', default: '.bak' },
        { name: 'dry_run', default: false },
        { name: 'search_only', default: false },
        { name: 'show_changes', default: true },
        { name: 'ignore_if_missing', default: false },
        { name: 'backslash_literal', default: false },
      ],
      run: async (_ctx, a) =>
        replaceInFile(await absolutePath(a.path), {
          pattern: pyStr(a.pattern),
          repl: pyStr(a.repl),
          count: Number(a.count) || 0,
          flags: flagBits(a.flags),
          appendIfNotFound: a.append_if_not_found === true,
          prependIfNotFound: a.prepend_if_not_found === true,
          notFoundContent: a.not_found_content == null ? null : pyStr(a.not_found_content),
          backup: a.backup ? pyStr(a.backup) : null,
          dryRun: a.dry_run === true,
          searchOnly: a.search_only === true,
          showChanges: a.show_changes !== false,
          ignoreIfMissing: a.ignore_if_missing === true,
          backslashLiteral: a.backslash_literal === true,
        }),
    },
    stats: {
      doc: 'Return a dict describing the file: inode, uid, gid, user, group, atime, mtime, ctime, size, mode (like "0644"), type (file, dir, link, char, block, pipe, socket), target, and sum when hash_type is given.',
      params: [{ name: 'path' }, { name: 'hash_type', default: null }, { name: 'follow_symlinks', default: true }],
      run: async (_ctx, a) => fileStats(await absolutePath(a.path), a.hash_type == null ? null : pyStr(a.hash_type), a.follow_symlinks !== false),
    },
    get_hash: {
      doc: 'Return the hex digest of the file with the hash named form (md5, sha1, sha224, sha256, sha384, sha512, sha3_*, blake2b, blake2s).',
      params: [{ name: 'path' }, { name: 'form', default: 'sha256' }],
      run: async (_ctx, a) => fileHash(await absolutePath(a.path), pyStr(a.form)),
    },
    mkdir: {
      doc: 'Create a directory and its missing parents, each with the given user, group and mode (octal); return True.',
      params: [{ name: 'dir_path' }, { name: 'user', default: null }, { name: 'group', default: null }, { name: 'mode', default: null }],
      run: async (_ctx, a) => {
        await makeDirs(await absolutePath(a.dir_path), a.user, a.group, a.mode);
        return true;
      },
    },
    remove: {
      doc: 'Remove the file, link or directory (recursively); return True, or False when there was nothing to remove.',
      params: [{ name: 'path' }],
      run: async (_ctx, a) => {
        const path = await absolutePath(a.path);
        if (!(await lstat(path).then(() => true, () => false))) return false;
        await rm(path, { recursive: true }).catch((err: Error) => {
          throw new CommandExecutionError(`Could not remove '${path}': ${err.message}`);
        });
        return true;
      },
    },
    touch: {
      doc: 'Create the file if it is missing and set its atime and mtime (seconds since the epoch; default now), like touch; return True.',
      params: [{ name: 'name' }, { name: 'atime', default: null }, { name: 'mtime', default: null }],
      run: async (_ctx, a) => {
        const path = await absolutePath(a.name);
        const now = Date.now() / 1000;
        const atime = epochSeconds(a.atime) ?? now;
        const mtime = epochSeconds(a.mtime) ?? now;
        await appendFile(path, '');
        await utimes(path, atime, mtime);
        return true;
      },
    },
  },
};
