// ed25519 keypairs (NATS nkeys) kept as seed files readable by their owner only.
import { existsSync, mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { createUser, fromSeed, type KeyPair } from '@nats-io/nkeys';
import { SaltTsError } from './errors.js';

/** Loads the seed at `path`, creating a new keypair there on first use. */
export function loadOrCreateKeyPair(path: string): KeyPair {
  if (existsSync(path)) return readKeyPair(path);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const kp = createUser();
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, new TextDecoder().decode(kp.getSeed()) + '\n', { mode: 0o600 });
  renameSync(tmp, path);
  return kp;
}

export function readKeyPair(path: string): KeyPair {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' ? 'permission denied (run as the user that owns it)' : code === 'ENOENT' ? 'no such file' : String(err);
    throw new SaltTsError('SALTTS_CREDENTIALS', `cannot read key ${path}: ${why}`);
  }
  try {
    return fromSeed(new TextEncoder().encode(text));
  } catch {
    throw new SaltTsError('SALTTS_CREDENTIALS', `${path} does not hold an nkey seed`);
  }
}
