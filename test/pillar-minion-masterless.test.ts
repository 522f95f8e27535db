// Masterless pillar (file_client: local, salt-ts-call --local): the minion compiles its
// own pillar_roots with the master's compiler; templates see grains and may call the
// read-only grains functions, nothing else; states and pillar.* use the result.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { BINS, runNode } from '../scripts/local-cluster.js';
import { compileLocalPillar } from '../minion/pillar/local.js';
import { loadMinionConfig } from '../shared/config/load.js';

describe('masterless pillar', () => {
  let dir = '';
  const write = (rel: string, text: string) => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  const call = async (...args: string[]) => {
    const res = await runNode(BINS['salt-ts-call'], ['-c', join(dir, 'conf'), '--local', ...args, '--out', 'json']);
    return { ...res, ret: res.stdout ? (JSON.parse(res.stdout) as { local: unknown }).local : undefined };
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'salt-ts-pillar-masterless-'));
    const minion = {
      id: 'box1',
      root_dir: join(dir, 'root'),
      file_roots: { base: [join(dir, 'states')] },
      pillar_roots: { base: [join(dir, 'pillar')], prod: [join(dir, 'pillar-prod')] },
      grains: { roles: ['web'] },
    };
    write('conf/minion', stringify(minion));
    write('pillar/top.sls', "base:\n  '*':\n    - common\n  'G@roles:db':\n    - match: compound\n    - db\n");
    write('pillar/common.sls', "motd: Welcome to {{ grains['id'] }} on {{ salt['grains.get']('roles:0') }}\napp:\n  branch: main\n");
    write('pillar/db.sls', 'db_password: s3cret\n');
    write('pillar-prod/top.sls', "prod:\n  '*':\n    - app\n");
    write('pillar-prod/app.sls', 'app:\n  branch: release\n');
    write('states/motd.sls', `motd:\n  file.managed:\n    - name: ${join(dir, 'out/motd')}\n    - makedirs: True\n    - contents: {{ pillar['motd'] }} ({{ pillar['app']['branch'] }})\n`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('compiles this host\'s pillar_roots with its grains; environments merge as Salt merges them', async () => {
    const config = loadMinionConfig(join(dir, 'conf'), () => undefined);
    const pillar = await compileLocalPillar(config, { id: 'box1', grains: { id: 'box1', roles: ['web'] } });
    assert.deepEqual(pillar, { motd: 'Welcome to box1 on web', app: { branch: 'release' } });
    const db = await compileLocalPillar(config, { id: 'db1', grains: { id: 'db1', roles: ['db'] }, pillarenv: 'base' });
    assert.deepEqual(db, { motd: 'Welcome to db1 on db', app: { branch: 'main' }, db_password: 's3cret' });
  });

  test('a pillar template cannot run anything but the read-only grains functions', async () => {
    const roots = join(dir, 'unsafe');
    mkdirSync(roots, { recursive: true });
    writeFileSync(join(roots, 'top.sls'), "base:\n  '*':\n    - sneaky\n");
    writeFileSync(join(roots, 'sneaky.sls'), `who: {{ salt['cmd.run']('touch ${join(dir, 'ran')} && id') }}\n`);
    const config = { ...loadMinionConfig(join(dir, 'conf'), () => undefined), pillar_roots: { base: [roots] } };
    const pillar = await compileLocalPillar(config, { id: 'box1', grains: { id: 'box1' } });
    assert.equal(pillar.who, undefined);
    assert.equal(pillar._errors?.length, 1);
    assert.match(pillar._errors![0]!, /sneaky/);
    assert.match(pillar._errors![0]!, /salt\['cmd\.run'\] is not available to masterless pillar templates/);
    assert.throws(() => readFileSync(join(dir, 'ran')));
  });

  test('salt-ts-call --local: pillar.get, pillar.items with pillarenv=, and a state run that uses the pillar', async () => {
    assert.equal((await call('pillar.get', 'app:branch')).ret, 'release');
    assert.equal((await call('pillar.get', 'db_password')).ret, '');
    assert.deepEqual((await call('pillar.items', 'pillarenv=base')).ret, { motd: 'Welcome to box1 on web', app: { branch: 'main' } });
    const res = await call('state.apply', 'motd', 'pillarenv=base');
    assert.equal(res.code, 0, res.stdout + res.stderr);
    assert.equal(readFileSync(join(dir, 'out/motd'), 'utf8'), 'Welcome to box1 on web (main)\n');
  });
});
