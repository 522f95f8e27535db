// The cp module and cmd.script with salt:// sources, run as a worker runs them, against a
// real file tree through the local file client (file_client: local).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpModule } from '../minion/modules/cp.js';
import { cmdModule } from '../minion/modules/cmd.js';
import { LocalFileClient } from '../minion/fileclient/local.js';
import { failureText, moduleRunner } from './support/module-runner.js';

const dir = realpathSync(mkdtempSync(join(tmpdir(), 'salt-ts-cp-')));
after(() => rmSync(dir, { recursive: true, force: true }));
const base = join(dir, 'states');
const prod = join(dir, 'prod');
const out = join(dir, 'out');
for (const d of [join(base, 'web'), join(base, 'scripts'), join(base, 'empty'), prod, out]) mkdirSync(d, { recursive: true });
writeFileSync(join(base, 'web/nginx.conf'), 'worker_processes 2;\n');
writeFileSync(join(base, 'web/init.sls'), 'nginx: {}\n');
writeFileSync(join(base, 'top.sls'), 'base: {}\n');
writeFileSync(join(base, 'scripts/hello.sh'), '#!/bin/sh\necho "hello $1"\n');
writeFileSync(join(prod, 'web.conf'), 'prod\n');
writeFileSync(join(dir, 'secret'), 'nope\n');
symlinkSync(join(dir, 'secret'), join(base, 'leak'));

const files = new LocalFileClient({ base: [base], prod: [prod] }, 'sha256');
const { run } = moduleRunner([cpModule, cmdModule], { daemon: { files } });
const returned = async (fun: string, arg: unknown[] = [], kwarg: Record<string, unknown> = {}) => {
  const outcome = await run(fun, arg, kwarg);
  assert.equal(outcome.success, true, JSON.stringify(outcome));
  return outcome.return;
};

describe('cp', () => {
  test('get_file copies to dest and returns it; into a directory it keeps the file name', async () => {
    const dest = join(out, 'nginx.conf');
    assert.equal(await returned('cp.get_file', ['salt://web/nginx.conf', dest]), dest);
    assert.equal(readFileSync(dest, 'utf8'), 'worker_processes 2;\n');
    assert.equal(await returned('cp.get_file', ['salt://web/nginx.conf', out + '/']), dest);
  });

  test('get_file leaves a matching destination alone', async () => {
    const dest = join(out, 'same.conf');
    await returned('cp.get_file', ['salt://web/nginx.conf', dest]);
    const before = statSync(dest);
    await returned('cp.get_file', ['salt://web/nginx.conf', dest]);
    assert.equal(statSync(dest).ino, before.ino);
  });

  test("get_file: '' for a missing file, False without makedirs, a new folder with makedirs", async () => {
    assert.equal(await returned('cp.get_file', ['salt://web/missing.conf', join(out, 'x')]), '');
    const deep = join(out, 'a/b/nginx.conf');
    assert.equal(await returned('cp.get_file', ['salt://web/nginx.conf', deep]), false);
    assert.equal(existsSync(deep), false);
    assert.equal(await returned('cp.get_file', ['salt://web/nginx.conf', deep], { makedirs: true }), deep);
  });

  test('saltenv comes from the argument or the URL', async () => {
    assert.equal(await returned('cp.get_file_str', ['salt://web.conf?saltenv=prod']), 'prod\n');
    assert.equal(await returned('cp.get_file_str', ['salt://web.conf'], { saltenv: 'prod' }), 'prod\n');
    assert.equal(await returned('cp.get_file_str', ['salt://web.conf']), false);
  });

  test('cache_file and is_cached give the path in the file roots with file_client: local', async () => {
    assert.equal(await returned('cp.cache_file', ['salt://web/nginx.conf']), join(base, 'web/nginx.conf'));
    assert.equal(await returned('cp.is_cached', ['salt://web/nginx.conf']), join(base, 'web/nginx.conf'));
    assert.equal(await returned('cp.cache_file', ['salt://nope']), false);
    assert.deepEqual(await returned('cp.cache_files', ['salt://top.sls,salt://nope']), [join(base, 'top.sls'), false]);
  });

  test('hash_file reports the hash type and sum; a missing salt:// file gives an empty answer', async () => {
    const hsum = createHash('sha256').update('worker_processes 2;\n').digest('hex');
    assert.deepEqual(await returned('cp.hash_file', ['salt://web/nginx.conf']), { hash_type: 'sha256', hsum });
    assert.equal(await returned('cp.hash_file', ['salt://web/none']), '');
  });

  test('list_master, list_master_dirs and list_states list the saltenv, with a prefix', async () => {
    assert.deepEqual(await returned('cp.list_master'), ['scripts/hello.sh', 'top.sls', 'web/init.sls', 'web/nginx.conf']);
    assert.deepEqual(await returned('cp.list_master', [], { prefix: 'web/' }), ['web/init.sls', 'web/nginx.conf']);
    assert.deepEqual(await returned('cp.list_master', ['prod']), ['web.conf']);
    assert.deepEqual(await returned('cp.list_master_dirs'), ['empty', 'scripts', 'web']);
    assert.deepEqual(await returned('cp.list_states'), ['top', 'web']);
  });

  test('traversal and escaping symlinks fail the job with the refusal', async () => {
    assert.match(failureText(await run('cp.get_file', ['salt://../secret', join(out, 's')])), /^ERROR: \[SALTTS_FILE_PATH\] salt:\/\/\.\.\/secret: the path climbs out of the file roots/);
    assert.match(failureText(await run('cp.cache_file', ['salt://leak'])), /^ERROR: \[SALTTS_FILE_PATH\] salt:\/\/leak \(saltenv 'base'\): resolves to .*secret, outside the file root/);
    assert.match(failureText(await run('cp.list_master', [], { prefix: '../' })), /SALTTS_FILE_PATH/);
  });
});

describe('cmd.script from salt://', () => {
  test('fetches the script from the file server and runs it', async () => {
    const result = (await returned('cmd.script', ['salt://scripts/hello.sh', 'world'])) as Record<string, unknown>;
    assert.equal(result.stdout, 'hello world');
    assert.equal(result.retcode, 0);
  });

  test("a missing salt:// script gives Salt's cache_error shape", async () => {
    assert.deepEqual(await run('cmd.script', ['salt://scripts/none.sh']), {
      return: { pid: 0, retcode: 1, stdout: '', stderr: '', cache_error: true },
      retcode: 1,
      success: false,
    });
  });
});
