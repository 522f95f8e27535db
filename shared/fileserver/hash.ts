// The digest of a file on disk, streamed so a large file never sits in memory.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { HashType } from '../protocol/messages.js';

export async function hashFile(file: string, hashType: HashType): Promise<string> {
  const hash = createHash(hashType);
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}
