// A broken pillar file never stops compilation: each failure is a line of `_errors` that
// names the file (and line), and every other file's data is still there.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { compileWith, minion, pillarTree, removePillarTrees } from './support/pillar-compile.js';

after(removePillarTrees);

const web1 = minion('web1', { os: 'Debian' });

/** Compiles a base tree whose top gives every minion `names`, plus `files`. */
async function compileBase(names: string[], files: Record<string, string>) {
  const top = `base:\n  '*':\n${names.map((name) => `    - ${name}\n`).join('')}`;
  return compileWith(await pillarTree({ base: { 'top.sls': top, ...files } }), web1);
}

describe('pillar _errors', () => {
  it('a YAML error names the file and line; the other files keep their data', async () => {
    const pillar = await compileBase(['first', 'broken', 'last'], {
      'first.sls': 'first: 1\n',
      'broken.sls': 'db:\n  user: app\n  password: [unclosed\n  host: db1\n',
      'last.sls': 'last: 2\n',
    });
    assert.equal(pillar.first, 1);
    assert.equal(pillar.last, 2);
    assert.equal('db' in pillar, false);
    assert.equal(pillar._errors?.length, 1);
    assert.match(pillar._errors![0]!, /^Rendering SLS 'pillar:\/\/base\/broken\.sls, line \d+' failed \(yaml\): /);
  });

  it('a Jinja error names the file and line', async () => {
    const pillar = await compileBase(['ok', 'jinja'], { 'ok.sls': 'ok: true\n', 'jinja.sls': 'a: 1\nb: {{ grains.nosuch.deeper }}\n' });
    assert.equal(pillar.ok, true);
    assert.match(pillar._errors![0]!, /^Rendering SLS 'pillar:\/\/base\/jinja\.sls, line 2' failed \(jinja\)/);
  });

  it('a missing SLS is reported as Salt reports it', async () => {
    const pillar = await compileBase(['nosuch', 'ok'], { 'ok.sls': 'ok: true\n' });
    assert.deepEqual(pillar, { ok: true, _errors: ["Specified SLS 'nosuch' in environment 'base' is not available on the salt master"] });
  });

  it('a file that is not a dict is an error naming it', async () => {
    const pillar = await compileBase(['list', 'ok'], { 'list.sls': '- a\n- b\n', 'ok.sls': 'ok: true\n' });
    assert.deepEqual(pillar, { ok: true, _errors: ["SLS 'list' does not render to a dictionary (pillar://base/list.sls renders to a list)"] });
  });

  it('an empty file gives no data and no error', async () => {
    assert.deepEqual(await compileBase(['empty', 'ok'], { 'empty.sls': '# nothing yet\n', 'ok.sls': 'ok: true\n' }), { ok: true });
  });

  it('a missing include names the including SLS; its own data is kept', async () => {
    const pillar = await compileBase(['app'], { 'app.sls': 'include:\n  - app.gone\napp: 1\n' });
    assert.deepEqual(pillar, {
      app: 1,
      _errors: ["Specified SLS 'app.gone' in environment 'base' is not available on the salt master (included by SLS 'app')"],
    });
  });

  it('malformed include declarations are errors naming the file', async () => {
    const pillar = await compileBase(['a', 'b'], {
      'a.sls': 'include: b\na: 1\n',
      'b.sls': 'include:\n  - 42\n  - c: [not, options]\nb: 2\n',
    });
    assert.equal(pillar.a, 1);
    assert.equal(pillar.b, 2);
    assert.deepEqual(pillar._errors, [
      "Include Declaration in SLS 'a' is not formed as a list (pillar://base/a.sls)",
      "Badly formatted include 42 found in include in SLS 'b' (pillar://base/b.sls)",
      'Badly formatted include {"c":["not","options"]} found in include in SLS \'b\' (pillar://base/b.sls)',
    ]);
  });

  it('ignore_missing in the top file silences a missing SLS', async () => {
    const tree = await pillarTree({
      base: { 'top.sls': "base:\n  '*':\n    - optional\n    - ok\n    - ignore_missing: True\n", 'ok.sls': 'ok: true\n' },
    });
    assert.deepEqual(await compileWith(tree, web1), { ok: true });
  });
});

describe('pillar top file errors', () => {
  it("a top file that fails to render is an error; another saltenv's top still counts", async () => {
    const tree = await pillarTree({
      base: { 'top.sls': "base:\n  '*':\n    - common\n   bad: indent\n", 'common.sls': 'common: 1\n' },
      prod: { 'top.sls': "prod:\n  '*':\n    - app\n", 'app.sls': 'app: 2\n' },
    });
    const pillar = await compileWith(tree, web1);
    assert.equal(pillar.app, 2);
    assert.equal('common' in pillar, false);
    assert.match(pillar._errors![0]!, /^Rendering Primary Top file failed, render error:\nRendering SLS 'pillar:\/\/base\/top\.sls, line 4' failed \(yaml\)/);
  });

  it('a malformed top file names itself and counts for nothing', async () => {
    const tree = await pillarTree({
      base: { 'top.sls': "base:\n  '*': common\n", 'common.sls': 'common: 1\n' },
      prod: { 'top.sls': "prod:\n  '*':\n    - app\n", 'app.sls': 'app: 2\n' },
    });
    assert.deepEqual(await compileWith(tree, web1), {
      app: 2,
      _errors: ["pillar://base/top.sls: Malformed topfile (state declarations for target '*' in saltenv base not formed as a list)"],
    });
  });

  it('a target that cannot be parsed matches nothing and is an error; other targets match', async () => {
    const tree = await pillarTree({
      base: { 'top.sls': "base:\n  'G@os:Debian and (':\n    - broken\n  'web*':\n    - ok\n", 'ok.sls': 'ok: true\n' },
    });
    const pillar = await compileWith(tree, web1);
    assert.equal(pillar.ok, true);
    assert.equal(pillar._errors?.length, 1);
    assert.match(pillar._errors![0]!, /^Pillar top file target 'G@os:Debian and \(' \(match: compound\) cannot be matched: /);
  });

  it('SLS errors come before top file errors, as in Salt', async () => {
    const tree = await pillarTree({
      base: { 'top.sls': "base:\n  '*':\n    - nosuch\n" },
      prod: { 'top.sls': '- not a dict\n' },
    });
    assert.deepEqual((await compileWith(tree, web1))._errors, [
      "Specified SLS 'nosuch' in environment 'base' is not available on the salt master",
      'pillar://prod/top.sls: Top data was not formed as a dict',
    ]);
  });
});
