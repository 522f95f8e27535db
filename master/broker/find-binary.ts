import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { SaltTsError } from '../../shared/errors.js';

/** Resolves the nats-server binary on PATH (or as given), with install advice when missing. */
export function findNatsServer(bin: string): string {
  const candidates = bin.includes('/') ? [bin] : (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, bin));
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
    `cannot find ${JSON.stringify(bin)} ${bin.includes('/') ? '' : 'on PATH '}to run the embedded broker: ` +
      'install it with `apt-get install nats-server` (Debian/Ubuntu), or set nats_server_bin in the master config, ' +
      'or set nats_url to use an existing NATS cluster',
  );
}
