// The reactor's pure parts: the `reactor:` option, reactor SLS data as reactions and their
// arguments (Salt's new `args:` and old `arg:`/`kwarg:` spellings), and the on-disk mark
// that keeps an event delivered twice from being reacted to twice.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reactorBindings } from '../master/reactor/config.js';
import { parseReactions, reactionArgs } from '../master/reactor/reactions.js';
import { HandledMark } from '../master/reactor/mark.js';
import { BINS, runNode } from '../scripts/local-cluster.js';

describe('reactor option', () => {
  test('globs bind absolute, salt:// and config-relative files; a single file may be a string', () => {
    const bindings = reactorBindings(
      [{ 'salt/minion/*/start': ['/srv/reactor/start.sls', 'salt://reactor/x.sls'] }, { 'myapp/*': 'reactor/app.sls' }],
      '/etc/salt-ts/master',
      '/etc/salt-ts',
    );
    assert.deepEqual(bindings, [
      { glob: 'salt/minion/*/start', files: ['/srv/reactor/start.sls', 'salt://reactor/x.sls'] },
      { glob: 'myapp/*', files: ['/etc/salt-ts/reactor/app.sls'] },
    ]);
  });

  test('an entry that lists no files is refused, naming the config file and the glob', () => {
    assert.throws(() => reactorBindings([{ 'salt/auth': [1] }], '/etc/salt-ts/master', '/etc/salt-ts'), /\/etc\/salt-ts\/master: reactor entry 1 \('salt\/auth'\) must list SLS files/);
  });

  test('the master does not start with a bad reactor entry, and says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'salt-ts-reactor-config-'));
    try {
      writeFileSync(join(dir, 'master'), `root_dir: ${dir}\nreactor:\n  - 'salt/auth': {not: files}\n`);
      const res = await runNode(BINS['salt-ts-master'], ['-c', dir]);
      assert.equal(res.code, 1);
      assert.match(res.stderr, /\[SALTTS_CONFIG_VALUE\] .*master: reactor entry 1 \('salt\/auth'\) must list SLS files/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('reactions', () => {
  test('each ID is one kind.function with its settings merged; cmd. is the old spelling of local.', () => {
    const reactions = parseReactions(
      {
        a: { 'local.state.apply': [{ tgt: 'web*' }, { args: [{ mods: 'webapp' }] }] },
        b: { 'cmd.cmd.run': [{ tgt: 'db1' }, { arg: ['uptime'] }] },
        c: { runner: ['state.orchestrate', { mods: 'orch.deploy' }] },
      },
      'x.sls',
    );
    assert.deepEqual(reactions, [
      { id: 'a', kind: 'local', fun: 'state.apply', settings: { tgt: 'web*', args: [{ mods: 'webapp' }] } },
      { id: 'b', kind: 'local', fun: 'cmd.run', settings: { tgt: 'db1', arg: ['uptime'] } },
      { id: 'c', kind: 'runner', fun: 'state.orchestrate', settings: { mods: 'orch.deploy' } },
    ]);
  });

  test('an unknown kind, a missing function or a non-mapping setting names the file and the ID', () => {
    assert.throws(() => parseReactions({ r: { 'magic.do': [] } }, 'x.sls'), /x\.sls: reaction 'r' has unknown kind 'magic'/);
    assert.throws(() => parseReactions({ r: { local: [{ tgt: '*' }] } }, 'x.sls'), /x\.sls: reaction 'r' names no function/);
    assert.throws(() => parseReactions({ r: { 'local.test.ping': ['*'] } }, 'x.sls'), /x\.sls: reaction 'r' has a setting that is not a mapping/);
    assert.throws(() => parseReactions(['not', 'a', 'mapping'], 'x.sls'), /x\.sls: a reactor SLS must render to a mapping/);
  });

  test("args: mappings are keyword arguments and other items positional; arg:/kwarg: add to them", () => {
    const [local] = parseReactions({ r: { 'local.cmd.run': [{ tgt: '*', tgt_type: 'glob', timeout: 9 }, { args: ['ls', { cwd: '/tmp' }] }, { kwarg: { env: { A: '1' } } }] } }, 'x.sls');
    assert.deepEqual(reactionArgs(local!), { arg: ['ls'], kwarg: { cwd: '/tmp', env: { A: '1' } } });
  });

  test('runner and wheel settings are keyword arguments; a local reaction refuses settings it does not know', () => {
    const [runner, wheel, local] = parseReactions(
      {
        r: { 'runner.state.orchestrate': [{ mods: 'orch.x' }, { pillar: { a: 1 } }] },
        w: { 'wheel.key.accept': [{ match: 'web*' }] },
        l: { 'local.cmd.run': [{ tgt: '*' }, { cmd: 'ls' }] },
      },
      'x.sls',
    );
    assert.deepEqual(reactionArgs(runner!), { arg: [], kwarg: { mods: 'orch.x', pillar: { a: 1 } } });
    assert.deepEqual(reactionArgs(wheel!), { arg: [], kwarg: { match: 'web*' } });
    assert.throws(() => reactionArgs(local!), /reaction 'l': unknown setting\(s\) cmd; pass the function's arguments in args:/);
  });
});

describe('handled-event mark', () => {
  test('survives a restart, and means nothing for a stream made anew', () => {
    const dir = mkdtempSync(join(tmpdir(), 'salt-ts-reactor-mark-'));
    try {
      const file = join(dir, 'reactor', 'handled.json');
      new HandledMark(file, 'stream-1').record(7);
      const again = new HandledMark(file, 'stream-1');
      assert.equal(again.handled(7), true);
      assert.equal(again.handled(6), true);
      assert.equal(again.handled(8), false);
      assert.equal(new HandledMark(file, 'stream-2').handled(7), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
