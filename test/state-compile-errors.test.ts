// Render and structure errors as Salt words them; any error means show_sls and
// show_lowstate answer with the error list instead of data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileHighstate, showLowstate, showSls, type SlsRef } from '../shared/state/compile/index.js';
import { slsFiles } from './support/sls-files.js';

async function errorsOf(files: Record<string, string>, ...sls: string[]): Promise<string[]> {
  const refs: SlsRef[] = sls.map((name) => ({ saltenv: 'base', sls: name }));
  return (await compileHighstate(refs, slsFiles(files).source)).errors;
}

test('an ID that is not a dictionary', async () => {
  assert.deepEqual(await errorsOf({ 'base/x.sls': 'foo: bar\n' }, 'x'), [
    'ID foo in SLS x is not a dictionary',
    "The type foo in 'bar' is not formatted as a dictionary",
  ]);
});

test('a state that is not a list, and a short declaration with a trailing colon', async () => {
  assert.deepEqual(await errorsOf({ 'base/x.sls': 'foo:\n  file.managed:\n    name: /tmp/a\nbar:\n  pkg.installed:\n' }, 'x'), [
    "State 'foo' in SLS 'x' is not formed as a list",
    "ID 'bar' in SLS 'x' contains a short declaration (pkg.installed) with a trailing colon. " +
      'When not passing any arguments to a state, the colon must be omitted.',
  ]);
});

test('two functions for one state, no function, two declarations of one module', async () => {
  const files = {
    'base/x.sls': `
two:
  file:
    - managed
    - absent
none:
  file:
    - name: /tmp/none
twice:
  file.managed:
    - name: /tmp/a
  file.absent:
    - name: /tmp/b
`,
  };
  assert.deepEqual(await errorsOf(files, 'x'), [
    "ID 'twice' in SLS 'x' contains multiple state declarations of the same type",
    "Too many functions declared in state 'two' in SLS 'x'. Please choose one of the following: managed, absent",
    "No function declared in state 'none' in SLS 'x'",
  ]);
});

test('malformed requisites and names', async () => {
  const files = {
    'base/x.sls': `
a:
  cmd.run:
    - require: b
b:
  cmd.run:
    - names: one
    - watch:
      - file: /tmp/x
        cmd: other
      - file.managed: /tmp/y
      - file: [/tmp/z]
`,
  };
  assert.deepEqual(await errorsOf(files, 'x'), [
    "The require statement in state 'a' in SLS 'x' needs to be formed as a list",
    "The 'names' argument in state 'b' in SLS 'x' needs to be formed as a list",
    "Requisite declaration {'file': '/tmp/x', 'cmd': 'other'} in state b in SLS x is not formed as a single key dictionary",
    "Invalid requisite type 'file.managed' in state 'b', in SLS 'x'. Requisite types must not contain dots, did you mean 'file'?",
    `Illegal requisite "['/tmp/z']" in SLS "x", please check your syntax.`,
  ]);
});

test('an SLS that does not render to a dictionary; an empty SLS is no error', async () => {
  assert.deepEqual(await errorsOf({ 'base/x.sls': '- a\n- b\n', 'base/empty.sls': '# nothing yet\n' }, 'x', 'empty'), [
    'SLS x does not render to a dictionary',
  ]);
});

test('the same ID in two SLS files', async () => {
  const files = { 'base/a.sls': 'dup:\n  test.nop: []\n', 'base/b.sls': 'include:\n  - a\ndup:\n  test.nop:\n    - name: other\n' };
  assert.deepEqual(await errorsOf(files, 'b'), [
    'Detected conflicting IDs, SLS IDs need to be globally unique.\n' +
      "    The conflicting ID is 'dup' and is found in SLS 'base:b' and SLS 'base:a'",
  ]);
});

test('an unquoted true: or 1.5: as an ID rejects the SLS', async () => {
  const files = { 'base/x.sls': 'true:\n  test.nop: []\n1.5:\n  test.nop: []\n"yes":\n  test.nop: []\n' };
  const compiled = await compileHighstate([{ saltenv: 'base', sls: 'x' }], slsFiles(files).source);
  assert.deepEqual(compiled.errors, [
    "ID 'True' in SLS 'x' is not formed as a string, but is type bool. It may need to be quoted.",
    "ID '1.5' in SLS 'x' is not formed as a string, but is type float. It may need to be quoted.",
  ]);
  assert.deepEqual(showSls(compiled), compiled.errors);
  assert.deepEqual(showLowstate(compiled), compiled.errors);
});

test('a missing include, a missing requested SLS, a bad relative include', async () => {
  const files = { 'base/web.sls': 'include:\n  - nothere\n  - ...up\nweb:\n  test.nop: []\n' };
  assert.deepEqual(await errorsOf(files, 'web', 'ghost'), [
    'Specified SLS nothere in saltenv base is not available on the salt master or through a configured fileserver',
    "Attempted relative include of '...up' within SLS 'base:web' goes beyond top level package",
    "No matching sls found for 'ghost' in env 'base'",
  ]);
});

test('declarations of include, exclude and extend of the wrong shape', async () => {
  const files = { 'base/x.sls': 'include: common\nexclude: legacy\nextend:\n  - a\n', 'base/y.sls': 'extend:\n  a: b\n' };
  assert.deepEqual(await errorsOf(files, 'x', 'y'), [
    'Include Declaration in SLS x is not formed as a list',
    "Extension value in SLS 'x' is not a dictionary",
    'Exclude Declaration in SLS x is not formed as a list',
    "Extension name 'a' in SLS 'y' is not a dictionary",
  ]);
});

test('a render error names the file and line, and other SLS files still compile', async () => {
  const files = { 'base/bad.sls': 'a:\n  test.nop: [\n', 'base/good.sls': 'g:\n  test.nop: []\n' };
  const compiled = await compileHighstate(
    [
      { saltenv: 'base', sls: 'bad' },
      { saltenv: 'base', sls: 'good' },
    ],
    slsFiles(files).source,
  );
  assert.equal(compiled.errors.length, 1);
  assert.match(compiled.errors[0]!, /^Rendering SLS 'salt:\/\/bad\.sls, line \d+' failed \(yaml\)/);
  assert.deepEqual(Object.keys(compiled.high), ['g']);
});
