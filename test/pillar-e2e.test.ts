// Pillar end to end: a real master compiles each minion's pillar from its pillar_roots and
// real minions use it: a secret reaches only the minion the top file gives it to; one state
// tree applied with pillarenv=test and pillarenv=prod writes each environment's values, and
// pillar= on the command line wins for that run only; a pillar file with a YAML error
// refuses the state runs of the minion it targets and leaves the other alone; -I and I@
// jobs reach the minions whose own pillar matches.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { returnsOf } from './support/returns.js';
import { useFleet } from './support/cluster.js';

const dir = mkdtempSync(join(tmpdir(), 'salt-ts-pillar-e2e-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const write = (rel: string, text: string) => {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), text);
};
const out = (name: string) => join(dir, 'out', name);

// Written before the fleet starts: minions fetch their pillar as they connect.
write('pillar/base/top.sls', "base:\n  '*':\n    - common\n  'db1':\n    - db\n");
write('pillar/base/common.sls', "role: {{ grains['roles'][0] }}\napp:\n  branch: main\n  env: base\n");
write('pillar/base/db.sls', 'db_password: s3cret-db\n');
write('pillar/test/top.sls', "test:\n  '*':\n    - app\n");
write('pillar/test/app.sls', 'app:\n  branch: develop\n  env: test\n');
write('pillar/prod/top.sls', "prod:\n  '*':\n    - app\n");
write('pillar/prod/app.sls', 'app:\n  branch: release\n  env: prod\n');
write(
  'states/app.sls',
  [
    'app-config:',
    '  file.managed:',
    `    - name: ${out("{{ grains['id'] }}-{{ pillar['app']['env'] }}.conf")}`,
    '    - makedirs: True',
    "    - contents: branch={{ salt['pillar.get']('app:branch') }}",
    '',
  ].join('\n'),
);

describe('pillar, end to end', () => {
  const fleet = useFleet('pillar', [{ id: 'db1', grains: { roles: ['db'] } }, { id: 'web1', grains: { roles: ['web'] } }], {
    master: {
      file_roots: { base: [join(dir, 'states')] },
      pillar_roots: { base: [join(dir, 'pillar/base')], test: [join(dir, 'pillar/test')], prod: [join(dir, 'pillar/prod')] },
      // Without it every environment's top file counts for the minion's own pillar.
      pillarenv: 'base',
    },
  });
  const salt = async (...args: string[]) => {
    const res = await fleet().cli('salt-ts', [...args, '--out', 'json', '-t', '60'], 120_000);
    return { ...res, returns: returnsOf(res.stdout) };
  };
  const conf = (id: string, env: string) => readFileSync(out(`${id}-${env}.conf`), 'utf8');

  test('db1 gets db_password and web1 does not', async () => {
    const res = await salt('*', 'pillar.get', 'db_password');
    assert.deepEqual(res.returns, { db1: 's3cret-db', web1: '' });
    const raw = (await salt('web1', 'pillar.raw')).returns.web1 as Record<string, unknown>;
    assert.equal(raw.role, 'web');
    assert.equal(Object.hasOwn(raw, 'db_password'), false);
  });

  test('-I and I@ jobs reach the minions whose pillar matches', async () => {
    const byPillar = await salt('-I', 'role:web', 'test.ping');
    assert.deepEqual(byPillar.returns, { web1: true }, byPillar.stdout + byPillar.stderr);
    assert.deepEqual((await salt('-C', 'I@role:db and G@roles:db', 'test.ping')).returns, { db1: true });
    assert.deepEqual((await salt('-C', 'I@role:web or I@db_password:s3cret*', 'test.ping')).returns, { db1: true, web1: true });
    const none = await salt('-C', 'I@role:web and G@roles:db', 'test.ping');
    assert.deepEqual(none.returns, {});
    assert.notEqual(none.code, 0);
  });

  test('one state tree, pillarenv=test and pillarenv=prod: each environment\'s values', async () => {
    for (const env of ['test', 'prod']) {
      const res = await salt('*', 'state.apply', 'app', `pillarenv=${env}`);
      assert.equal(res.code, 0, res.stdout + res.stderr);
    }
    for (const id of ['db1', 'web1']) {
      assert.equal(conf(id, 'test'), 'branch=develop\n');
      assert.equal(conf(id, 'prod'), 'branch=release\n');
    }
  });

  test('pillar= on the command line wins for that run only', async () => {
    const res = await salt('web1', 'state.apply', 'app', 'pillarenv=prod', 'pillar={"app": {"branch": "f5d9859"}}');
    assert.equal(res.code, 0, res.stdout + res.stderr);
    assert.equal(conf('web1', 'prod'), 'branch=f5d9859\n');
    assert.equal((await salt('web1', 'state.apply', 'app', 'pillarenv=prod')).code, 0);
    assert.equal(conf('web1', 'prod'), 'branch=release\n');
    assert.equal((await salt('web1', 'pillar.get', 'app:branch')).returns.web1, 'main');
  });

  test('a pillar file with a YAML error: its minion reports file and line and refuses state runs; the other applies', async () => {
    write('pillar/base/broken.sls', 'motd:\n  text: fine\n  bad: [unclosed\nother: 1\n');
    write('pillar/base/top.sls', "base:\n  '*':\n    - common\n  'db1':\n    - db\n    - broken\n");
    assert.deepEqual((await salt('*', 'saltutil.refresh_pillar')).returns, { db1: true, web1: true });
    const items = (await salt('db1', 'pillar.items')).returns.db1 as { _errors?: string[]; db_password?: string };
    assert.equal(items._errors?.length, 1, JSON.stringify(items));
    assert.match(items._errors![0]!, /broken/);
    assert.match(items._errors![0]!, /line \d+/);
    const res = await salt('*', 'state.apply', 'app');
    const refused = res.returns.db1 as string[];
    assert.equal(refused[0], 'Pillar failed to render with the following messages:');
    assert.match(refused[1]!, /broken/);
    assert.equal(existsSync(out('db1-base.conf')), false);
    assert.equal(conf('web1', 'base'), 'branch=main\n');
    assert.equal((await salt('web1', 'pillar.get', 'role')).returns.web1, 'web');
    assert.notEqual(res.code, 0);
  });
});
