// The file server's path safety and lookups, on real trees: traversal, absolute paths,
// NUL bytes and symlinks out of a root are refused; symlinks inside a root are served;
// several roots per saltenv are searched in order; listings follow Salt's prefix rule.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileRoots } from '../shared/fileserver/roots.js';
import { parseSaltUrl } from '../shared/fileserver/salt-url.js';
import { isSaltTsError } from '../shared/errors.js';

const top = realpathSync(mkdtempSync(join(tmpdir(), 'salt-ts-fileroots-')));
const put = (rel: string, text = rel) => {
  mkdirSync(join(top, rel, '..'), { recursive: true });
  writeFileSync(join(top, rel), text);
};
put('outside/secret', 'top secret');
put('first/web/nginx.conf', 'from first');
put('first/web/only-first.txt');
put('second/web/nginx.conf', 'from second');
put('second/web/only-second.txt');
put('second/top.sls');
put('prod/app.conf');
mkdirSync(join(top, 'first/empty/inner'), { recursive: true });
symlinkSync(join(top, 'outside/secret'), join(top, 'first/escape'));
symlinkSync(join(top, 'outside'), join(top, 'first/escape-dir'));
symlinkSync('web/nginx.conf', join(top, 'first/inside-link'));
symlinkSync('web', join(top, 'first/web-link'));

after(() => rmSync(top, { recursive: true, force: true }));

const roots = new FileRoots({ base: [join(top, 'first'), join(top, 'second')], prod: [join(top, 'prod')] });

async function refusal(p: Promise<unknown>): Promise<string> {
  const err = await p.then(() => assert.fail('expected a refusal'), (e: unknown) => e);
  assert.ok(isSaltTsError(err), String(err));
  assert.equal(err.code, 'SALTTS_FILE_PATH');
  return err.message;
}

describe('file roots: path safety', () => {
  test("'..' anywhere in the path is refused, even when it would stay inside", async () => {
    assert.match(await refusal(roots.find('base', '../outside/secret')), /salt:\/\/\.\.\/outside\/secret \(saltenv 'base'\): the path climbs out of the file roots with '\.\.'/);
    assert.match(await refusal(roots.find('base', 'web/../web/nginx.conf')), /climbs out/);
  });

  test('an absolute path is refused', async () => {
    assert.match(await refusal(roots.find('base', join(top, 'outside/secret'))), /the path is absolute/);
  });

  test('a NUL byte is refused', async () => {
    assert.match(await refusal(roots.find('base', 'web/nginx.conf\0.txt')), /NUL/);
  });

  test('a symlink resolving outside the root is refused, naming where it leads', async () => {
    const message = await refusal(roots.find('base', 'escape'));
    assert.match(message, new RegExp(`resolves to ${join(top, 'outside/secret')}, outside the file root ${join(top, 'first')}`));
    await refusal(roots.find('base', 'escape-dir/secret'));
  });

  test('a symlink inside the root is served as the file it points to', async () => {
    assert.equal((await roots.find('base', 'inside-link'))?.realPath, join(top, 'first/web/nginx.conf'));
    assert.equal((await roots.find('base', 'web-link/only-first.txt'))?.realPath, join(top, 'first/web/only-first.txt'));
  });

  test('a saltenv that is not a plain name is refused', async () => {
    await refusal(roots.find('../first', 'web/nginx.conf'));
    await refusal(roots.list('..', ''));
  });

  test("a listing prefix with '..' is refused", async () => {
    await refusal(roots.list('base', 'web/../../outside'));
  });
});

describe('file roots: lookups and listings', () => {
  test('the first root of the saltenv that has the file wins; later roots fill in', async () => {
    assert.deepEqual(await roots.find('base', 'web/nginx.conf'), { realPath: join(top, 'first/web/nginx.conf'), size: 10 });
    assert.equal((await roots.find('base', 'web/only-second.txt'))?.realPath, join(top, 'second/web/only-second.txt'));
    assert.equal((await roots.find('base', './web//only-first.txt'))?.realPath, join(top, 'first/web/only-first.txt'));
  });

  test('a missing file, a directory, an unknown saltenv and another saltenv\'s file are not found', async () => {
    assert.equal(await roots.find('base', 'web/missing'), null);
    assert.equal(await roots.find('base', 'web'), null);
    assert.equal(await roots.find('dev', 'web/nginx.conf'), null);
    assert.equal(await roots.find('base', 'app.conf'), null);
    assert.equal((await roots.find('prod', 'app.conf'))?.realPath, join(top, 'prod/app.conf'));
  });

  test('a listing merges the roots, follows inside symlinks and leaves out escaping ones', async () => {
    assert.deepEqual(await roots.list('base', ''), {
      files: ['inside-link', 'top.sls', 'web-link/nginx.conf', 'web-link/only-first.txt', 'web/nginx.conf', 'web/only-first.txt', 'web/only-second.txt'],
      dirs: ['empty', 'empty/inner', 'web', 'web-link'],
      empty_dirs: ['empty/inner'],
    });
  });

  test('a prefix keeps the paths that start with it, as Salt compares strings', async () => {
    assert.deepEqual((await roots.list('base', 'web/only')).files, ['web/only-first.txt', 'web/only-second.txt']);
    assert.deepEqual((await roots.list('base', '/web-')).files, ['web-link/nginx.conf', 'web-link/only-first.txt']);
    assert.deepEqual((await roots.list('base', 'emp')).dirs, ['empty', 'empty/inner']);
    assert.deepEqual(await roots.list('base', 'nothing/here'), { files: [], dirs: [], empty_dirs: [] });
  });
});

describe('salt:// URLs', () => {
  test('the saltenv comes from the query string, else from the argument', () => {
    assert.deepEqual(parseSaltUrl('salt://web/nginx.conf', 'base'), { path: 'web/nginx.conf', saltenv: 'base' });
    assert.deepEqual(parseSaltUrl('salt://web/nginx.conf?saltenv=prod', 'base'), { path: 'web/nginx.conf', saltenv: 'prod' });
  });

  test("salt://| keeps a '?' in the path", () => {
    assert.deepEqual(parseSaltUrl('salt://|conf/?checkpoint', 'base'), { path: 'conf/?checkpoint', saltenv: 'base' });
  });

  test('a traversing URL is refused before anything is asked', () => {
    assert.throws(() => parseSaltUrl('salt://../etc/passwd', 'base'), (e: unknown) => isSaltTsError(e) && e.code === 'SALTTS_FILE_PATH' && /salt:\/\/\.\.\/etc\/passwd/.test(e.message));
    assert.throws(() => parseSaltUrl('salt://x?saltenv=../up', 'base'), /saltenv '\.\.\/up' is not a plain name/);
  });
});
