// The `diff` Salt reports when a file's content changes (file.get_diff): a unified diff
// of the lines for text, a sentence when either side is binary.
import { isText } from '../../modules/file/is-text.js';
import { unifiedDiff } from '../../modules/file/unified-diff.js';

/** The change from `before` to `after`: '' when equal, '<show_changes=False>' when hidden. */
export function contentDiff(before: Buffer, after: Buffer, showChanges: boolean): string {
  if (before.equals(after)) return '';
  if (!showChanges) return '<show_changes=False>';
  const oldText = isText(before);
  const newText = isText(after);
  if (!oldText && !newText) return 'Replace binary file';
  if (!oldText) return 'Replace binary file with text file';
  if (!newText) return 'Replace text file with binary file';
  return unifiedDiff(readLines(before.toString('utf8')), readLines(after.toString('utf8')));
}

/** A text's lines with their endings, split at '\n' only, as Python's readlines() splits. */
export function readLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}
