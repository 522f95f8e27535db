// The master's `reactor:` option as Salt writes it: a list of {<tag glob>: [sls files]},
// each file an absolute path, a salt:// URL, or a path relative to the config folder.
import { isAbsolute, resolve } from 'node:path';
import { SaltTsError } from '../../shared/errors.js';

export interface ReactorBinding {
  /** An fnmatch glob over event tags. */
  glob: string;
  /** Absolute paths or salt:// URLs, in the order they run. */
  files: string[];
}

export function reactorBindings(entries: Record<string, unknown>[], configFile: string, configDir: string): ReactorBinding[] {
  return entries.flatMap((entry, index) =>
    Object.entries(entry).map(([glob, value]) => {
      const files = typeof value === 'string' ? [value] : value;
      if (!Array.isArray(files) || !files.every((f) => typeof f === 'string' && f !== '')) {
        throw new SaltTsError('SALTTS_CONFIG_VALUE', `${configFile}: reactor entry ${index + 1} ('${glob}') must list SLS files, got ${JSON.stringify(value)}`);
      }
      return { glob, files: files.map((f) => (f.startsWith('salt://') || isAbsolute(f) ? f : resolve(configDir, f))) };
    }),
  );
}
