import { createHash } from 'node:crypto';

/** Salt-style fingerprint of a public key: sha256 as colon-separated hex pairs. */
export function fingerprint(publicKey: string): string {
  return createHash('sha256').update(publicKey).digest('hex').match(/../g)!.join(':');
}
