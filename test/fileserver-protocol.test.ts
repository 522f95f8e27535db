// The file server's wire messages: requests are checked field by field before use.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FILE_CHUNK_MAX, parseFileListing, parseFileRequest, parseFileStat } from '../shared/protocol/messages.js';
import { parseMinionNoticeSubject, Subjects } from '../shared/protocol/subjects.js';

const badMessage = (problem: RegExp) => (e: unknown) => (e as { code?: string }).code === 'SALTTS_BAD_MESSAGE' && problem.test((e as Error).message);

describe('file server messages', () => {
  test('the four requests parse', () => {
    assert.deepEqual(parseFileRequest({ op: 'envs' }), { op: 'envs' });
    assert.deepEqual(parseFileRequest({ op: 'stat', saltenv: 'base', path: 'a/b' }), { op: 'stat', saltenv: 'base', path: 'a/b' });
    assert.deepEqual(parseFileRequest({ op: 'read', saltenv: 'prod', path: 'x', offset: 0, length: FILE_CHUNK_MAX }), {
      op: 'read', saltenv: 'prod', path: 'x', offset: 0, length: FILE_CHUNK_MAX,
    });
    assert.deepEqual(parseFileRequest({ op: 'list', saltenv: 'base', prefix: '' }), { op: 'list', saltenv: 'base', prefix: '' });
  });

  test('a chunk larger than the limit, an empty chunk or a negative offset is refused', () => {
    assert.throws(() => parseFileRequest({ op: 'read', saltenv: 'base', path: 'x', offset: 0, length: FILE_CHUNK_MAX + 1 }), badMessage(/'length' must be from 1 to 524288/));
    assert.throws(() => parseFileRequest({ op: 'read', saltenv: 'base', path: 'x', offset: 0, length: 0 }), badMessage(/'length'/));
    assert.throws(() => parseFileRequest({ op: 'read', saltenv: 'base', path: 'x', offset: -1, length: 10 }), badMessage(/'offset' must not be negative/));
    assert.throws(() => parseFileRequest({ op: 'read', saltenv: 'base', path: 'x', offset: 1.5, length: 10 }), badMessage(/'offset' must be an integer/));
  });

  test('an unknown op, a saltenv that is not a plain name or a missing path is refused', () => {
    assert.throws(() => parseFileRequest({ op: 'write', saltenv: 'base', path: 'x' }), badMessage(/'op' must be one of envs, stat, read, list/));
    for (const saltenv of ['..', '.', 'a/b', '']) assert.throws(() => parseFileRequest({ op: 'stat', saltenv, path: 'x' }), badMessage(/'saltenv' is malformed/));
    assert.throws(() => parseFileRequest({ op: 'stat', saltenv: 'base' }), badMessage(/'path' must be a string/));
  });

  test('replies are checked too', () => {
    assert.throws(() => parseFileStat({ hash_type: 'crc32', hsum: 'ab', size: 1 }), badMessage(/'hash_type'/));
    assert.throws(() => parseFileStat({ hash_type: 'sha256', hsum: 'ab', size: -1 }), badMessage(/'size'/));
    assert.throws(() => parseFileListing({ files: [1], dirs: [], empty_dirs: [] }), badMessage(/'files' must be a list of strings/));
  });

  test("a minion's file requests travel on its own subject, which names it", () => {
    assert.equal(Subjects.fileRequest('web1.example.com'), 'salt.minion.web1%2Eexample%2Ecom.file');
    assert.deepEqual(parseMinionNoticeSubject(Subjects.fileRequest('web1.example.com')), { id: 'web1.example.com', notice: 'file' });
  });
});
