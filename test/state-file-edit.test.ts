import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileStates } from '../minion/states/file.js';
import { stateBench } from './support/state-context.js';

const { append, replace, line } = fileStates.functions as Required<typeof fileStates.functions>;
const bench = stateBench();
let counter = 0;
const fresh = (content?: string) => {
  const p = join(bench.dir, `e${++counter}`);
  if (content !== undefined) writeFileSync(p, content);
  return p;
};

describe('file.append', () => {
  test('appends only the missing lines, whitespace aside; test=True predicts the diff', async () => {
    const name = fresh('a\nb  c\n');
    const predicted = await bench.run(append, { name, text: ['b c', 'd'] }, { test: true });
    assert.equal(predicted.result, null);
    assert.equal(predicted.changes.diff, '--- \n\n+++ \n\n@@ -1,2 +1,3 @@\n\n a\n b  c\n+d');
    assert.equal(readFileSync(name, 'utf8'), 'a\nb  c\n');
    const ret = await bench.run(append, { name, text: ['b c', 'd'] });
    assert.deepEqual([ret.result, ret.comment], [true, 'Appended 1 lines']);
    assert.equal(readFileSync(name, 'utf8'), 'a\nb  c\nd\n');
    const again = await bench.run(append, { name, text: ['b c', 'd'] });
    assert.deepEqual([again.comment, again.changes], [`File ${name} is in correct state`, {}]);
  });

  test('a missing file is created; makedirs makes its parent', async () => {
    const name = join(fresh(), 'new.txt');
    assert.equal((await bench.run(append, { name, text: 'x', makedirs: true })).result, true);
    assert.equal(readFileSync(name, 'utf8'), 'x\n');
  });
});

describe('file.replace', () => {
  test('replaces with Python regex semantics, reports the diff, and is idempotent', async () => {
    const name = fresh('port = 80\nhost = a\n');
    const args = { name, pattern: '^port = (\\d+)$', repl: 'port = 8080', backup: false };
    const predicted = await bench.run(replace, args, { test: true });
    assert.deepEqual([predicted.result, predicted.comment], [null, 'Changes would have been made']);
    assert.equal(readFileSync(name, 'utf8'), 'port = 80\nhost = a\n');
    const ret = await bench.run(replace, args);
    assert.deepEqual([ret.result, ret.comment], [true, 'Changes were made']);
    assert.equal(ret.changes.diff, '--- \n+++ \n@@ -1,2 +1,2 @@\n-port = 80\n+port = 8080\n host = a\n');
    assert.equal((await bench.run(replace, args)).comment, 'No changes needed to be made');
    assert.equal(existsSync(`${name}.bak`), false);
  });

  test('append_if_not_found adds the line once; a missing file fails unless ignore_if_missing', async () => {
    const name = fresh('x\n');
    const args = { name, pattern: '^debug=.*$', repl: 'debug=1', append_if_not_found: true };
    await bench.run(replace, args);
    await bench.run(replace, args);
    assert.equal(readFileSync(name, 'utf8'), 'x\ndebug=1\n');
    assert.equal(existsSync(`${name}.bak`), true);
    const missing = join(bench.dir, 'absent-file');
    assert.deepEqual([(await bench.run(replace, { name: missing, pattern: 'a', repl: 'b' })).comment], [`${missing}: file not found`]);
    assert.equal((await bench.run(replace, { name: missing, pattern: 'a', repl: 'b', ignore_if_missing: true })).result, true);
  });
});

describe('file.line', () => {
  test('ensure after a line adds it once, with the neighbour\'s indent', async () => {
    const name = fresh('[main]\n  a = 1\n  b = 2\n');
    const args = { name, mode: 'ensure', content: 'z = 9', after: 'a = 1' };
    const ret = await bench.run(line, args);
    assert.deepEqual([ret.result, ret.comment], [true, 'Changes were made']);
    assert.equal(readFileSync(name, 'utf8'), '[main]\n  a = 1\n  z = 9\n  b = 2\n');
    assert.equal((await bench.run(line, args)).comment, 'No changes needed to be made');
  });

  test('replace, delete and insert at the start and end; test=True changes nothing', async () => {
    const name = fresh('one\ntwo\nthree\n');
    const predicted = await bench.run(line, { name, mode: 'replace', match: '^two', content: 'TWO' }, { test: true });
    assert.deepEqual([predicted.result, predicted.comment], [null, 'Changes would be made']);
    assert.equal(readFileSync(name, 'utf8'), 'one\ntwo\nthree\n');
    await bench.run(line, { name, mode: 'replace', match: '^two', content: 'TWO' });
    await bench.run(line, { name, mode: 'delete', match: 'three' });
    await bench.run(line, { name, mode: 'insert', location: 'start', content: 'zero' });
    await bench.run(line, { name, mode: 'insert', location: 'end', content: 'last' });
    assert.equal(readFileSync(name, 'utf8'), 'zero\none\nTWO\nlast\n');
  });

  test('errors: no mode, a missing file, ensure with nowhere to put the line', async () => {
    const name = fresh('a\n');
    assert.equal((await bench.run(line, { name, content: 'x' })).comment, 'Mode was not defined. How to process the file?');
    const missing = join(bench.dir, 'no-file');
    assert.equal((await bench.run(line, { name: missing, mode: 'ensure', content: 'x' })).comment, `${missing}: file not found`);
    const nowhere = await bench.run(line, { name, mode: 'ensure', content: 'x' });
    assert.match(nowhere.comment, /Wrong conditions\? Unable to ensure line/);
    const created = join(bench.dir, 'created-by-line');
    assert.equal((await bench.run(line, { name: created, mode: 'insert', location: 'end', content: 'x', create: true })).result, true);
    assert.equal(readFileSync(created, 'utf8'), 'x');
  });
});
