// Fetches a file chunk by chunk into a temporary file beside its destination, with a
// few chunk requests in flight, hashing as it writes; only a file whose digest matches
// the server's is renamed into place. At most WINDOW chunks are ever held in memory.
import { createHash, randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { FILE_CHUNK_MAX, type FileStat } from '../../shared/protocol/messages.js';

const WINDOW = 4;

export type FetchChunk = (offset: number, length: number) => Promise<Uint8Array>;

/** Thrown when the bytes received do not make the file the server described (it changed meanwhile). */
export class ChangedDuringTransfer extends Error {}

export async function downloadFile(dest: string, expected: FileStat, fetchChunk: FetchChunk): Promise<void> {
  const temp = `${dest}.part-${randomBytes(6).toString('hex')}`;
  const fh = await open(temp, 'wx');
  try {
    const hash = createHash(expected.hash_type);
    const inFlight: Promise<Uint8Array>[] = [];
    let requested = 0;
    const requestNext = () => {
      const chunk = fetchChunk(requested, Math.min(FILE_CHUNK_MAX, expected.size - requested));
      chunk.catch(() => undefined); // awaited in order below; a failure there stops the transfer
      inFlight.push(chunk);
      requested += FILE_CHUNK_MAX;
    };
    while (requested < expected.size && inFlight.length < WINDOW) requestNext();
    let written = 0;
    while (inFlight.length) {
      const data = await inFlight.shift()!;
      if (requested < expected.size) requestNext();
      if (data.length !== Math.min(FILE_CHUNK_MAX, expected.size - written)) throw new ChangedDuringTransfer(`got ${data.length} bytes at offset ${written}`);
      hash.update(data);
      await fh.write(data, 0, data.length, written);
      written += data.length;
    }
    await fh.close();
    const hsum = hash.digest('hex');
    if (hsum !== expected.hsum) throw new ChangedDuringTransfer(`${expected.hash_type} ${hsum} instead of ${expected.hsum}`);
    await rename(temp, dest);
  } catch (err) {
    await fh.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw err;
  }
}
