import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileStates } from '../minion/states/file.js';
import { stateBench } from './support/state-context.js';

const managed = fileStates.functions.managed!;
const bench = stateBench();
let counter = 0;
const fresh = () => join(bench.dir, `m${++counter}`);
const modeOf = (p: string) => (statSync(p).mode & 0o7777).toString(8).padStart(4, '0');

describe('file.managed from salt://', () => {
  test('creates the file, then is idempotent, then reports a diff when the source changes', async () => {
    bench.serve('app/motd', 'hello\nworld\n');
    const name = fresh();
    const first = await bench.run(managed, { name, source: 'salt://app/motd', mode: 644 });
    assert.equal(first.result, true, first.comment);
    assert.equal(first.comment, `File ${name} updated`);
    assert.deepEqual(first.changes, { diff: 'New file', mode: '0644' });
    assert.equal(readFileSync(name, 'utf8'), 'hello\nworld\n');
    assert.equal(modeOf(name), '0644');

    const second = await bench.run(managed, { name, source: 'salt://app/motd', mode: '0644' });
    assert.deepEqual([second.result, second.comment, second.changes], [true, `File ${name} is in the correct state`, {}]);

    bench.serve('app/motd', 'hello\nthere\n');
    const third = await bench.run(managed, { name, source: 'salt://app/motd', mode: 644 });
    assert.equal(third.changes.diff, '--- \n+++ \n@@ -1,2 +1,2 @@\n hello\n-world\n+there\n');
    assert.equal(readFileSync(name, 'utf8'), 'hello\nthere\n');
  });

  test('test=True predicts a new file, a diff and a mode change, and changes nothing', async () => {
    bench.serve('app/conf', 'a=1\n');
    const name = fresh();
    const created = await bench.run(managed, { name, source: 'salt://app/conf' }, { test: true });
    assert.equal(created.result, null);
    assert.deepEqual(created.changes, { newfile: name });
    assert.match(created.comment, new RegExp(`^The file ${name} is set to be changed\\nNote: No changes made`));
    assert.equal(existsSync(name), false);

    writeFileSync(name, 'a=2\n', { mode: 0o600 });
    const edited = await bench.run(managed, { name, source: 'salt://app/conf', mode: '0640' }, { test: true });
    assert.deepEqual(edited.changes, { diff: '--- \n+++ \n@@ -1 +1 @@\n-a=2\n+a=1\n', mode: '0640' });
    assert.equal(readFileSync(name, 'utf8'), 'a=2\n');
    assert.equal(modeOf(name), '0600');
  });

  test('a missing source fails with Salt\'s comment; a list of sources takes the first that exists', async () => {
    const name = fresh();
    const missing = await bench.run(managed, { name, source: 'salt://nope/x' });
    assert.deepEqual([missing.result, missing.comment], [false, "Source file salt://nope/x not found in saltenv 'base'"]);
    assert.equal((await bench.run(managed, { name, source: 'salt://nope/x' }, { test: true })).result, false);

    bench.serve('fallback.conf', 'fallback\n');
    const listed = await bench.run(managed, { name, source: ['salt://nope/x', 'salt://fallback.conf'] });
    assert.equal(listed.result, true, listed.comment);
    assert.equal(readFileSync(name, 'utf8'), 'fallback\n');
    const none = await bench.run(managed, { name: fresh(), source: ['salt://nope/a', 'salt://nope/b'] });
    assert.equal(none.comment, 'Unable to manage file: none of the specified sources were found');
  });

  test('template: jinja renders with defaults, context over them, and the state\'s name', async () => {
    bench.serve('tpl/site.conf', 'port={{ port }} host={{ host }} file={{ name }}\n');
    const name = fresh();
    const ret = await bench.run(managed, { name, source: 'salt://tpl/site.conf', template: 'jinja', defaults: { port: 80, host: 'a' }, context: { host: 'b' } });
    assert.equal(ret.result, true, ret.comment);
    assert.equal(readFileSync(name, 'utf8'), `port=80 host=b file=${name}\n`);
  });

  test('source_hash is checked; a local source works', async () => {
    const src = fresh();
    writeFileSync(src, 'payload\n');
    const good = 'sha256=' + (await import('node:crypto')).createHash('sha256').update('payload\n').digest('hex');
    const name = fresh();
    assert.equal((await bench.run(managed, { name, source: src, source_hash: good })).result, true);
    const bad = await bench.run(managed, { name: fresh(), source: src, source_hash: 'md5=' + '0'.repeat(32) });
    assert.equal(bad.result, false);
    assert.match(bad.comment, /^Specified md5 checksum for .* \(0{32}\) does not match actual checksum \([0-9a-f]{32}\)/);
    const absentLocal = await bench.run(managed, { name: fresh(), source: join(bench.dir, 'nothing') });
    assert.equal(absentLocal.comment, `Local file source ${join(bench.dir, 'nothing')} does not exist`);
  });
});

describe('file.managed contents', () => {
  test('a list of lines is joined by newlines; contents_pillar reads the pillar', async () => {
    const name = fresh();
    assert.equal((await bench.run(managed, { name, contents: ['one', 'two', 3] })).result, true);
    assert.equal(readFileSync(name, 'utf8'), 'one\ntwo\n3\n');
    const again = await bench.run(managed, { name, contents: 'one\ntwo\n3' });
    assert.deepEqual(again.changes, {});

    const key = fresh();
    const pillar = { ssh: { key: 'BEGIN\nsecret\nEND' } };
    assert.equal((await bench.run(managed, { name: key, contents_pillar: 'ssh:key', mode: 600 }, { pillar })).result, true);
    assert.equal(readFileSync(key, 'utf8'), 'BEGIN\nsecret\nEND\n');
    assert.equal(modeOf(key), '0600');
    const gone = await bench.run(managed, { name: fresh(), contents_pillar: 'ssh:nope' }, { pillar });
    assert.deepEqual([gone.result, gone.comment], [false, 'Pillar ssh:nope does not exist']);
  });

  test('source and contents together are refused; a bad mode is named', async () => {
    const both = await bench.run(managed, { name: fresh(), source: 'salt://x', contents: 'y' });
    assert.equal(both.comment, "'source' cannot be used in combination with 'contents', 'contents_pillar', or 'contents_grains'");
    const name = fresh();
    const badMode = await bench.run(managed, { name, contents: 'x', mode: '0999' });
    assert.equal(badMode.result, false);
    assert.match(badMode.comment, /Invalid mode "0999" for .*m\d+/);
    assert.equal(existsSync(name), false);
  });

  test('a missing parent fails without makedirs and is made with it (dir_mode from mode)', async () => {
    const name = join(fresh(), 'sub', 'file');
    const noParent = await bench.run(managed, { name, contents: 'x' });
    assert.deepEqual([noParent.result, noParent.comment, noParent.changes], [false, 'Parent directory not present', {}]);
    const made = await bench.run(managed, { name, contents: 'x', makedirs: true, mode: 640 });
    assert.equal(made.result, true, made.comment);
    assert.equal(modeOf(join(name, '..')), '0750');
  });

  test('replace: False leaves existing content and still manages the mode; create: False skips a missing file', async () => {
    const name = fresh();
    writeFileSync(name, 'mine\n', { mode: 0o644 });
    const ret = await bench.run(managed, { name, contents: 'theirs', replace: false, mode: 600 });
    assert.deepEqual(ret.changes, { mode: '0600' });
    assert.equal(readFileSync(name, 'utf8'), 'mine\n');
    const skipped = await bench.run(managed, { name: fresh(), contents: 'x', create: false });
    assert.equal(skipped.result, true);
    assert.match(skipped.comment, /is not present and is not set for creation$/);
  });

  test('user and group are set and reported; an unknown user is refused', async () => {
    const name = fresh();
    const ret = await bench.run(managed, { name, contents: 'x', user: 'nobody', group: 'nogroup' });
    assert.equal(ret.result, true, ret.comment);
    assert.equal(ret.changes.user, 'nobody');
    assert.equal(ret.changes.group, 'nogroup');
    assert.equal(statSync(name).uid, 65534);
    assert.deepEqual((await bench.run(managed, { name, contents: 'x', user: 'nobody', group: 'nogroup' })).changes, {});
    const unknown = await bench.run(managed, { name, contents: 'x', user: 'no-such-user-x' });
    assert.deepEqual([unknown.result, unknown.comment], [false, 'User no-such-user-x is not available ']);
  });

  test('backup: minion keeps the old file under cachedir/file_backup; binary content is not diffed', async () => {
    const name = fresh();
    writeFileSync(name, 'old\n');
    await bench.run(managed, { name, contents: 'new', backup: 'minion' });
    const backups = readdirSync(join(bench.cachedir, 'file_backup', name.slice(1), '..'));
    const copy = backups.find((f) => f.startsWith(`${name.split('/').pop()}_`));
    assert.ok(copy, backups.join(','));
    assert.match(copy!, /_[A-Z][a-z]{2}_[A-Z][a-z]{2}_\d{2}_\d{2}:\d{2}:\d{2}_\d{6}_\d{4}$/);
    const src = fresh();
    writeFileSync(src, Buffer.from([0, 1, 2, 3]));
    const bin = fresh();
    writeFileSync(bin, Buffer.from([0, 9, 9]));
    assert.equal((await bench.run(managed, { name: bin, source: src })).changes.diff, 'Replace binary file');
  });
});
