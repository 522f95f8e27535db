// End to end: salt-ts-run orchestrate runs orch/NAME.sls from the master's file_roots
// against a real master and minions: salt.function and salt.state steps with a pillar
// override, requisites, a failing step that stops what depends on it, test=True changing
// nothing, Jinja looping over real returns of salt.saltutil.cmd, and the one-run lock.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { useFleet } from './support/cluster.js';
import { FAILING_STEP_ORCH } from './support/orch-fixtures.js';

type StateResults = Record<string, { result: boolean | null; changes: Record<string, unknown>; comment: string; __id__: string; __run_num__: number }>;

const ORCH_ID = `${hostname()}_master`;

const FILES: Record<string, string> = {
  'orchtest/greeting.sls': `
greeting-file:
  file.managed:
    - name: {{ pillar['out_dir'] }}/{{ grains['id'] }}.txt
    - contents: {{ pillar['greeting'] }}
    - makedirs: True
`,
  'orch/release.sls': `
ping-web:
  salt.function:
    - name: test.ping
    - tgt: 'web*'

apply-greeting:
  salt.state:
    - tgt: 'web*'
    - sls: orchtest.greeting
    - pillar: {out_dir: {{ pillar['out_dir'] }}, greeting: {{ pillar['greeting'] }}}
    - require:
      - salt: ping-web

read-greeting:
  salt.function:
    - name: cmd.run
    - tgt: web1
    - arg:
      - cat {{ pillar['out_dir'] }}/web1.txt
    - require:
      - salt: apply-greeting
`,
  'orch/broken.sls': FAILING_STEP_ORCH,
  'orch/discover.sls': `
{%- set grains = salt.saltutil.runner('cache.grains', tgt='*') %}
{%- for id, ret in salt.saltutil.cmd('*', 'grains.get', arg=['role']) | dictsort if ret.ret == 'app' %}
ping-{{ id }}:
  salt.function:
    - name: test.echo
    - tgt: {{ id }}
    - arg: ['{{ grains[id]['role'] }}']
{%- endfor %}
`,
  // A dev_master orchestration snippet as published for Salt, unchanged but for the server lists it expects to be set and its
  // state file's path (KEEPALIVE, this fleet's own: test runs must not share /var/run).
  'orch/sync.sls': `
{% set dev_db_servers = ['web1', 'web2'] %}
{% set prod_db_servers = ['db1'] %}
# Find the dev master db for use later
{% set ns = namespace(dev_master=None) %}
{% for dev_master in dev_db_servers
    if salt.saltutil.cmd(dev_master, 'file.search',
        arg=['KEEPALIVE', 'MASTER']).get(dev_master).get('ret') %}
  {% if loop.first %}
    {% set ns.dev_master = dev_master %}
  {% endif %}
{% endfor %}

# Transfer Prod database
{% for prod_slave in prod_db_servers
    if salt.saltutil.cmd(prod_slave, 'file.search',
        arg=['KEEPALIVE', 'BACKUP']).get(prod_slave).get('ret') %}
  {% if loop.last %}

sync-prod-database-to-dev:
  salt.function:
    - name: cmd.run
    - arg:
      - >
        rsync --delete --password-file=/etc/rsyncd.password.dump
        /u02/prodplonedb_archives/ dump@{{ ns.dev_master }}::postgres_dumps
    - tgt: {{ prod_slave }}
  {% endif %}
{% endfor %}

show-dev-master:
  salt.function:
    - name: test.echo
    - tgt: web1
    - arg: ['{{ ns.dev_master }}']
`,
  // Each minion holds the directory KEEPALIVE.d for a second: minions that overlap fail.
  'orch/batched.sls': `
one-at-a-time:
  salt.function:
    - name: cmd.run
    - tgt: 'web*'
    - batch: 1
    - arg: ['mkdir KEEPALIVE.d && sleep 1 && rmdir KEEPALIVE.d']
`,
  'orch/branch.sls': `
{% set branch = salt['pillar.get']('plone:branch', 'dev') %}
show-branch:
  salt.function:
    - name: test.echo
    - tgt: web1
    - arg: ['{{ branch }}']
`,
  'orch/checks.sls': `
always-changes:
  test.succeed_with_changes: []

one-web:
  salt.function:
    - name: test.ping
    - tgt: 'web*'
    - subset: 1
    - require:
      - test: always-changes

# db1 is stopped: each of these two waits out its timeout, which must leave the running
# minions time to answer on a loaded machine.
tolerate-silence:
  salt.function:
    - name: test.ping
    - tgt: '*'
    - timeout: 6

expect-everyone:
  salt.function:
    - name: test.ping
    - tgt: '*'
    - timeout: 6
    - expect_minions: True

rollback:
  test.succeed_without_changes:
    - onfail:
      - salt: expect-everyone
`,
};

describe('salt-ts-run orchestrate', () => {
  const fleet = useFleet('orch', [{ id: 'web1', grains: { role: 'app' } }, { id: 'web2', grains: { role: 'app' } }, { id: 'db1', grains: { role: 'db' } }], {
    master: { file_roots: { base: ['states'] } },
  });
  const outDir = () => join(fleet().dir, 'out');
  const keepalive = () => join(fleet().dir, 'keepalive.state');
  const writeTree = () => {
    for (const [path, text] of Object.entries(FILES)) {
      const file = join(fleet().masterDir, 'states', path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text.replaceAll('KEEPALIVE', keepalive()));
    }
  };
  const run = async (...args: string[]) => {
    writeTree();
    const res = await fleet().cli('salt-ts-run', [...args, '--out', 'json'], 120_000);
    const parsed = res.stdout.trim() ? (JSON.parse(res.stdout) as Record<string, StateResults | string[]>) : {};
    const states = (parsed[ORCH_ID] ?? {}) as StateResults;
    const byId = Object.fromEntries(Object.values(states).map((r) => [r.__id__, r]));
    return { ...res, parsed, byId };
  };
  const pillar = () => `pillar=${JSON.stringify({ out_dir: outDir(), greeting: 'hello from orch' })}`;

  test('test=True reports what would run and changes nothing on the minions', async () => {
    const res = await run('orchestrate', 'release', pillar(), 'test=True');
    assert.equal(res.code, 0, res.stdout + res.stderr);
    assert.equal(res.byId['ping-web']!.result, null);
    assert.equal(res.byId['ping-web']!.comment, 'Function test.ping would be executed');
    assert.equal(res.byId['apply-greeting']!.result, null, JSON.stringify(res.byId['apply-greeting']));
    assert.ok(!existsSync(join(outDir(), 'web1.txt')), 'test=True wrote the file');
  });

  test('salt.function and salt.state run in requisite order, with the pillar override reaching the minions', async () => {
    const res = await run('orchestrate', 'release', pillar());
    assert.equal(res.code, 0, res.stdout + res.stderr);
    const ping = res.byId['ping-web']!;
    assert.equal(ping.result, true);
    assert.equal(ping.comment, 'Function ran successfully.');
    assert.deepEqual(ping.changes, { ret: { web1: true, web2: true } });
    const apply = res.byId['apply-greeting']!;
    assert.equal(apply.result, true, apply.comment);
    assert.equal(apply.comment, 'States ran successfully. Updating web1, web2.');
    assert.equal(readFileSync(join(outDir(), 'web2.txt'), 'utf8').trim(), 'hello from orch');
    assert.ok(!existsSync(join(outDir(), 'db1.txt')));
    assert.deepEqual(res.byId['read-greeting']!.changes, { ret: { web1: 'hello from orch' } });
    assert.ok(ping.__run_num__ < apply.__run_num__ && apply.__run_num__ < res.byId['read-greeting']!.__run_num__);
  });

  test('state.orchestrate orch.NAME is the same run, printed by default with the highstate outputter', async () => {
    writeTree();
    const res = await fleet().cli('salt-ts-run', ['state.orchestrate', 'orch.release', pillar(), '--no-color'], 120_000);
    assert.equal(res.code, 0, res.stdout + res.stderr);
    assert.match(res.stdout, new RegExp(`^${ORCH_ID}:`, 'm'));
    assert.match(res.stdout, /ID: apply-greeting/);
    assert.match(res.stdout, /Function: salt.state/);
  });

  test('a failing step fails the run, and the steps that require it do not run', async () => {
    const res = await run('orchestrate', 'broken');
    assert.notEqual(res.code, 0);
    assert.equal(res.byId.fails!.result, false);
    assert.equal(res.byId.fails!.comment, 'Running function cmd.run failed on minions: web1');
    assert.equal(res.byId['after-failure']!.result, false);
    assert.match(res.byId['after-failure']!.comment, /requisite failed/);
    assert.deepEqual(res.byId['after-failure']!.changes, {});
  });

  test('Jinja loops over real returns of salt.saltutil.cmd and the cached grains', async () => {
    const res = await run('orchestrate', 'discover');
    assert.equal(res.code, 0, res.stdout + res.stderr);
    assert.deepEqual(Object.keys(res.byId).sort(), ['ping-web1', 'ping-web2']);
    assert.deepEqual(res.byId['ping-web1']!.changes, { ret: { web1: 'app' } });
  });

  test("a published dev_master orchestration snippet renders from real file.search returns", async () => {
    const state = keepalive();
    writeFileSync(state, 'MASTER\n');
    // Same host for every minion: web1 is the first "MASTER", and db1 is no "BACKUP".
    const none = await run('state.orchestrate', 'orch.sync');
    assert.equal(none.code, 0, none.stdout + none.stderr);
    assert.deepEqual(Object.keys(none.byId), ['show-dev-master'], none.stdout + none.stderr);
    assert.deepEqual(none.byId['show-dev-master']!.changes, { ret: { web1: 'web1' } });
    writeFileSync(state, 'MASTER BACKUP\n');
    // Now db1 is a "BACKUP": the rsync step is there, and runs on db1 (and fails: no rsync server).
    const res = await run('state.orchestrate', 'orch.sync');
    assert.deepEqual(Object.keys(res.byId).sort(), ['show-dev-master', 'sync-prod-database-to-dev'], res.stdout + res.stderr);
    assert.deepEqual(Object.keys(res.byId['sync-prod-database-to-dev']!.changes.ret as object), ['db1']);
  });

  test('batch: 1 runs a step on one minion at a time', async () => {
    const res = await run('orchestrate', 'batched');
    assert.equal(res.code, 0, res.stdout + res.stderr);
    assert.deepEqual(res.byId['one-at-a-time']!.changes, { ret: { web1: '', web2: '' } });
  });

  test('test.* states, subset, and expect_minions with a stopped minion', async () => {
    const cluster = fleet();
    await cluster.stopMinion(cluster.minionProcess('db1')!);
    try {
      const res = await run('orchestrate', 'checks');
      assert.equal(res.byId['always-changes']!.result, true);
      assert.deepEqual(res.byId['always-changes']!.changes, { testing: { old: 'Unchanged', new: 'Something pretended to change' } });
      const picked = Object.keys(res.byId['one-web']!.changes.ret as object);
      assert.equal(picked.length, 1, JSON.stringify(res.byId['one-web']));
      assert.match(picked[0]!, /^web[12]$/);
      assert.equal(res.byId['tolerate-silence']!.result, true, res.byId['tolerate-silence']!.comment);
      assert.deepEqual(res.byId['tolerate-silence']!.changes, { ret: { web1: true, web2: true } });
      assert.equal(res.byId['expect-everyone']!.result, false);
      assert.equal(res.byId['expect-everyone']!.comment, 'Running function test.ping failed on minions: db1');
      assert.equal(res.byId.rollback!.result, true, 'the onfail step ran');
      assert.notEqual(res.code, 0);
    } finally {
      cluster.startMinion('db1');
      await cluster.waitForMinions(['db1']);
    }
  });

  test("pillar.get in the orchestration reads the pillar= override, else its default", async () => {
    assert.deepEqual((await run('orchestrate', 'branch')).byId['show-branch']!.changes, { ret: { web1: 'dev' } });
    const res = await run('orchestrate', 'branch', `pillar=${JSON.stringify({ plone: { branch: 'f5d9859' } })}`);
    assert.deepEqual(res.byId['show-branch']!.changes, { ret: { web1: 'f5d9859' } });
  });

  test('a second run of the same orchestration is refused while one holds the lock; a stale lock is taken over', async () => {
    const lock = join(fleet().masterDir, 'cache', 'orchestrate', 'orch.discover.lock');
    mkdirSync(dirname(lock), { recursive: true });
    const holder = { jid: '20260101000000000001', user: 'someone', started: '2026-01-01T00:00:00.000Z', pid: process.pid };
    writeFileSync(lock, JSON.stringify(holder));
    try {
      const refused = await run('orchestrate', 'discover');
      assert.notEqual(refused.code, 0);
      assert.match(refused.stderr, /orchestration 'orch\.discover' is already running: jid 20260101000000000001, started by someone at 2026-01-01T00:00:00\.000Z/);
      writeFileSync(lock, JSON.stringify({ ...holder, pid: 2 ** 22 + 1 }));
      const taken = await run('orchestrate', 'discover');
      assert.equal(taken.code, 0, taken.stdout + taken.stderr);
      assert.ok(!existsSync(lock), 'the lock stays after the run');
    } finally {
      rmSync(lock, { force: true });
    }
  });
});
