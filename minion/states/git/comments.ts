// How git.latest words its outcome, as Salt's git state does.
import type { StateReturn } from '../../../shared/state/types.js';

/** Salt's _format_comments: joined with '. ', a final '.' when there are several. */
export function formatComments(comments: string[]): string {
  return comments.join('. ') + (comments.length > 1 ? '.' : '');
}

export function upToDate(ret: StateReturn, target: string, comments: string[] = [], localChanges = false): StateReturn {
  ret.comment = `Repository ${target} is up-to-date`;
  if (localChanges) ret.comment += ", but with local changes. Set 'force_reset' to True to purge local changes.";
  if (comments.length) ret.comment += `\n\nChanges made: ${formatComments(comments)}`;
  return ret;
}

export function failed(ret: StateReturn, message: string, comments: string[] = []): StateReturn {
  ret.result = false;
  ret.comment = comments.length ? `${message}\n\nChanges already made: ${formatComments(comments)}` : message;
  return ret;
}

/** Salt's _strip_exc: the git error without the "Command '...' failed: " prefix. */
export function stripCommand(message: string): string {
  return message.replace(/^(ERROR: )?Command ['"].+?['"] failed: /s, '');
}
