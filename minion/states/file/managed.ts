// file.managed: the file holds the content of its source (rendered when templated) or of
// `contents`, with the owner, group and mode asked for; a diff of what changed.
import { lstat, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StateArgs, StateContext, StateReturn } from '../../../shared/state/types.js';
import { makeDirs } from '../../modules/file/mkdir.js';
import { pyStr } from '../../../shared/output/py-str.js';
import { isRecord } from '../../../shared/output/sorted-keys.js';
import { modeArg, optionalString, ownerArg } from './args.js';
import { truthy } from '../../../shared/state/python-values.js';
import { managedContents } from './contents.js';
import { contentDiff } from './diff.js';
import { checkUserGroup } from './owner.js';
import { checkPerms, currentMeta, metaChanges, type Wanted } from './perms.js';
import { errorText, fail } from '../../../shared/state/state-return.js';
import { chooseSource, sourceContent, SourceError } from './source.js';
import { fileStateFunction } from './state-function.js';
import { replaceContent } from './write.js';

export const TEST_NOTE = '\nNote: No changes made, actual changes may\nbe different due to other states.';

export const managed = fileStateFunction(
  'managed',
  'Manage a file: its content from source (salt:// or local, a list for fallbacks; template: jinja with context/defaults; source_hash checked) or contents/contents_pillar/contents_grains, and user, group, mode; makedirs, dir_mode, replace, backup, show_changes, create, follow_symlinks.',
  manage,
  {
    missingName: 'Destination file name is required',
    onError: (err, _name, ret) => fail(Object.assign(ret, { changes: {} }), err instanceof SourceError ? err.message : `Unable to manage file: ${errorText(err)}`),
  },
);

async function manage(ctx: StateContext, args: StateArgs, name: string, ret: StateReturn): Promise<StateReturn> {
  if (typeof args.mode === 'string' && args.mode.toLowerCase() === 'keep') return fail(ret, "mode: keep is not supported by salt-ts; give the mode, e.g. '0644'");
  const mode = modeArg(args.mode, 'mode', name);
  const dirMode = modeArg(args.dir_mode, 'dir_mode', name);
  const given = ['contents', 'contents_pillar', 'contents_grains'].filter((key) => args[key] != null).length;
  const hasSource = truthy(args.source);
  if (hasSource && given > 0) return fail(ret, "'source' cannot be used in combination with 'contents', 'contents_pillar', or 'contents_grains'");
  if (given > 1) return fail(ret, "Only one of 'contents', 'contents_pillar', and 'contents_grains' is permitted");
  // With nothing to write, Salt only creates the file and manages its metadata.
  const replace = args.replace !== false && (hasSource || given > 0);
  const template = optionalString(args.template);
  const user = ownerArg(args.user ?? args.owner);
  const group = ownerArg(args.group);
  const follow = args.follow_symlinks !== false;
  const showChanges = args.show_changes !== false;

  if (args.create === false && !(await stat(name).then((st) => st.isFile(), () => false))) {
    ret.comment = `File ${name} is not present and is not set for creation`;
    return ret;
  }
  const badOwner = await checkUserGroup(user, group);
  if (badOwner) return fail(ret, badOwner);
  if (!path.isAbsolute(name)) return fail(ret, `Specified file ${name} is not an absolute path`);
  if (await stat(name).then((st) => st.isDirectory(), () => false)) return fail(ret, `Specified target ${name} is a directory`);
  if (args.context != null && !isRecord(args.context)) return fail(ret, 'Context must be formed as a dict');
  if (truthy(args.defaults) && !isRecord(args.defaults)) return fail(ret, 'Defaults must be formed as a dict');

  const want: Wanted = { user, group, mode };
  const exists = await lstat(name).then(() => true, () => false);
  if (!replace && exists) return metadataOnly(ctx, name, ret, want, follow);

  const vars = { user, group, mode, saltenv: ctx.saltenv, ...merge(isRecord(args.defaults) ? args.defaults : {}, isRecord(args.context) ? args.context : {}) };
  let data: Buffer | null = null;
  if (hasSource) {
    const choice = await chooseSource(ctx, args.source, optionalString(args.source_hash || null));
    data = await sourceContent(ctx, name, choice, optionalString(args.source_hash_name), { template, vars });
  } else {
    const contents = managedContents(ctx, args);
    if (contents !== null) data = Buffer.from(template ? await ctx.renderTemplate(contents, template, `${name} (contents)`, { name, ...vars }) : contents);
  }

  const target = exists && follow ? await realpath(name).catch(() => name) : name;
  if (ctx.test) return predict(name, target, exists, replace ? data : null, want, follow, showChanges, ret);
  if (!exists) return create(args, name, data, want, dirMode, ret);

  const isLink = (await lstat(name)).isSymbolicLink();
  if (replace && data !== null) {
    const diff = contentDiff(await readFile(target), data, showChanges);
    if (diff) {
      ret.changes.diff = diff;
      await replaceContent(target, data, backupMode(ctx, args), pyStr(ctx.opts.cachedir ?? ''));
    }
  }
  if (isLink && !follow) {
    const content = data ?? (await readFile(name));
    await rm(name);
    await writeFile(name, content, { mode: 0o600 });
    ret.changes.diff = 'Replace symbolic link with regular file';
  }
  await checkPerms(false, target, ret, want, follow);
  if (Object.keys(ret.changes).length) ret.comment = `File ${name} updated`;
  else if (ret.result) ret.comment = `File ${name} is in the correct state`;
  return ret;
}

// replace: False on an existing file: only its owner, group and mode are managed.
async function metadataOnly(ctx: StateContext, name: string, ret: StateReturn, want: Wanted, follow: boolean): Promise<StateReturn> {
  const before = await checkPerms(ctx.test, name, ret, want, follow);
  if (ctx.test) {
    ret.comment = want.mode !== null && before !== null && want.mode !== before ? `File ${name} will be updated with permissions ${want.mode} from its current state of ${before}` : `File ${name} not updated`;
  } else if (!Object.keys(ret.changes).length && ret.result) {
    ret.comment = `File ${name} exists with proper permissions. No changes made.`;
  }
  return ret;
}

// test=True: what a run would change (Salt's check_managed_changes), changing nothing.
async function predict(name: string, target: string, exists: boolean, data: Buffer | null, want: Wanted, follow: boolean, showChanges: boolean, ret: StateReturn): Promise<StateReturn> {
  if (!exists) ret.changes = { newfile: name };
  else {
    if (data !== null) {
      const diff = contentDiff(await readFile(target), data, true);
      if (diff) ret.changes.diff = showChanges ? diff : '<show_changes=False>';
    }
    const cur = await currentMeta(target, follow);
    if (cur) Object.assign(ret.changes, metaChanges(cur, want, follow));
  }
  if (Object.keys(ret.changes).length) {
    ret.result = null;
    ret.comment = `The file ${name} is set to be changed${TEST_NOTE}`;
  } else ret.comment = `The file ${name} is in the correct state`;
  return ret;
}

// A new file: parents made when makedirs is set, the content written, then its owner and mode.
async function create(args: StateArgs, name: string, data: Buffer | null, want: Wanted, dirMode: string | null, ret: StateReturn): Promise<StateReturn> {
  const parent = path.dirname(name);
  if (!(await stat(parent).then((st) => st.isDirectory(), () => false))) {
    if (args.makedirs !== true) return fail(ret, 'Parent directory not present');
    await makeDirs(parent, want.user, want.group, dirMode ?? executableDirMode(want.mode));
  }
  if (data === null) {
    // An empty file, user read-write only until its mode is set.
    await writeFile(name, '', { mode: want.mode ? 0o600 : 0o666 });
    ret.changes.new = `file ${name} created`;
    ret.comment = 'Empty file';
  } else {
    await writeFile(name, data, { mode: 0o600 });
    ret.changes.diff = 'New file';
  }
  // Without a mode, a new file gets the one the umask gives, as Salt sets it.
  const mode = want.mode ?? (0o666 & ~process.umask()).toString(8).padStart(4, '0');
  await checkPerms(false, name, ret, { ...want, mode }, true);
  if (!ret.comment) ret.comment = `File ${name} updated`;
  return ret;
}

// Salt's default dir_mode for makedirs: the file mode with execute added to each non-zero digit.
function executableDirMode(mode: string | null): string | null {
  if (mode === null) return null;
  return '0' + [...mode.slice(-3)].map((digit) => (digit === '0' ? '0' : String(Number(digit) | 1))).join('');
}

/** The backup mode of the state (backup:), else the minion's backup_mode option. */
export function backupMode(ctx: StateContext, args: StateArgs): string {
  return truthy(args.backup) ? pyStr(args.backup) : pyStr(ctx.opts.backup_mode ?? '');
}

/** Salt's dictupdate.merge: `over` merged into `base`, mappings recursively. */
function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const old = out[key];
    out[key] = isRecord(old) && isRecord(value) ? merge(old, value) : value;
  }
  return out;
}
