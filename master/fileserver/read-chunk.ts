// One chunk of a served file, read from disk at an offset: never the whole file.
import { open } from 'node:fs/promises';

/** Up to `length` bytes from `offset`; fewer at the end of the file, none past it. */
export async function readChunk(file: string, offset: number, length: number): Promise<Uint8Array> {
  const fh = await open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await fh.read(buffer, filled, length - filled, offset + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } finally {
    await fh.close();
  }
}
