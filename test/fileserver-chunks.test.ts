// Chunked transfer: the master reads a chunk at an offset from disk; the minion fetches
// a file chunk by chunk into a temporary file and only a verified file lands in place.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readChunk } from '../master/fileserver/read-chunk.js';
import { Limiter } from '../master/fileserver/limiter.js';
import { ChangedDuringTransfer, downloadFile } from '../minion/fileclient/download.js';
import { FILE_CHUNK_MAX, type FileStat } from '../shared/protocol/messages.js';

const dir = mkdtempSync(join(tmpdir(), 'salt-ts-chunks-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const statOf = (data: Uint8Array): FileStat => ({ hash_type: 'sha256', hsum: sha256(data), size: data.length });

describe('reading chunks on the master', () => {
  const data = randomBytes(1000);
  const file = join(dir, 'source.bin');
  writeFileSync(file, data);

  test('a chunk is the bytes at its offset; the last is short; past the end is empty', async () => {
    assert.deepEqual(Buffer.from(await readChunk(file, 100, 50)), data.subarray(100, 150));
    assert.deepEqual(Buffer.from(await readChunk(file, 900, 500)), data.subarray(900));
    assert.equal((await readChunk(file, 1000, 10)).length, 0);
  });

  test('reads beyond the concurrency cap wait for a slot, and all of them finish', async () => {
    const limiter = new Limiter(2);
    let active = 0;
    let most = 0;
    const chunks = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        limiter.run(async () => {
          most = Math.max(most, ++active);
          const chunk = await readChunk(file, i * 100, 100);
          active--;
          return chunk;
        }),
      ),
    );
    assert.equal(most, 2);
    assert.deepEqual(Buffer.concat(chunks), data.subarray(0, 800));
  });
});

describe('downloading in chunks on the minion', () => {
  // Three and a bit chunks, so the window, the short last chunk and the ordering all matter.
  const data = randomBytes(FILE_CHUNK_MAX * 3 + 12345);
  const source = join(dir, 'big.bin');
  writeFileSync(source, data);

  test('the file arrives whole, asked for in chunks no larger than the limit', async () => {
    const asked: Array<[number, number]> = [];
    const dest = join(dir, 'big.copy');
    await downloadFile(dest, statOf(data), (offset, length) => {
      asked.push([offset, length]);
      return readChunk(source, offset, length);
    });
    assert.equal(sha256(readFileSync(dest)), sha256(data));
    assert.deepEqual(asked, [[0, FILE_CHUNK_MAX], [FILE_CHUNK_MAX, FILE_CHUNK_MAX], [2 * FILE_CHUNK_MAX, FILE_CHUNK_MAX], [3 * FILE_CHUNK_MAX, 12345]]);
  });

  test('chunks answered out of order still make the right file', async () => {
    const dest = join(dir, 'shuffled.copy');
    let n = 0;
    await downloadFile(dest, statOf(data), async (offset, length) => {
      const delay = [30, 0, 20, 0][n++ % 4]!;
      await new Promise((r) => setTimeout(r, delay));
      return readChunk(source, offset, length);
    });
    assert.equal(sha256(readFileSync(dest)), sha256(data));
  });

  test('an empty file is created without asking for any chunk', async () => {
    const dest = join(dir, 'empty.copy');
    await downloadFile(dest, statOf(new Uint8Array()), () => assert.fail('no chunk should be asked for'));
    assert.equal(readFileSync(dest).length, 0);
  });

  test('bytes that do not match the digest leave no file and no temporary behind', async () => {
    const dest = join(dir, 'bad.copy');
    const claimed = { ...statOf(data), hsum: sha256(Buffer.from('something else')) };
    await assert.rejects(downloadFile(dest, claimed, (offset, length) => readChunk(source, offset, length)), ChangedDuringTransfer);
    assert.equal(existsSync(dest), false);
    assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('bad.copy')), []);
  });

  test('a file that shrank under the transfer is noticed', async () => {
    const dest = join(dir, 'shrunk.copy');
    const claimed = { ...statOf(data), size: data.length + 10 };
    await assert.rejects(downloadFile(dest, claimed, (offset, length) => readChunk(source, offset, length)), /got 12345 bytes at offset/);
    assert.equal(existsSync(dest), false);
  });

  test('a failing chunk request stops the transfer with its error', async () => {
    const dest = join(dir, 'failed.copy');
    await assert.rejects(
      downloadFile(dest, statOf(data), async (offset, length) => {
        if (offset > 0) throw new Error('master went away');
        return readChunk(source, offset, length);
      }),
      /master went away/,
    );
    assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('failed.copy')), []);
  });
});
