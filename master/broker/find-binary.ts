import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { SaltTsError } from '../../shared/errors.js';

// Debian installs nats-server in /usr/sbin, which an ordinary user's PATH often lacks.
const SBIN_DIRS = ['/usr/local/sbin', '/usr/sbin'];

/** Resolves the nats-server binary on PATH (or as given), with install advice when missing. */
export function findNatsServer(bin: string): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...SBIN_DIRS];
  const candidates = bin.includes('/') ? [bin] : dirs.map((dir) => join(dir, bin));
  for (const path of candidates) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here; try the next PATH entry
    }
  }
  throw new SaltTsError(
    'SALTTS_BROKER_MISSING',
    `cannot find ${JSON.stringify(bin)} ${bin.includes('/') ? '' : 'on PATH or in /usr/sbin '}to run the embedded broker: ` +
      'install it with `apt-get install nats-server` (Debian/Ubuntu), or set nats_server_bin in the master config, ' +
      'or set nats_url to use an existing NATS cluster',
  );
}
