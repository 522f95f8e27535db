// file.replace (and file.search, which is a replace that only searches), as Salt does it:
// a Python regular expression over the whole file, matched on its bytes; the result is a
// diff of the change, or True/False; a backup is kept; the file keeps its inode.
import { copyFile, readFile, realpath, writeFile } from 'node:fs/promises';
import { isText } from './is-text.js';
import { compilePattern, parseTemplate, substitute } from './python-regex.js';
import { splitLinesKeepEnds, unifiedDiff } from './unified-diff.js';
import { CommandExecutionError } from '../command-error.js';

export interface ReplaceOptions {
  pattern: string;
  repl: string;
  count: number;
  flags: number;
  appendIfNotFound: boolean;
  prependIfNotFound: boolean;
  notFoundContent: string | null;
  /** The backup file's suffix, or null for no backup. */
  backup: string | null;
  dryRun: boolean;
  searchOnly: boolean;
  showChanges: boolean;
  ignoreIfMissing: boolean;
  backslashLiteral: boolean;
}

const bad = (message: string) => new CommandExecutionError(message);

// Salt matches bytes: the file is read one character per byte, and so are the pattern and texts.
const asBytes = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
const fromBytes = (text: string) => Buffer.from(text, 'latin1').toString('utf8');

/** Replaces in the file at `path`; returns the diff, or whether it changed (found, when searchOnly). */
export async function replaceInFile(path: string, o: ReplaceOptions): Promise<string | boolean> {
  const file = await realpath(path).catch(() => null);
  if (file === null) {
    if (o.ignoreIfMissing) return false;
    throw bad(`File not found: ${path}`);
  }
  const data = await readFile(file);
  if (!isText(data)) throw bad(`Cannot perform string replacements on a binary file: ${file}`);
  if (o.searchOnly && (o.appendIfNotFound || o.prependIfNotFound)) throw bad('search_only cannot be used with append/prepend_if_not_found');
  if (o.appendIfNotFound && o.prependIfNotFound) throw bad('Only one of append and prepend_if_not_found is permitted');
  const regex = compilePattern(asBytes(o.pattern), o.flags);
  const original = data.toString('latin1');
  if (o.searchOnly) return original.search(regex) >= 0;

  const { text: replaced, replaced: count } = substitute(regex, parseTemplate(asBytes(o.repl), o.backslashLiteral), original, o.count);
  const content = asBytes(o.notFoundContent ?? o.repl);
  const addIfMissing = o.appendIfNotFound || o.prependIfNotFound;
  // Content added by an earlier run counts as found, so it is not added twice.
  const found = count > 0 || (addIfMissing && compilePattern(`^${escapeRegExp(content)}($|(?=\\r\\n))`, o.flags).test(original));
  let next = replaced;
  if (!found && addIfMissing) {
    next = o.prependIfNotFound ? `${content}\n${replaced}` : `${replaced}${replaced && !replaced.endsWith('\n') ? '\n' : ''}${content}\n`;
  }
  const changed = next !== original;
  if (changed && !o.dryRun) {
    if (o.backup) await copyFile(file, `${file}${o.backup}`);
    await writeFile(file, Buffer.from(next, 'latin1'));
  }
  const diff = unifiedDiff(splitLinesKeepEnds(original), splitLinesKeepEnds(next));
  return o.showChanges ? fromBytes(diff) : changed;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
