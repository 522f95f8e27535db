// file.replace: a Python regular expression replaced in the file (Salt's file.replace
// execution function does the work, dry-run under test=True).
import { stat } from 'node:fs/promises';
import { flagBits } from '../../modules/file/python-regex.js';
import { replaceInFile } from '../../modules/file/replace.js';
import { pyStr } from '../../../shared/output/py-str.js';
import { errorText, fail } from '../../../shared/state/state-return.js';
import { fileStateFunction } from './state-function.js';

export const replace = fileStateFunction(
  'replace',
  'Replace matches of a Python regular expression (pattern) by repl: count (0: all), flags (default 8, MULTILINE), append_if_not_found, prepend_if_not_found, not_found_content, backup (suffix, default .bak; False for none), show_changes, ignore_if_missing, backslash_literal.',
  async (ctx, args, name, ret) => {
    if (!(await stat(name).then(() => true, () => false))) {
      if (args.ignore_if_missing !== true) return fail(ret, `${name}: file not found`);
      ret.comment = 'No changes needed to be made';
      return ret;
    }
    const changes = await replaceInFile(name, {
      pattern: pyStr(args.pattern),
      repl: pyStr(args.repl),
      count: Number(args.count ?? 0) || 0,
      flags: flagBits(args.flags ?? 8),
      appendIfNotFound: args.append_if_not_found === true,
      prependIfNotFound: args.prepend_if_not_found === true,
      notFoundContent: args.not_found_content == null ? null : pyStr(args.not_found_content),
      backup: args.backup === false || args.backup === '' ? null : pyStr(args.backup ?? '.bak'),
      dryRun: ctx.test,
      searchOnly: false,
      showChanges: args.show_changes !== false,
      ignoreIfMissing: args.ignore_if_missing === true,
      backslashLiteral: args.backslash_literal === true,
    });
    if (!changes) {
      ret.comment = 'No changes needed to be made';
      return ret;
    }
    ret.changes.diff = changes;
    ret.result = ctx.test ? null : true;
    ret.comment = ctx.test ? 'Changes would have been made' : 'Changes were made';
    return ret;
  },
  { absolute: true, onError: (err, name, ret) => fail(ret, `${name}: ${errorText(err)}`) },
);
