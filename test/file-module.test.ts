import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileModule } from '../minion/modules/file.js';
import { failureText, moduleRunner } from './support/module-runner.js';

const { run } = moduleRunner([fileModule]);
const root = realpathSync(mkdtempSync(join(tmpdir(), 'salt-ts-file-test-')));
let counter = 0;
/** A fresh path under the test directory, with the content when given. */
function fresh(content?: string | Buffer): string {
  const path = join(root, `f${++counter}`);
  if (content !== undefined) writeFileSync(path, content);
  return path;
}
const value = async (fun: string, arg: unknown[], kwarg: Record<string, unknown> = {}) => {
  const out = await run(fun, arg, kwarg);
  assert.equal(out.success, true, JSON.stringify(out));
  return out.return;
};

describe('file paths', () => {
  test('a relative path is refused, as Salt does', async () => {
    for (const fun of ['file.file_exists', 'file.read', 'file.remove', 'file.stats', 'file.touch']) {
      assert.match(failureText(await run(fun, ['relative/name'])), /File path must be absolute: relative\/name/, fun);
    }
  });

  test('~ is expanded to the home directory', async () => {
    assert.equal(await value('file.directory_exists', ['~']), true);
    assert.equal(await value('file.directory_exists', ['~root']), true);
  });
});

describe('file.file_exists, file.directory_exists, file.read', () => {
  test('tell files from directories and missing paths', async () => {
    const file = fresh('x');
    assert.equal(await value('file.file_exists', [file]), true);
    assert.equal(await value('file.file_exists', [root]), false);
    assert.equal(await value('file.file_exists', [join(root, 'missing')]), false);
    assert.equal(await value('file.directory_exists', [root]), true);
    assert.equal(await value('file.directory_exists', [file]), false);
  });

  test('read returns the text, or base64 bytes with binary=True', async () => {
    const file = fresh(Buffer.from([0x68, 0xc3, 0xa9, 0x00, 0xff]));
    assert.equal(await value('file.read', [fresh('héllo\nworld\n')]), 'héllo\nworld\n');
    assert.equal(await value('file.read', [file], { binary: true }), Buffer.from([0x68, 0xc3, 0xa9, 0x00, 0xff]).toString('base64'));
    assert.match(failureText(await run('file.read', [join(root, 'missing')])), /ENOENT/);
  });
});

describe('file.write and file.append', () => {
  test('write replaces the content with the lines, each ending in a newline', async () => {
    const file = fresh('old content');
    assert.equal(await value('file.write', [file, 'one', 'two', true, 3]), `Wrote 4 lines to "${file}"`);
    assert.equal(readFileSync(file, 'utf8'), 'one\ntwo\nTrue\n3\n');
  });

  test('write takes the lines from args= too (one value or a list)', async () => {
    const file = fresh();
    assert.equal(await value('file.write', [file], { args: 'cheese=spam' }), `Wrote 1 lines to "${file}"`);
    assert.equal(readFileSync(file, 'utf8'), 'cheese=spam\n');
    await value('file.write', [file], { args: ['a=1', 'b=2'] });
    assert.equal(readFileSync(file, 'utf8'), 'a=1\nb=2\n');
  });

  test('append adds a newline first when the file lacks one', async () => {
    const file = fresh('first');
    assert.equal(await value('file.append', [file, 'second', 'third']), `Wrote 2 lines to "${file}"`);
    assert.equal(readFileSync(file, 'utf8'), 'first\nsecond\nthird\n');
    await value('file.append', [file, 'fourth']);
    assert.equal(readFileSync(file, 'utf8'), 'first\nsecond\nthird\nfourth\n');
  });

  test('append to an empty file adds just the lines', async () => {
    const file = fresh('');
    await value('file.append', [file], { args: ['x=1'] });
    assert.equal(readFileSync(file, 'utf8'), 'x=1\n');
  });

  test('append needs an existing file', async () => {
    assert.match(failureText(await run('file.append', [join(root, 'none'), 'x'])), /ENOENT/);
  });
});

describe('file.search', () => {
  test('finds a Python regular expression in the file', async () => {
    const file = fresh('alpha\nBeta 42\n');
    assert.equal(await value('file.search', [file, 'Beta \\d+']), true);
    assert.equal(await value('file.search', [file, '^beta']), false);
    assert.equal(await value('file.search', [file, '^beta'], { flags: ['IGNORECASE', 'MULTILINE'] }), true);
    assert.equal(await value('file.search', [file, '(?i)^BETA']), true);
    assert.equal(await value('file.search', [file, '\\Aalpha']), true);
    assert.equal(await value('file.search', [file, '\\Abeta'], { flags: 2 }), false);
  });

  test('without MULTILINE ^ is the start of the file; multiline=True adds it', async () => {
    const file = fresh('alpha\nbeta\n');
    assert.equal(await value('file.search', [file, '^beta'], { flags: 0 }), false);
    assert.equal(await value('file.search', [file, '^beta'], { flags: 0, multiline: true }), true);
  });

  test('a missing file is an error unless ignore_if_missing', async () => {
    const missing = join(root, 'nothing');
    assert.match(failureText(await run('file.search', [missing, 'x'])), new RegExp(`File not found: ${missing}`));
    assert.equal(await value('file.search', [missing, 'x'], { ignore_if_missing: true }), false);
  });

  test('bad flags are errors naming them', async () => {
    assert.match(failureText(await run('file.search', [fresh('x'), 'x'], { flags: ['NOPE'] })), /Invalid re flag given: NOPE/);
    assert.match(failureText(await run('file.search', [fresh('x'), 'x'], { flags: 'VERBOSE' })), /VERBOSE .* not supported/);
  });
});

describe('file.replace', () => {
  test('returns the unified diff, rewrites the file and keeps a .bak backup', async () => {
    const file = fresh('a\nfoo\nb\n');
    assert.equal(await value('file.replace', [file, 'foo', 'bar']), '--- \n+++ \n@@ -1,3 +1,3 @@\n a\n-foo\n+bar\n b\n');
    assert.equal(readFileSync(file, 'utf8'), 'a\nbar\nb\n');
    assert.equal(readFileSync(`${file}.bak`, 'utf8'), 'a\nfoo\nb\n');
  });

  test('nothing to change: an empty diff, or False with show_changes=False', async () => {
    const file = fresh('a\nb\n');
    assert.equal(await value('file.replace', [file, 'zzz', 'y']), '');
    assert.equal(await value('file.replace', [file, 'a', 'a'], { show_changes: false }), false);
    assert.equal(await value('file.replace', [file, 'a', 'c'], { show_changes: false }), true);
    assert.equal(readFileSync(file, 'utf8'), 'c\nb\n');
  });

  test('count limits the replacements; backup=False keeps none', async () => {
    const file = fresh('x x x\n');
    await value('file.replace', [file, 'x', 'y'], { count: 2, backup: false });
    assert.equal(readFileSync(file, 'utf8'), 'y y x\n');
    assert.equal(existsSync(`${file}.bak`), false);
  });

  test('repl takes Python group references', async () => {
    const file = fresh('mail joe@example and ann@host\n');
    await value('file.replace', [file, '(\\w+)@(\\w+)', '\\2 has \\1']);
    assert.equal(readFileSync(file, 'utf8'), 'mail example has joe and host has ann\n');
    await value('file.replace', [file, '(?P<who>joe|ann)', '<\\g<who>>\\t']);
    assert.equal(readFileSync(file, 'utf8'), 'mail example has <joe>\t and host has <ann>\t\n');
  });

  test('backslash_literal keeps backslashes in repl', async () => {
    const file = fresh('path=X\n');
    await value('file.replace', [file, 'X', 'C:\\1\\n'], { backslash_literal: true });
    assert.equal(readFileSync(file, 'utf8'), 'path=C:\\1\\n\n');
  });

  test('dry_run returns the diff and leaves the file', async () => {
    const file = fresh('old\n');
    assert.equal(await value('file.replace', [file, 'old', 'new'], { dry_run: true }), '--- \n+++ \n@@ -1 +1 @@\n-old\n+new\n');
    assert.equal(readFileSync(file, 'utf8'), 'old\n');
    assert.equal(existsSync(`${file}.bak`), false);
  });

  test('append_if_not_found adds the line once; prepend_if_not_found puts it first', async () => {
    const file = fresh('a=1');
    await value('file.replace', [file, '^b=.*', 'b=2'], { append_if_not_found: true });
    assert.equal(readFileSync(file, 'utf8'), 'a=1\nb=2\n');
    assert.equal(await value('file.replace', [file, '^c=.*', 'b=2'], { append_if_not_found: true }), '');
    assert.equal(readFileSync(file, 'utf8'), 'a=1\nb=2\n');
    await value('file.replace', [file, '^z=.*', 'z=0'], { prepend_if_not_found: true });
    assert.equal(readFileSync(file, 'utf8'), 'z=0\na=1\nb=2\n');
    assert.match(failureText(await run('file.replace', [file, 'x', 'y'], { append_if_not_found: true, prepend_if_not_found: true })), /Only one of append and prepend/);
  });

  test('non-ASCII text is matched and written back intact', async () => {
    const file = fresh('café crème\nnaïve\n');
    await value('file.replace', [file, 'crème', 'brûlée']);
    assert.equal(readFileSync(file, 'utf8'), 'café brûlée\nnaïve\n');
  });

  test('a symlink is resolved: the target changes, the link stays, the inode is kept', async () => {
    const target = fresh('v=1\n');
    const link = join(root, `link${++counter}`);
    symlinkSync(target, link);
    const inode = statSync(target).ino;
    await value('file.replace', [link, 'v=1', 'v=2']);
    assert.equal(readFileSync(target, 'utf8'), 'v=2\n');
    assert.equal(lstatSync(link).isSymbolicLink(), true);
    assert.equal(statSync(target).ino, inode);
  });

  test('a binary file or a missing file is refused', async () => {
    const binary = fresh(Buffer.from([1, 0, 2, 3]));
    assert.match(failureText(await run('file.replace', [binary, 'a', 'b'])), /Cannot perform string replacements on a binary file/);
    assert.match(failureText(await run('file.replace', [join(root, 'gone'), 'a', 'b'])), /File not found/);
    assert.equal(await value('file.replace', [join(root, 'gone'), 'a', 'b'], { ignore_if_missing: true }), false);
  });
});

describe('file.stats and file.get_hash', () => {
  test("stats has Salt's keys and values", async () => {
    const file = fresh('12345');
    chmodSync(file, 0o640);
    const st = statSync(file);
    const stats = (await value('file.stats', [file])) as Record<string, unknown>;
    assert.deepEqual(Object.keys(stats).sort(), ['atime', 'ctime', 'gid', 'group', 'inode', 'mode', 'mtime', 'size', 'target', 'type', 'uid', 'user']);
    assert.deepEqual(
      { ...stats, atime: 0, ctime: 0, mtime: 0 },
      { inode: st.ino, uid: 0, gid: 0, user: 'root', group: 'root', atime: 0, mtime: 0, ctime: 0, size: 5, mode: '0640', type: 'file', target: file },
    );
    assert.equal(stats.mtime, st.mtimeMs / 1000);
  });

  test('stats tells directories and links, and follows links unless asked not to', async () => {
    const target = fresh('x');
    const link = join(root, `link${++counter}`);
    symlinkSync(target, link);
    assert.equal(((await value('file.stats', [root])) as Record<string, unknown>).type, 'dir');
    const followed = (await value('file.stats', [link])) as Record<string, unknown>;
    assert.equal(followed.type, 'file');
    assert.equal(followed.target, target);
    const own = (await value('file.stats', [link], { follow_symlinks: false })) as Record<string, unknown>;
    assert.equal(own.type, 'link');
    assert.equal(own.mode, '0777');
  });

  test('stats adds sum with hash_type; a missing path is an error', async () => {
    const file = fresh('hash me');
    const md5 = createHash('md5').update('hash me').digest('hex');
    assert.equal(((await value('file.stats', [file], { hash_type: 'md5' })) as Record<string, unknown>).sum, md5);
    assert.match(failureText(await run('file.stats', [join(root, 'absent')])), /Path not found: .*absent/);
  });

  test('get_hash defaults to sha256 and takes hashlib names', async () => {
    const file = fresh('digest');
    assert.equal(await value('file.get_hash', [file]), createHash('sha256').update('digest').digest('hex'));
    assert.equal(await value('file.get_hash', [file, 'sha512']), createHash('sha512').update('digest').digest('hex'));
    assert.equal(await value('file.get_hash', [file], { form: 'sha3_256' }), createHash('sha3-256').update('digest').digest('hex'));
    assert.match(failureText(await run('file.get_hash', [file, 'nope'])), /Invalid hash type: nope/);
  });
});

describe('file.mkdir, file.remove, file.touch', () => {
  test('mkdir creates missing parents, each with the user, group and mode', async () => {
    const top = join(root, `dir${++counter}`);
    const deep = join(top, 'a', 'b');
    assert.equal(await value('file.mkdir', [deep], { user: 'nobody', group: 'nogroup', mode: '0750' }), true);
    for (const dir of [top, join(top, 'a'), deep]) {
      const st = statSync(dir);
      assert.deepEqual([st.isDirectory(), st.mode & 0o7777, st.uid, st.gid], [true, 0o750, 65534, 65534], dir);
    }
  });

  test('mkdir of an existing directory changes nothing; a number mode is read as octal', async () => {
    const dir = join(root, `dir${++counter}`);
    await value('file.mkdir', [dir], { mode: 700 });
    assert.equal(statSync(dir).mode & 0o7777, 0o700);
    assert.equal(await value('file.mkdir', [dir], { mode: 755 }), true);
    assert.equal(statSync(dir).mode & 0o7777, 0o700);
  });

  test('mkdir with an unknown user creates nothing', async () => {
    const dir = join(root, `dir${++counter}`);
    assert.match(failureText(await run('file.mkdir', [dir], { user: 'no-such-user-xyz' })), /User no-such-user-xyz is not available/);
    assert.equal(existsSync(dir), false);
  });

  test('remove deletes files, links and whole directories; False when nothing is there', async () => {
    const file = fresh('x');
    const dir = join(root, `dir${++counter}`);
    mkdirSync(join(dir, 'inner'), { recursive: true });
    writeFileSync(join(dir, 'inner', 'f'), 'x');
    const link = join(root, `link${++counter}`);
    symlinkSync(dir, link);
    assert.equal(await value('file.remove', [link]), true);
    assert.equal(existsSync(dir), true, 'removing a link leaves its target');
    assert.equal(await value('file.remove', [file]), true);
    assert.equal(await value('file.remove', [dir]), true);
    assert.deepEqual([existsSync(file), existsSync(dir)], [false, false]);
    assert.equal(await value('file.remove', [file]), false);
  });

  test('touch creates the file and sets atime and mtime', async () => {
    const file = join(root, `touched${++counter}`);
    assert.equal(await value('file.touch', [file]), true);
    assert.equal(readFileSync(file, 'utf8'), '');
    assert.ok(Math.abs(statSync(file).mtimeMs - Date.now()) < 5000);
    assert.equal(await value('file.touch', [file], { atime: 1000000000, mtime: '1200000000' }), true);
    assert.deepEqual([statSync(file).atimeMs, statSync(file).mtimeMs], [1000000000000, 1200000000000]);
    assert.match(failureText(await run('file.touch', [file], { mtime: 'noon' })), /atime and mtime must be integers/);
  });

  test('touch keeps the content of an existing file', async () => {
    const file = fresh('keep');
    await value('file.touch', [file], { mtime: 1300000000 });
    assert.equal(readFileSync(file, 'utf8'), 'keep');
    assert.equal(statSync(file).mtimeMs, 1300000000000);
  });
});
