// The pillar in a minion's state runs: pillarenv= compiles another environment's pillar
// for that run, pillar= merges over it for that run only, templates and salt['pillar.get']
// see the run's pillar, a pillar with _errors refuses the run (Salt's retcode 5), and top
// files match on pillar.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pillarJobs } from './support/pillar-jobs.js';
import type { Pillar } from '../shared/pillar/types.js';

const dir = mkdtempSync(join(tmpdir(), 'salt-ts-pillar-minion-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const write = (rel: string, text: string) => {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), text);
};
const out = (name: string) => join(dir, 'out', name);

write(
  'states/app.sls',
  [
    'app-config:',
    '  file.managed:',
    `    - name: ${out('{{ pillar.get("target", "app.conf") }}')}`,
    '    - makedirs: True',
    '    - contents: "branch={{ pillar[\'app\'][\'branch\'] }} via-salt={{ salt[\'pillar.get\'](\'app:branch\') }}"',
    '',
  ].join('\n'),
);
write('states/top.sls', "base:\n  'role:web':\n    - match: pillar\n    - app\n  'I@role:db':\n    - match: compound\n    - never\n");

const ENVS: Record<string, Pillar> = {
  base: { role: 'web', app: { branch: 'main' } },
  test: { role: 'web', app: { branch: 'develop' }, target: 'test.conf' },
  prod: { role: 'web', app: { branch: 'v1.0' }, target: 'prod.conf' },
};

describe('state runs with pillar', async () => {
  const jobs = await pillarJobs({ compile: (request) => ENVS[request.pillarenv ?? 'base']!, config: `file_roots: {base: ['${join(dir, 'states')}']}\n` });

  test('pillarenv= compiles that environment\'s pillar for the run: two environments, two files', async () => {
    for (const env of ['test', 'prod']) {
      const res = await jobs.run('state.apply', ['app'], { pillarenv: env });
      assert.equal(res.retcode, 0, JSON.stringify(res.return));
      assert.deepEqual(jobs.requests.at(-1), { pillarenv: env, saltenv: null });
    }
    assert.equal(readFileSync(out('test.conf'), 'utf8'), 'branch=develop via-salt=develop\n');
    assert.equal(readFileSync(out('prod.conf'), 'utf8'), 'branch=v1.0 via-salt=v1.0\n');
  });

  test('pillar= merges over the pillar for that run only, in templates and salt[\'pillar.get\'] alike', async () => {
    const asked = jobs.requests.length;
    const res = await jobs.run('state.apply', ['app'], { pillar: { app: { branch: 'f5d9859' } } });
    assert.equal(res.retcode, 0, JSON.stringify(res.return));
    assert.equal(readFileSync(out('app.conf'), 'utf8'), 'branch=f5d9859 via-salt=f5d9859\n');
    // Every state run has its pillar compiled afresh, as in Salt 3006.
    assert.deepEqual(jobs.requests.slice(asked), [{ pillarenv: null, saltenv: null }]);
    await jobs.run('state.apply', ['app']);
    assert.equal(readFileSync(out('app.conf'), 'utf8'), 'branch=main via-salt=main\n');
    assert.equal((await jobs.run('pillar.get', ['app:branch'])).return, 'main');
  });

  test('an edited pillar counts at the next state run, without saltutil.refresh_pillar', async () => {
    ENVS.base = { role: 'web', app: { branch: 'edited' } };
    await jobs.run('state.apply', ['app']);
    assert.equal(readFileSync(out('app.conf'), 'utf8'), 'branch=edited via-salt=edited\n');
  });

  test('pillarenv= and pillar= together: the override wins over that environment', async () => {
    await jobs.run('state.apply', ['app'], { pillarenv: 'prod', pillar: { app: { branch: 'hotfix' } } });
    assert.equal(readFileSync(out('prod.conf'), 'utf8'), 'branch=hotfix via-salt=hotfix\n');
  });

  test('the top file matches on the run\'s pillar (match: pillar, I@)', async () => {
    assert.deepEqual((await jobs.run('state.show_top')).return, { base: ['app'] });
    assert.deepEqual((await jobs.run('state.show_top', [], { pillar: { role: 'db' } })).return, { base: ['never'] });
  });
});

describe('a pillar that failed to render', async () => {
  const errors = ["Rendering SLS 'broken' failed: pillar://base/broken.sls, line 3: mapping values are not allowed here"];
  const jobs = await pillarJobs({ compile: () => ({ app: { branch: 'main' }, _errors: errors }), config: `file_roots: {base: ['${join(dir, 'states')}']}\n` });

  test('state runs refuse it with Salt\'s list and retcode 5, and write nothing', async () => {
    const target = 'refused.conf';
    for (const fun of ['state.apply', 'state.sls', 'state.show_sls']) {
      const res = await jobs.run(fun, ['app'], { pillar: { target } });
      assert.deepEqual(res.return, ['Pillar failed to render with the following messages:', ...errors], fun);
      assert.equal(res.retcode, 5);
      assert.equal(res.success, false);
    }
    assert.equal((await jobs.run('state.highstate')).retcode, 5);
    assert.equal(existsSync(out(target)), false);
  });

  test('force=True runs anyway', async () => {
    const res = await jobs.run('state.apply', ['app'], { pillar: { target: 'forced.conf' }, force: true });
    assert.equal(res.retcode, 0, JSON.stringify(res.return));
    assert.equal(readFileSync(out('forced.conf'), 'utf8'), 'branch=main via-salt=main\n');
  });

  test('pillar.items shows the errors', async () => {
    assert.deepEqual(((await jobs.run('pillar.items')).return as Pillar)._errors, errors);
  });
});
