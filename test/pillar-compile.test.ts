// Pillar compilation from a real pillar tree: the top file targets SLS files by id, grain
// and compound; files render with the minion's grains; include, pillarenv, imports.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { compileWith, minion, pillarTree, removePillarTrees } from './support/pillar-compile.js';

after(removePillarTrees);

const web1 = minion('web1', { os: 'Debian', roles: ['web'] });
const web2 = minion('web2', { os: 'Debian', roles: ['web'] });
const db1 = minion('db1', { os: 'Rocky', roles: ['db'] });

describe('pillar top file', () => {
  const tree = pillarTree({
    base: {
      'top.sls': `
base:
  '*':
    - common
  'db*':
    - db
  'os:Debian':
    - match: grain
    - debian
  'G@roles:web and not web2':
    - web.tuning
  'web1,db1':
    - match: list
    - pair
`,
      'common.sls': "motd: Welcome to {{ grains['os'] }} on {{ grains.roles | join(',') }}\n",
      'db.sls': 'db_password: s3cret\n',
      'debian.sls': 'apt_mirror: deb.debian.org\n',
      'web/tuning.sls': 'workers: 8\n',
      'pair.sls': 'paired: true\n',
    },
  });

  it('gives each minion the data of the files its id, grains and compound targets match', async () => {
    assert.deepEqual(await compileWith(await tree, web1), {
      motd: 'Welcome to Debian on web',
      apt_mirror: 'deb.debian.org',
      workers: 8,
      paired: true,
    });
    assert.deepEqual(await compileWith(await tree, web2), { motd: 'Welcome to Debian on web', apt_mirror: 'deb.debian.org' });
    assert.deepEqual(await compileWith(await tree, db1), { motd: 'Welcome to Rocky on db', db_password: 's3cret', paired: true });
  });

  it('keeps one minion\'s secret from the others', async () => {
    for (const other of [web1, web2]) assert.equal('db_password' in (await compileWith(await tree, other)), false);
  });

  it('cannot target by pillar: I@ in a pillar top matches nothing', async () => {
    const byPillar = await pillarTree({
      base: { 'top.sls': "base:\n  '*':\n    - common\n  'I@role:db or db*':\n    - db\n", 'common.sls': 'role: db\n', 'db.sls': 'db: yes\n' },
    });
    assert.deepEqual(await compileWith(byPillar, web1), { role: 'db' });
    assert.deepEqual(await compileWith(byPillar, db1), { role: 'db', db: true });
  });
});

describe('pillar environments', () => {
  const tree = pillarTree({
    base: { 'top.sls': "base:\n  '*':\n    - common\n", 'common.sls': 'site: example\napp:\n  branch: main\n' },
    prod: { 'top.sls': "prod:\n  '*':\n    - app\n", 'app.sls': 'app:\n  branch: release\n  db_host: db.prod\n' },
    test: { 'top.sls': "test:\n  '*':\n    - app\n", 'app.sls': 'app:\n  db_host: db.test\n' },
  });

  it("with pillarenv, reads only that environment's top file and files", async () => {
    assert.deepEqual(await compileWith(await tree, minion('web1', {}, { pillarenv: 'prod' })), { app: { branch: 'release', db_host: 'db.prod' } });
    assert.deepEqual(await compileWith(await tree, minion('web1', {}, { pillarenv: 'test' })), { app: { db_host: 'db.test' } });
  });

  it('without pillarenv, merges every environment, base first', async () => {
    assert.deepEqual(await compileWith(await tree, web1), { site: 'example', app: { branch: 'release', db_host: 'db.test' } });
  });

  it("with pillarenv, other saltenvs' sections of its top file do not count", async () => {
    const mixed = await pillarTree({
      base: { 'common.sls': 'common: 1\n' },
      prod: { 'top.sls': "base:\n  '*':\n    - common\nprod:\n  '*':\n    - app\n", 'app.sls': 'app: 2\n' },
    });
    assert.deepEqual(await compileWith(mixed, minion('web1', {}, { pillarenv: 'prod' })), { app: 2 });
    assert.deepEqual(await compileWith(mixed, web1), { common: 1, app: 2 });
  });

  it("a later saltenv's top file replaces an earlier one's list for the same target", async () => {
    const replaced = await pillarTree({
      base: { 'top.sls': "base:\n  '*':\n    - one\n  'web*':\n    - two\n", 'one.sls': 'one: 1\n', 'two.sls': 'two: 2\n' },
      prod: { 'top.sls': "base:\n  '*':\n    - two\n" },
    });
    assert.deepEqual(await compileWith(replaced, web1), { two: 2 });
  });

  it('targets are taken in their `- order:`, then in written order', async () => {
    const ordered = await pillarTree({
      base: {
        'top.sls': "base:\n  '*':\n    - first\n    - order: 2\n  'web*':\n    - second\n  'os:Debian':\n    - match: grain\n    - third\n",
        'first.sls': 'who: first\n',
        'second.sls': 'who: second\n',
        'third.sls': 'who: third\n',
      },
    });
    assert.deepEqual(await compileWith(ordered, web1), { who: 'first' });
  });

  it('an unknown pillarenv gives an empty pillar', async () => {
    assert.deepEqual(await compileWith(await tree, minion('web1', {}, { pillarenv: 'staging' })), {});
  });

  it('templates see saltenv, pillarenv, sls and an empty pillar', async () => {
    const vars = await pillarTree({
      prod: {
        'top.sls': "prod:\n  '*':\n    - where.am.i\n",
        'where/am/i.sls': 'where: "{{ saltenv }} {{ pillarenv }} {{ sls }} {{ pillar | length }} {{ opts.id }}"\n',
      },
    });
    const pillar = await compileWith(vars, minion('web1', {}, { pillarenv: 'prod' }), { opts: { id: 'master1' } });
    assert.deepEqual(pillar, { where: 'prod prod where.am.i 0 master1' });
  });
});

describe('pillar include', () => {
  const files = {
    'top.sls': "base:\n  'web*':\n    - web\n  '*':\n    - users\n",
    'web/init.sls': `
include:
  - .nginx
  - accounts:
      defaults:
        group: www
      key: 'web:accounts'
web:
  port: 80
`,
    'web/nginx.sls': 'include:\n  - users\nweb:\n  port: 8080\n  workers: 4\n',
    'accounts.sls': '{{ group }}:\n  - alice\n',
    'users.sls': 'users:\n  - root\n',
  };

  it('merges included files under the including one, relative names and key/defaults resolved', async () => {
    assert.deepEqual(await compileWith(await pillarTree({ base: files }), web1), {
      users: ['root'],
      web: { port: 80, workers: 4, accounts: { www: ['alice'] } },
    });
  });

  it('renders each file once however often it is included or listed', async () => {
    const rendered: string[] = [];
    await compileWith(await pillarTree({ base: files }), web1, {}, rendered);
    assert.deepEqual(rendered.filter((source) => source.endsWith('/users.sls')), ['pillar://base/users.sls']);
    assert.equal(new Set(rendered).size, rendered.length);
  });

  it('an include cycle ends with the data of both files', async () => {
    const tree = await pillarTree({
      base: { 'top.sls': "base:\n  '*':\n    - a\n", 'a.sls': 'include: [b]\na: 1\n', 'b.sls': 'include: [a]\nb: 2\n' },
    });
    assert.deepEqual(await compileWith(tree, web1), { a: 1, b: 2 });
  });
});

describe('pillar templates import from the pillar tree', () => {
  it('resolves import, relative import and import_yaml against the pillar tree of the same saltenv', async () => {
    const tree = await pillarTree({
      base: {
        'top.sls': "base:\n  '*':\n    - app.settings\n",
        'map.jinja': "{% set db = {'Debian': 'postgresql', 'Rocky': 'postgresql-server'}[grains.os] %}\n",
        'app/defaults.yaml': 'port: 5432\n',
        'app/names.jinja': "{% macro user() %}app_{{ grains.os | lower }}{% endmacro %}\n",
        'app/settings.sls': `{% from 'map.jinja' import db with context %}
{% from './names.jinja' import user with context %}
{% import_yaml 'app/defaults.yaml' as defaults %}
db_package: {{ db }}
db_user: {{ user() }}
db_port: {{ defaults.port }}
`,
      },
    });
    assert.deepEqual(await compileWith(tree, web1), { db_package: 'postgresql', db_user: 'app_debian', db_port: 5432 });
  });

  it('an import that climbs out of the pillar tree is refused, naming the file', async () => {
    const tree = await pillarTree({
      base: { 'top.sls': "base:\n  '*':\n    - escape\n    - ok\n", 'escape.sls': "{% import_yaml '../../etc/x.yaml' as x %}\nx: 1\n", 'ok.sls': 'ok: 1\n' },
    });
    const pillar = await compileWith(tree, web1);
    assert.equal(pillar.ok, 1);
    assert.match(pillar._errors![0]!, /^Rendering SLS 'pillar:\/\/base\/escape\.sls, line 1' failed \(jinja\): .*climbs out of the file roots/);
  });
});
