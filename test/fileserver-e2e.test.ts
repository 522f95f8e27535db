// End to end: a real master serving its file_roots to a real minion over NATS: cp.get_file,
// cp.list_master, the minion's hash-checked cache, a multi-chunk file, refusals and missing
// files; salt-ts-call fetching through the master, and masterless with file_client: local.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BINS, runNode } from '../scripts/local-cluster.js';
import { returnsOf } from './support/returns.js';
import { useFleet } from './support/cluster.js';

const write = (file: string, data: string | Uint8Array) => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, data);
};
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

describe('file server, end to end', () => {
  // Relative roots resolve under the master's root_dir, the cluster's master folder.
  const fleet = useFleet('fileserver', [{ id: 'web1' }], { master: { file_roots: { base: ['states', 'more'], prod: ['prod'] } } });
  const states = () => join(fleet().masterDir, 'states');
  const salt = async (...args: string[]) => {
    const res = await fleet().cli('salt-ts', ['web1', ...args, '--out', 'json']);
    return { ...res, ret: res.stdout ? returnsOf(res.stdout).web1 : undefined };
  };
  const cachedCopy = (rel: string, saltenv = 'base') => join(fleet().minionDir('web1'), 'cache/files', saltenv, rel);

  test('cp.get_file salt://... copies the master\'s file to the minion', async () => {
    write(join(states(), 'web/app.conf'), 'listen 8080;\n');
    const dest = join(fleet().dir, 'out/app.conf');
    const res = await salt('cp.get_file', 'salt://web/app.conf', dest, 'makedirs=True');
    assert.equal(res.code, 0, res.stdout + res.stderr);
    assert.equal(res.ret, dest);
    assert.equal(readFileSync(dest, 'utf8'), 'listen 8080;\n');
  });

  test('cp.list_master lists every root of the saltenv; cp.list_master_dirs its folders', async () => {
    write(join(fleet().masterDir, 'more/extra.sls'), 'x: {}\n');
    write(join(fleet().masterDir, 'prod/web/prod.conf'), 'prod\n');
    assert.deepEqual((await salt('cp.list_master')).ret, ['extra.sls', 'web/app.conf']);
    assert.deepEqual((await salt('cp.list_master', 'saltenv=prod')).ret, ['web/prod.conf']);
    assert.deepEqual((await salt('cp.list_master_dirs', 'prefix=we')).ret, ['web']);
  });

  test('a second fetch of an unchanged file uses the cache; a changed file is fetched again', async () => {
    write(join(states(), 'web/cached.txt'), 'version 1\n');
    assert.equal((await salt('cp.cache_file', 'salt://web/cached.txt')).ret, cachedCopy('web/cached.txt'));
    const first = statSync(cachedCopy('web/cached.txt'));
    const again = await salt('cp.cache_file', 'salt://web/cached.txt');
    assert.equal(again.ret, cachedCopy('web/cached.txt'));
    const second = statSync(cachedCopy('web/cached.txt'));
    // A download writes a new file and renames it into place: same inode and mtime mean none happened.
    assert.deepEqual([second.ino, second.mtimeMs], [first.ino, first.mtimeMs]);
    write(join(states(), 'web/cached.txt'), 'version 2\n');
    await salt('cp.cache_file', 'salt://web/cached.txt');
    assert.notEqual(statSync(cachedCopy('web/cached.txt')).ino, first.ino);
    assert.equal(readFileSync(cachedCopy('web/cached.txt'), 'utf8'), 'version 2\n');
    assert.equal((await salt('cp.is_cached', 'salt://web/cached.txt')).ret, cachedCopy('web/cached.txt'));
  });

  test('a file of several chunks arrives whole and matches the master\'s hash', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 777);
    write(join(states(), 'big.bin'), data);
    const res = await salt('cp.cache_file', 'salt://big.bin');
    assert.equal(res.code, 0, res.stdout + res.stderr);
    assert.equal(sha256(readFileSync(cachedCopy('big.bin'))), sha256(data));
    assert.deepEqual((await salt('cp.hash_file', 'salt://big.bin')).ret, { hash_type: 'sha256', hsum: sha256(data) });
  });

  test('traversal is refused with a clear error, on the minion and on the master', async () => {
    const up = await salt('cp.get_file', 'salt://../master', join(fleet().dir, 'out/stolen'));
    assert.equal(up.code, 1);
    assert.match(String(up.ret), /^ERROR: \[SALTTS_FILE_PATH\] salt:\/\/\.\.\/master: the path climbs out of the file roots with '\.\.'/);
    symlinkSync(join(fleet().masterDir, 'master'), join(states(), 'leak'));
    const leak = await salt('cp.get_file_str', 'salt://leak');
    assert.equal(leak.code, 1);
    assert.match(String(leak.ret), /^ERROR: \[SALTTS_FILE_PATH\] salt:\/\/leak \(saltenv 'base'\): resolves to .*\/master, outside the file root .*\/states/);
  });

  test("a missing file: cp.get_file returns '', cp.cache_file False, and the minion keeps serving", async () => {
    assert.equal((await salt('cp.get_file', 'salt://nope.conf', join(fleet().dir, 'out/nope'))).ret, '');
    assert.equal((await salt('cp.cache_file', 'salt://nope.conf')).ret, false);
    assert.equal((await salt('cp.get_file_str', 'salt://web/app.conf')).ret, 'listen 8080;\n');
  });

  test('cmd.script runs a script from salt://', async () => {
    write(join(states(), 'scripts/greet.sh'), '#!/bin/sh\necho "hi $1"\n');
    const res = await salt('cmd.script', 'salt://scripts/greet.sh', 'args=there');
    assert.equal((res.ret as { stdout: string }).stdout, 'hi there');
  });

  test('salt-ts-call with file_client: remote fetches through the master', async () => {
    const res = await runNode(BINS['salt-ts-call'], ['-c', fleet().minionDir('web1'), 'cp.get_file_str', 'salt://web/app.conf', '--out', 'json']);
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(JSON.parse(res.stdout), { local: 'listen 8080;\n' });
  });

  test("salt-ts-call --local and file_client: local read this host's own file_roots", async () => {
    const own = join(fleet().dir, 'own-states');
    write(join(own, 'web/app.conf'), 'masterless\n');
    // No master at this address: nothing may try to reach one.
    const options = { master: '203.0.113.1', file_roots: { base: [own] } };
    const minion = fleet().writeMinion({ id: 'solo', options }, join(fleet().dir, 'solo'));
    const local = await runNode(BINS['salt-ts-call'], ['-c', minion, '--local', 'cp.get_file_str', 'salt://web/app.conf', '--out', 'json']);
    assert.equal(local.code, 0, local.stderr);
    assert.deepEqual(JSON.parse(local.stdout), { local: 'masterless\n' });

    const masterless = fleet().writeMinion({ id: 'solo', options: { ...options, file_client: 'local' } }, join(fleet().dir, 'masterless'));
    const listed = await runNode(BINS['salt-ts-call'], ['-c', masterless, 'cp.list_master', '--out', 'json']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(JSON.parse(listed.stdout), { local: ['web/app.conf'] });
    const refused = await runNode(BINS['salt-ts-call'], ['-c', masterless, 'cp.cache_file', 'salt://web/../../x', '--out', 'json']);
    assert.equal(refused.code, 1);
    assert.match(JSON.parse(refused.stdout).local, /SALTTS_FILE_PATH/);
  });
});
