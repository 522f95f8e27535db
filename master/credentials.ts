// The master's own broker identity and the client credential the CLIs use. Both
// live in pki_dir, readable only by the master's user (Salt's key-file model):
// whoever can read cli.nkey can drive the master.
import { join } from 'node:path';
import type { KeyPair } from '@nats-io/nkeys';
import { existsSync } from 'node:fs';
import { loadOrCreateKeyPair, readKeyPair } from '../shared/nkey-file.js';
import { SaltTsError } from '../shared/errors.js';

export const masterKeyPath = (pkiDir: string) => join(pkiDir, 'master.nkey');
export const cliKeyPath = (pkiDir: string) => join(pkiDir, 'cli.nkey');

export interface MasterCredentials {
  master: KeyPair;
  cli: KeyPair;
}

export function ensureMasterCredentials(pkiDir: string): MasterCredentials {
  return { master: loadOrCreateKeyPair(masterKeyPath(pkiDir)), cli: loadOrCreateKeyPair(cliKeyPath(pkiDir)) };
}

export function readCliCredential(pkiDir: string, configDir: string): KeyPair {
  const path = cliKeyPath(pkiDir);
  if (!existsSync(path)) {
    throw new SaltTsError('SALTTS_CREDENTIALS', `${path} does not exist: the master writes it on its first start (salt-ts-master -c ${configDir})`);
  }
  return readKeyPair(path);
}
