// Paths given to file functions: `~` and `~user` expanded as Python's expanduser does,
// and required to be absolute, as Salt requires.
import { homedir } from 'node:os';
import path from 'node:path';
import { pyStr } from '../../../shared/output/py-str.js';
import { findUser } from '../../platform/users.js';
import { CommandExecutionError } from '../command-error.js';

/** The expanded path, or an error when it is not absolute. */
export async function absolutePath(value: unknown): Promise<string> {
  const text = await expandUser(pyStr(value));
  if (!path.isAbsolute(text)) throw new CommandExecutionError(`File path must be absolute: ${text}`);
  return text;
}

/** `~` and `~user` expanded as Python's expanduser does; an unknown ~user is left as it is. */
export async function expandUser(text: string): Promise<string> {
  if (!text.startsWith('~')) return text;
  const slash = text.indexOf('/');
  const name = text.slice(1, slash < 0 ? undefined : slash);
  const home = name ? (await findUser(name))?.home : homedir();
  if (home === undefined) return text;
  return home.replace(/\/+$/, '') + (slash < 0 ? '' : text.slice(slash)) || '/';
}
