import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { archiveStates } from '../minion/states/archive.js';
import { callFunction, runState } from './support/one-state.js';

const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'salt-ts-state-archive-')));
const ROOTS = join(scratch, 'file_roots');
const run = (name: string, args: Record<string, unknown>, testMode = false) => runState(archiveStates, 'extracted', { name, ...args }, { test: testMode, fileRoot: ROOTS });

describe('archive.extracted with real tarballs and zips', () => {
  before(() => {
    const content = join(scratch, 'content');
    mkdirSync(join(content, 'app-1.0', 'bin'), { recursive: true });
    writeFileSync(join(content, 'app-1.0', 'README'), 'read me\n');
    writeFileSync(join(content, 'app-1.0', 'bin', 'run'), '#!/bin/sh\n');
    writeFileSync(join(content, 'loose.txt'), 'loose\n');
    mkdirSync(ROOTS);
    execFileSync('tar', ['-czf', join(ROOTS, 'app.tar.gz'), '-C', content, 'app-1.0']);
    execFileSync('tar', ['-cf', join(scratch, 'bomb.tar'), '-C', content, 'app-1.0', 'loose.txt']);
    execFileSync('zip', ['-q', '-r', join(scratch, 'app.zip'), 'app-1.0'], { cwd: content });
  });

  test('archive.list describes the members the way Salt does', async () => {
    assert.deepEqual(await callFunction('archive.list', [join(ROOTS, 'app.tar.gz')], { verbose: true }), {
      dirs: ['app-1.0/', 'app-1.0/bin/'], files: ['app-1.0/README', 'app-1.0/bin/run'], links: [],
      top_level_dirs: ['app-1.0/'], top_level_files: [], top_level_links: [],
    });
    assert.deepEqual(await callFunction('archive.list', [join(scratch, 'app.zip')]), ['app-1.0/', 'app-1.0/README', 'app-1.0/bin/', 'app-1.0/bin/run']);
  });

  test('test=True predicts; the first run extracts from salt://; the second finds it extracted', async () => {
    const dest = join(scratch, 'opt');
    assert.deepEqual(await run(dest, { source: 'salt://app.tar.gz' }, true), { name: dest, result: null, comment: `Archive salt://app.tar.gz would be extracted to ${dest}`, changes: {} });
    assert.equal(existsSync(dest), false);
    assert.deepEqual(await run(dest, { source: 'salt://app.tar.gz' }), {
      name: dest, result: true, comment: `salt://app.tar.gz extracted to ${dest}`,
      changes: { directories_created: [dest], extracted_files: ['app-1.0/', 'app-1.0/bin/', 'app-1.0/README', 'app-1.0/bin/run'] },
    });
    assert.equal(readFileSync(join(dest, 'app-1.0', 'README'), 'utf8'), 'read me\n');
    assert.deepEqual(await run(dest, { source: 'salt://app.tar.gz' }), { name: dest, result: true, comment: `salt://app.tar.gz is already extracted to ${dest}`, changes: {} });
  });

  test('a file removed from the destination brings the extraction back; trim_output limits the list', async () => {
    const dest = join(scratch, 'opt');
    execFileSync('rm', [join(dest, 'app-1.0', 'bin', 'run')]);
    const ret = await run(dest, { source: 'salt://app.tar.gz', trim_output: 2 });
    assert.deepEqual(ret.changes, { extracted_files: ['app-1.0/', 'app-1.0/bin/'] });
    assert.ok(existsSync(join(dest, 'app-1.0', 'bin', 'run')));
  });

  test('a zip from a local path', async () => {
    const dest = join(scratch, 'zipped');
    const ret = await run(dest, { source: join(scratch, 'app.zip') });
    assert.equal(ret.result, true, ret.comment);
    assert.ok(existsSync(join(dest, 'app-1.0', 'bin', 'run')));
    assert.equal((await run(dest, { source: join(scratch, 'app.zip') })).comment, `${join(scratch, 'app.zip')} is already extracted to ${dest}`);
  });

  test('an archive without a single top-level directory is refused unless enforce_toplevel: False', async () => {
    const dest = join(scratch, 'bomb');
    const refused = await run(dest, { source: join(scratch, 'bomb.tar') });
    assert.equal(refused.result, false);
    assert.match(refused.comment, /^Archive does not have a single top-level directory\. To allow this archive to be extracted, set "enforce_toplevel" to False\. To avoid a "tar-bomb"/);
    assert.equal(existsSync(dest), false);
    assert.equal((await run(dest, { source: join(scratch, 'bomb.tar'), enforce_toplevel: false })).result, true);
    assert.ok(existsSync(join(dest, 'loose.txt')));
  });

  test('if_missing skips; a missing source and an unknown format are reported', async () => {
    assert.deepEqual(await run(join(scratch, 'never'), { source: 'salt://app.tar.gz', if_missing: scratch }), { name: join(scratch, 'never'), result: true, comment: `Path ${scratch} exists`, changes: {} });
    assert.equal((await run(join(scratch, 'never'), { source: 'salt://nope.tar' })).comment, 'Unable to cache salt://nope.tar: no such file');
    assert.match((await run(join(scratch, 'never'), { source: 'salt://app.rar' })).comment, /^Could not guess archive_format/);
    assert.equal(existsSync(join(scratch, 'never')), false);
  });
});

describe('archive.extracted arguments salt-ts does not implement', () => {
  test('are refused by name rather than ignored', async () => {
    const ret = await runState(archiveStates, 'extracted', { name: '/tmp/x', source: 'salt://a.tar', user: 'www', clean: true });
    assert.deepEqual(ret, { name: '/tmp/x', result: false, comment: 'archive.extracted in salt-ts does not support the arguments user, clean', changes: {} });
  });
});
