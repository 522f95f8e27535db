// The digest of a file on disk, streamed so a large file never sits in memory.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';

/** The hex digest of `file` by an OpenSSL digest name (every HashType of the protocol is one). */
export async function hashFile(file: string, digest: string): Promise<string> {
  const hash = createHash(digest);
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}
