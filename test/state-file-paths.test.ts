import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileStates } from '../minion/states/file.js';
import { stateBench } from './support/state-context.js';

const { symlink, absent, touch, copy, exists, missing } = fileStates.functions as Required<typeof fileStates.functions>;
const bench = stateBench();
let counter = 0;
const fresh = (content?: string) => {
  const p = join(bench.dir, `p${++counter}`);
  if (content !== undefined) writeFileSync(p, content);
  return p;
};

describe('file.symlink', () => {
  test('creates the link, predicts it under test=True, and is idempotent', async () => {
    const target = fresh('t');
    const name = fresh();
    const predicted = await bench.run(symlink, { name, target }, { test: true });
    assert.deepEqual([predicted.result, predicted.comment, predicted.changes], [null, `Symlink ${name} to ${target} is set for creation`, { new: name }]);
    assert.equal(existsSync(name), false);
    const ret = await bench.run(symlink, { name, target });
    assert.deepEqual([ret.result, ret.comment, ret.changes], [true, `Created new symlink ${name} -> ${target}`, { new: name }]);
    assert.equal(readlinkSync(name), target);
    const again = await bench.run(symlink, { name, target });
    assert.deepEqual([again.comment, again.changes], [`Symlink ${name} is present and owned by root:root`, {}]);
  });

  test('a file in the way needs force; a missing parent needs makedirs; ownership follows user', async () => {
    const target = fresh('t');
    const name = fresh('in the way');
    assert.equal((await bench.run(symlink, { name, target })).comment, `File exists where the symlink ${name} should be`);
    assert.equal((await bench.run(symlink, { name, target, force: true })).result, true);
    assert.ok(lstatSync(name).isSymbolicLink());
    const deep = join(fresh(), 'x', 'link');
    assert.equal((await bench.run(symlink, { name: deep, target })).comment, `Directory ${join(deep, '..')} for symlink is not present`);
    const owned = await bench.run(symlink, { name: deep, target, makedirs: true, user: 'nobody', group: 'nogroup' });
    assert.equal(owned.result, true, owned.comment);
    assert.equal(lstatSync(deep).uid, 65534);
  });
});

describe('file.absent, file.exists, file.missing', () => {
  test('absent removes files and directories, predicts under test=True, then reports nothing to do', async () => {
    const dir = fresh();
    mkdirSync(join(dir, 'sub'), { recursive: true });
    const predicted = await bench.run(absent, { name: dir }, { test: true });
    assert.deepEqual([predicted.result, predicted.comment, predicted.changes], [null, `Directory ${dir} is set for removal`, { removed: dir }]);
    assert.equal(existsSync(dir), true);
    assert.equal((await bench.run(absent, { name: dir })).comment, `Removed directory ${dir}`);
    assert.equal(existsSync(dir), false);
    assert.deepEqual((await bench.run(absent, { name: dir })).changes, {});
    assert.equal((await bench.run(absent, { name: 'relative/x' })).comment, 'Specified file relative/x is not an absolute path');
    assert.equal((await bench.run(absent, { name: '/' })).result, false);
  });

  test('exists and missing check without changing anything', async () => {
    const file = fresh('x');
    assert.equal((await bench.run(exists, { name: file })).result, true);
    assert.equal((await bench.run(missing, { name: file })).comment, `Specified path ${file} exists`);
    assert.equal((await bench.run(exists, { name: fresh() })).result, false);
  });
});

describe('file.touch and file.copy', () => {
  test('touch creates, then updates times to the ones given', async () => {
    const name = fresh();
    assert.deepEqual((await bench.run(touch, { name })).changes, { new: name });
    const ret = await bench.run(touch, { name, atime: 1000000000, mtime: 1000000000 });
    assert.deepEqual([ret.comment, ret.changes], [`Updated times on file ${name}`, { touched: name }]);
    assert.equal(statSync(name).mtimeMs, 1000000000000);
    assert.equal((await bench.run(touch, { name, mtime: 1000000000 }, { test: true })).result, true);
  });

  test('copy copies once, keeps an existing target unless force, and sets the mode', async () => {
    const source = fresh('data\n');
    const name = fresh();
    const ret = await bench.run(copy, { name, source, mode: 600 });
    assert.equal(ret.result, true, ret.comment);
    assert.equal(ret.changes[name], source);
    assert.equal(statSync(name).mode & 0o777, 0o600);
    const again = await bench.run(copy, { name, source });
    assert.deepEqual([again.comment, again.changes], [`The target file "${name}" exists and will not be overwritten`, {}]);
    writeFileSync(source, 'new\n');
    assert.equal((await bench.run(copy, { name, source, force: true }, { test: true })).result, null);
    assert.equal(readFileSync(name, 'utf8'), 'data\n');
    await bench.run(copy, { name, source, force: true });
    assert.equal(readFileSync(name, 'utf8'), 'new\n');
    assert.equal((await bench.run(copy, { name: join(fresh(), 'x'), source })).result, false);
  });
});
