// The /etc/init.d scripts, which both back ends count as services.
import { readdirSync } from 'node:fs';

export const INIT_D = '/etc/init.d';

/** The names in a directory, none when it does not exist. */
export function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** The service scripts in /etc/init.d (README and hidden files are not services). */
export function initScripts(): string[] {
  return listDir(INIT_D).filter((name) => name !== 'README' && !name.startsWith('.'));
}
