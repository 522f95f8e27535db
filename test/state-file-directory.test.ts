import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileStates } from '../minion/states/file.js';
import { stateBench } from './support/state-context.js';

const { directory, recurse } = fileStates.functions as Required<typeof fileStates.functions>;
const bench = stateBench();
let counter = 0;
const fresh = () => join(bench.dir, `d${++counter}`);
const modeOf = (p: string) => (statSync(p).mode & 0o7777).toString(8).padStart(4, '0');

describe('file.directory', () => {
  test('test=True predicts the new directory; the run makes it; the second run changes nothing', async () => {
    const name = fresh();
    const predicted = await bench.run(directory, { name, mode: 750 }, { test: true });
    assert.deepEqual([predicted.result, predicted.changes], [null, { [name]: { directory: 'new' } }]);
    assert.equal(predicted.comment, `The following files will be changed:\n${name}: directory - new\n`);
    assert.equal(existsSync(name), false);
    const made = await bench.run(directory, { name, mode: 750 });
    assert.deepEqual([made.result, made.comment, made.changes], [true, `Directory ${name} updated`, { [name]: { directory: 'new' } }]);
    assert.equal(modeOf(name), '0750');
    const again = await bench.run(directory, { name, mode: '0750' });
    assert.deepEqual([again.result, again.comment, again.changes], [true, `The directory ${name} is in the correct state`, {}]);
  });

  test('a missing parent fails without makedirs; a file in the way fails', async () => {
    const name = join(fresh(), 'a', 'b');
    const ret = await bench.run(directory, { name });
    assert.deepEqual([ret.result, ret.comment], [false, `No directory to create ${name} in`]);
    assert.equal((await bench.run(directory, { name, makedirs: true })).result, true);
    const file = fresh();
    writeFileSync(file, 'x');
    assert.equal((await bench.run(directory, { name: file })).comment, `Specified location ${file} exists and is a file`);
  });

  test('recurse sets user, group and modes below; clean removes what is not kept', async () => {
    const name = fresh();
    mkdirSync(join(name, 'sub'), { recursive: true });
    writeFileSync(join(name, 'sub', 'f'), 'x');
    chmodSync(join(name, 'sub', 'f'), 0o600);
    const args = { name, user: 'nobody', group: 'nogroup', dir_mode: 755, file_mode: 644, recurse: ['user', 'group', 'mode'] };
    const predicted = await bench.run(directory, args, { test: true });
    assert.equal(predicted.result, null);
    assert.deepEqual(predicted.changes[join(name, 'sub', 'f')], { user: 'nobody', group: 'nogroup', mode: '0644' });
    assert.equal(statSync(join(name, 'sub', 'f')).uid, 0);
    const ret = await bench.run(directory, args);
    assert.equal(ret.result, true, ret.comment);
    assert.equal(statSync(join(name, 'sub', 'f')).uid, 65534);
    assert.equal(modeOf(join(name, 'sub', 'f')), '0644');
    assert.deepEqual((await bench.run(directory, args)).changes, {});

    const bad = await bench.run(directory, { name, recurse: ['user', 'colour'] });
    assert.match(bad.comment, /^Types for "recurse" limited to "user", "group"/);

    writeFileSync(join(name, 'keep.log'), 'x');
    const cleaned = await bench.run(directory, { name, clean: true, exclude_pat: '*.log' });
    assert.deepEqual(cleaned.changes.removed, [join(name, 'sub')]);
    assert.equal(existsSync(join(name, 'sub')), false);
    assert.equal(existsSync(join(name, 'keep.log')), true);
  });
});

describe('file.recurse', () => {
  test('copies a salt:// directory, renders templates, cleans, and is idempotent', async () => {
    bench.serve('site/index.html', 'hello {{ who }}\n');
    bench.serve('site/css/main.css', 'body {}\n');
    const name = fresh();
    mkdirSync(name);
    writeFileSync(join(name, 'stale'), 'old');
    const args = { name, source: 'salt://site', template: 'jinja', defaults: { who: 'web' }, clean: true, file_mode: 640 };
    const predicted = await bench.run(recurse, args, { test: true });
    assert.equal(predicted.result, null);
    assert.deepEqual(predicted.changes[join(name, 'index.html')], { newfile: join(name, 'index.html') });
    assert.match(predicted.comment, /#### removed ####\n.*stale/);
    assert.equal(existsSync(join(name, 'index.html')), false);

    const ret = await bench.run(recurse, args);
    assert.equal(ret.result, true, ret.comment);
    assert.equal(readFileSync(join(name, 'index.html'), 'utf8'), 'hello web\n');
    assert.equal(readFileSync(join(name, 'css', 'main.css'), 'utf8'), 'body {}\n');
    assert.equal(modeOf(join(name, 'css', 'main.css')), '0640');
    assert.deepEqual(ret.changes.removed, [join(name, 'stale')]);
    assert.equal(ret.comment, `Recursively updated ${name}`);

    const again = await bench.run(recurse, args);
    assert.deepEqual([again.result, again.comment, again.changes], [true, `The directory ${name} is in the correct state`, {}]);
    const missing = await bench.run(recurse, { name, source: 'salt://nothing-here' });
    assert.deepEqual([missing.result, missing.comment], [false, "The directory 'nothing-here' does not exist on the salt fileserver in saltenv 'base'"]);
  });
});
