// Masterless, as salt-call --local: salt-ts-call renders and runs states from the
// minion's own file_roots with no master at all, so a state tree can be developed on one
// host; slsutil.renderer and cp.get_template show what a template renders to.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { BINS, runNode } from '../scripts/local-cluster.js';

describe('masterless state runs (salt-ts-call --local)', () => {
  let dir = '';
  const write = (rel: string, text: string) => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  const call = async (confDir: string, ...args: string[]) => {
    const res = await runNode(BINS['salt-ts-call'], ['-c', join(dir, confDir), ...args, '--out', 'json']);
    return { ...res, ret: res.stdout ? (JSON.parse(res.stdout) as { local: unknown }).local : undefined };
  };
  type States = Record<string, { result: boolean | null; changes: Record<string, unknown>; __id__: string }>;
  const changedIds = (ret: unknown) => Object.values(ret as States).filter((s) => Object.keys(s.changes).length > 0).map((s) => s.__id__).sort();

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'salt-ts-masterless-'));
    const minion = { id: 'box1', root_dir: join(dir, 'root'), file_roots: { base: [join(dir, 'states')], prod: [join(dir, 'prod')] }, grains: { roles: ['web'] } };
    write('local/minion', stringify(minion));
    // Without --local: file_client: local in the config means the same.
    write('configured/minion', stringify({ ...minion, file_client: 'local', master: '127.0.0.1', nats_port: 1 }));
    write('states/top.sls', "base:\n  'box1':\n    - motd\n  'other':\n    - never\n");
    write(
      'states/motd/init.sls',
      [
        "{% from 'motd/map.jinja' import motd with context %}",
        'motd-file:',
        '  file.managed:',
        `    - name: ${join(dir, 'out/motd')}`,
        '    - source: salt://motd/motd.jinja',
        '    - template: jinja',
        '    - makedirs: True',
        '    - defaults:',
        '        greeting: {{ motd.greeting }}',
        'announce:',
        '  cmd.run:',
        '    - name: echo motd changed',
        '    - onchanges:',
        '      - file: motd-file',
        '',
      ].join('\n'),
    );
    write('states/motd/map.jinja', "{% set motd = {'greeting': 'Welcome to ' ~ grains['id'] ~ ' (' ~ grains['roles'] | join(',') ~ ')'} %}\n");
    write('states/motd/motd.jinja', '{{ greeting }}\n');
    // Another saltenv's own top file counts for that saltenv, as in Salt's default merging.
    write('prod/top.sls', "prod:\n  'box1':\n    - extra\n");
    write('prod/extra.sls', 'extra-check:\n  test.succeed_without_changes: []\n');
    write('states/hello.jinja', 'hello {{ who }} from {{ grains.id }}\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('state.apply with no arguments runs the top file; a second run changes nothing', async () => {
    const first = await call('local', '--local', 'state.apply');
    assert.equal(first.code, 0, first.stdout + first.stderr);
    assert.deepEqual(changedIds(first.ret), ['announce', 'motd-file']);
    assert.ok(Object.values(first.ret as States).some((s) => s.__id__ === 'extra-check'), 'the prod top file adds prod SLS files');
    assert.equal(readFileSync(join(dir, 'out/motd'), 'utf8'), 'Welcome to box1 (web)\n');
    const second = await call('local', '--local', 'state.apply');
    assert.deepEqual(changedIds(second.ret), [], 'onchanges skips announce when nothing changed');
  });

  test('file_client: local in the config works without --local, and test=True predicts without changing', async () => {
    write('states/motd/motd.jinja', '{{ greeting }}!\n');
    const res = await call('configured', 'state.apply', 'motd', 'test=True');
    assert.equal(res.code, 0, res.stdout + res.stderr);
    const states = Object.values(res.ret as States);
    assert.deepEqual(states.map((s) => [s.__id__, s.result]).sort(), [['announce', null], ['motd-file', null]]);
    assert.equal(readFileSync(join(dir, 'out/motd'), 'utf8'), 'Welcome to box1 (web)\n');
  });

  test('state.show_top and state.show_lowstate show what the top file gives this minion', async () => {
    assert.deepEqual((await call('local', '--local', 'state.show_top')).ret, { base: ['motd'], prod: ['extra'] });
    assert.deepEqual((await call('local', '--local', 'state.show_top', 'saltenv=base')).ret, { base: ['motd'] }, 'a named saltenv reads only its own top file');
    assert.deepEqual((await call('local', '--local', 'cp.envs')).ret, ['base', 'prod']);
    const low = (await call('local', '--local', 'state.show_lowstate')).ret as Array<Record<string, unknown>>;
    assert.deepEqual(low.map((c) => [c.__id__, c.state, c.fun, c.order]), [['motd-file', 'file', 'managed', 10000], ['announce', 'cmd', 'run', 10001], ['extra-check', 'test', 'succeed_without_changes', 10002]]);
    assert.deepEqual(Object.keys(low[0]!).slice(0, 5), ['state', 'name', '__sls__', '__env__', '__id__']);
  });

  test('slsutil.renderer prints a rendered template under local; its keyword arguments are variables', async () => {
    const res = await call('local', '--local', 'slsutil.renderer', 'path=salt://hello.jinja', 'default_renderer=jinja', 'who=ops');
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout.trim(), JSON.stringify({ local: 'hello ops from box1\n' }, null, 4));
    const data = await call('local', '--local', 'slsutil.renderer', "string={% for x in [1, 2] %}k{{ x }}: {{ x * 2 }}\n{% endfor %}");
    assert.deepEqual(data.ret, { k1: 2, k2: 4 });
  });

  test('cp.get_template writes the rendered template to dest', async () => {
    const dest = join(dir, 'out/hello.txt');
    const res = await call('local', '--local', 'cp.get_template', 'salt://hello.jinja', dest, 'who=you');
    assert.equal(res.ret, dest, res.stderr);
    assert.equal(readFileSync(dest, 'utf8'), 'hello you from box1\n');
  });

  test('template text arriving as job data (pillar=) is printed as data, never rendered', async () => {
    write('states/motto.sls', `motto:\n  file.managed:\n    - name: ${join(dir, 'out/motto')}\n    - contents: {{ pillar['motto'] | yaml_dquote }}\n`);
    const payload = "{{ 7 * 7 }} {{ ''.constructor.constructor('return process')() }}";
    const res = await call('local', '--local', 'state.apply', 'motto', `pillar=${JSON.stringify({ motto: payload })}`);
    assert.equal(res.code, 0, res.stdout + res.stderr);
    assert.equal(readFileSync(join(dir, 'out/motto'), 'utf8'), `${payload}\n`);
  });

  test('a broken SLS is a list of errors naming the file and line, exit code 1', async () => {
    write('states/bad.sls', 'a:\n  test.nop:\n    - name: [x\n');
    const res = await call('local', '--local', 'state.apply', 'bad');
    assert.equal(res.code, 1);
    assert.match((res.ret as string[]).join('\n'), /salt:\/\/bad\.sls, line \d/);
  });
});
