// Who this minion is: its id (from config, else remembered from the first start,
// else the host's FQDN, as Salt does) and its keypair in pki_dir.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyPair } from '@nats-io/nkeys';
import { checkMinionId } from '../shared/minion-id.js';
import { loadOrCreateKeyPair } from '../shared/nkey-file.js';
import type { MinionConfig } from '../shared/config/load.js';

export function resolveMinionId(config: MinionConfig, fqdn: string): string {
  if (config.id !== null) return checkMinionId(config.id, `${config.config_file}: option 'id'`);
  const remembered = join(config.config_dir, 'minion_id');
  try {
    return checkMinionId(readFileSync(remembered, 'utf8').trim(), remembered);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const id = checkMinionId(fqdn, 'the host FQDN');
  try {
    writeFileSync(remembered, id + '\n'); // keep the id stable if the hostname changes later
  } catch {
    // a read-only config folder only means the id is worked out again next start
  }
  return id;
}

export function minionKeyPair(config: MinionConfig): KeyPair {
  return loadOrCreateKeyPair(join(config.pki_dir, 'minion.nkey'));
}
