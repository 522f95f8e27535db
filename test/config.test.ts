import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SaltTsError, type ErrorCode } from '../shared/errors.js';
import { loadMasterConfig, loadMinionConfig } from '../shared/config/load.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'salt-ts-config-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function configDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(scratch, 'conf-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

function collectWarnings(): { warn: (msg: string) => void; warnings: string[] } {
  const warnings: string[] = [];
  return { warn: (msg) => warnings.push(msg), warnings };
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const noWarnings = (msg: string): void => assert.fail(`unexpected warning: ${msg}`);

function assertConfigError(load: () => unknown, code: ErrorCode, message: string | RegExp): void {
  assert.throws(load, (err: unknown) => {
    assert.ok(err instanceof SaltTsError, `expected SaltTsError, got ${String(err)}`);
    assert.equal(err.code, code);
    if (typeof message === 'string') assert.equal(err.message, message);
    else assert.match(err.message, message);
    return true;
  });
}

test('a missing master file gives every master default', () => {
  const dir = configDir();
  const config = loadMasterConfig(dir, noWarnings);
  assert.deepEqual(config, {
    root_dir: '/',
    log_level: 'warning',
    timeout: 5,
    nats_port: 4222,
    nats_url: null,
    pki_dir: '/etc/salt-ts/pki/master',
    cachedir: '/var/cache/salt-ts/master',
    log_file: '/var/log/salt-ts/master',
    file_roots: { base: ['/srv/salt-ts/states'] },
    pillar_roots: { base: ['/srv/salt-ts/pillar'] },
    hash_type: 'sha256',
    renderer: 'jinja|yaml',
    state_top: 'top.sls',
    test: false,
    failhard: false,
    state_output: 'full',
    pillar_source_merging_strategy: 'smart',
    pillar_merge_lists: false,
    pillarenv: null,
    pillarenv_from_saltenv: false,
    interface: '127.0.0.1',
    auto_accept: false,
    nats_server_bin: 'nats-server',
    nodegroups: {},
    keep_jobs: 24,
    gather_job_timeout: 10,
    keep_events: 24,
    schedule: {},
    reactor: [],
    config_dir: dir,
    config_file: path.join(dir, 'master'),
  });
});

test('a missing minion file gives every minion default', () => {
  const dir = configDir();
  const config = loadMinionConfig(dir, noWarnings);
  assert.deepEqual(config, {
    root_dir: '/',
    log_level: 'warning',
    timeout: 5,
    nats_port: 4222,
    nats_url: null,
    pki_dir: '/etc/salt-ts/pki/minion',
    cachedir: '/var/cache/salt-ts/minion',
    log_file: '/var/log/salt-ts/minion',
    file_roots: { base: ['/srv/salt-ts/states'] },
    pillar_roots: { base: ['/srv/salt-ts/pillar'] },
    hash_type: 'sha256',
    renderer: 'jinja|yaml',
    state_top: 'top.sls',
    test: false,
    failhard: false,
    state_output: 'full',
    pillar_source_merging_strategy: 'smart',
    pillar_merge_lists: false,
    pillarenv: null,
    pillarenv_from_saltenv: false,
    id: null,
    master: 'salt',
    grains: {},
    acceptance_wait_time: 10,
    recon_default: 1000,
    recon_max: 10000,
    recon_randomize: true,
    file_client: 'remote',
    cmd_output_limit: 524288,
    beacons: {},
    schedule: {},
    state_events: false,
    config_dir: dir,
    config_file: path.join(dir, 'minion'),
  });
});

test('an empty file or a comment-only file gives the defaults', () => {
  for (const text of ['', '# nothing set\n']) {
    const config = loadMinionConfig(configDir({ minion: text }), noWarnings);
    assert.equal(config.master, 'salt');
    assert.equal(config.nats_port, 4222);
  }
});

test('config_dir is made absolute', () => {
  const dir = configDir({ minion: 'master: m1\n' });
  const relative = path.relative(process.cwd(), dir);
  const config = loadMinionConfig(relative, noWarnings);
  assert.equal(config.config_dir, dir);
  assert.equal(config.config_file, path.join(dir, 'minion'));
  assert.equal(config.master, 'm1');
});

test('values from the file override the defaults, with YAML 1.1 scalars', () => {
  const dir = configDir({
    minion: [
      'id: web1',
      'master: 10.0.0.5',
      'nats_port: 4333',
      'nats_url: nats://broker:4222',
      'timeout: 30',
      'log_level: debug',
      'recon_randomize: no',
      'acceptance_wait_time: 2.5',
      'recon_default: 500',
      'recon_max: 0700',
      'grains:',
      '  roles: [web, db]',
      '  since: 2024-01-02',
      '',
    ].join('\n'),
  });
  const config = loadMinionConfig(dir, noWarnings);
  assert.equal(config.id, 'web1');
  assert.equal(config.master, '10.0.0.5');
  assert.equal(config.nats_port, 4333);
  assert.equal(config.nats_url, 'nats://broker:4222');
  assert.equal(config.timeout, 30);
  assert.equal(config.log_level, 'debug');
  assert.equal(config.recon_randomize, false);
  assert.equal(config.acceptance_wait_time, 2.5);
  assert.equal(config.recon_default, 500);
  assert.equal(config.recon_max, 700);
  assert.deepEqual(config.grains, { roles: ['web', 'db'], since: '2024-01-02' });
});

test('master options load from the master file', () => {
  const dir = configDir({ master: 'interface: 0.0.0.0\nauto_accept: yes\nnats_server_bin: /opt/nats/bin/nats-server\n' });
  const config = loadMasterConfig(dir, noWarnings);
  assert.equal(config.interface, '0.0.0.0');
  assert.equal(config.auto_accept, true);
  assert.equal(config.nats_server_bin, '/opt/nats/bin/nats-server');
});

test('nullable options accept null explicitly', () => {
  const config = loadMinionConfig(configDir({ minion: 'id: ~\nnats_url: null\n' }), noWarnings);
  assert.equal(config.id, null);
  assert.equal(config.nats_url, null);
});

test("a duplicate option is refused at its line, as Salt's YAML loader refuses it", () => {
  const dir = configDir({ minion: 'master: a\nmaster: b\n' });
  assertConfigError(() => loadMinionConfig(dir, noWarnings), 'SALTTS_CONFIG_YAML', `${path.join(dir, 'minion')}, line 2, column 1: found conflicting ID 'master'`);
});

test('an unknown option is warned about and left out', () => {
  const dir = configDir({ minion: 'master: m\nfoo: 1\n' });
  const { warn, warnings } = collectWarnings();
  const config = loadMinionConfig(dir, warn);
  assert.deepEqual(warnings, [`${path.join(dir, 'minion')}: unknown option 'foo' (ignored)`]);
  assert.equal('foo' in config, false);
});

test('an option of the other daemon is unknown', () => {
  const dir = configDir({ master: 'grains: {}\n' });
  const { warn, warnings } = collectWarnings();
  const config = loadMasterConfig(dir, warn);
  assert.deepEqual(warnings, [`${path.join(dir, 'master')}: unknown option 'grains' (ignored)`]);
  assert.equal('grains' in config, false);
});

test('invalid YAML is SALTTS_CONFIG_YAML naming the file, line and column', () => {
  const dir = configDir({ minion: 'master: m\nid: web1\n\tlog_level: debug\n' });
  assertConfigError(
    () => loadMinionConfig(dir, noWarnings),
    'SALTTS_CONFIG_YAML',
    `${path.join(dir, 'minion')}, line 3, column 1: Tabs are not allowed as indentation`,
  );
  const nested = configDir({ minion: 'master: m\nid: a: b\n' });
  assertConfigError(
    () => loadMinionConfig(nested, noWarnings),
    'SALTTS_CONFIG_YAML',
    `${path.join(nested, 'minion')}, line 2, column 5: Nested mappings are not allowed in compact mappings`,
  );
});

test('a file whose top level is not a mapping is SALTTS_CONFIG_TYPE', () => {
  for (const text of ['- a\n- b\n', 'just a string\n', '42\n']) {
    const dir = configDir({ master: text });
    assertConfigError(() => loadMasterConfig(dir, noWarnings), 'SALTTS_CONFIG_TYPE', new RegExp(`^${escapeRegExp(path.join(dir, 'master'))}: `));
  }
});

test('a config file that cannot be read is SALTTS_CONFIG_READ', () => {
  const dir = configDir();
  mkdirSync(path.join(dir, 'minion'));
  assertConfigError(() => loadMinionConfig(dir, noWarnings), 'SALTTS_CONFIG_READ', new RegExp(`^${escapeRegExp(path.join(dir, 'minion'))}: .*EISDIR`));
});

function typeError(option: string, yamlValue: string, expected: string, code: ErrorCode = 'SALTTS_CONFIG_TYPE'): void {
  const dir = configDir({ minion: `${option}: ${yamlValue}\n` });
  assertConfigError(
    () => loadMinionConfig(dir, noWarnings),
    code,
    `${path.join(dir, 'minion')}: option '${option}' must be ${expected}`,
  );
}

test('an integer option rejects strings, floats, booleans and null', () => {
  typeError('nats_port', 'abc', 'an integer from 1 to 65535, got string "abc"');
  typeError('nats_port', '"4222"', 'an integer from 1 to 65535, got string "4222"');
  typeError('timeout', '2.5', 'an integer >= 1, got float 2.5');
  typeError('recon_default', 'yes', 'an integer >= 0, got boolean true');
  typeError('recon_max', '', 'an integer >= 0, got null');
});

test('an integer out of range is SALTTS_CONFIG_VALUE', () => {
  typeError('nats_port', '0', 'an integer from 1 to 65535, got integer 0', 'SALTTS_CONFIG_VALUE');
  typeError('nats_port', '65536', 'an integer from 1 to 65535, got integer 65536', 'SALTTS_CONFIG_VALUE');
  typeError('recon_max', '-1', 'an integer >= 0, got integer -1', 'SALTTS_CONFIG_VALUE');
});

test('a number option accepts integers and floats, rejects strings and negatives', () => {
  assert.equal(loadMinionConfig(configDir({ minion: 'acceptance_wait_time: 3\n' }), noWarnings).acceptance_wait_time, 3);
  typeError('acceptance_wait_time', '"3"', 'a number >= 0, got string "3"');
  typeError('acceptance_wait_time', '-0.5', 'a number >= 0, got float -0.5', 'SALTTS_CONFIG_VALUE');
});

test('a boolean option accepts only booleans', () => {
  typeError('recon_randomize', '1', 'a boolean (true or false), got integer 1');
  typeError('recon_randomize', '"true"', 'a boolean (true or false), got string "true"');
});

test('a string option rejects other types; null only where allowed', () => {
  typeError('master', '[a, b]', 'a string, got list ["a","b"]');
  typeError('master', '', 'a string, got null');
  typeError('id', '123', 'a string or null, got integer 123');
  typeError('nats_url', '{host: x}', 'a string or null, got mapping {"host":"x"}');
});

test('an enum option accepts only its values', () => {
  const levels = 'all, garbage, trace, debug, profile, info, warning, error, critical, quiet';
  typeError('log_level', 'verbose', `one of ${levels}, got string "verbose"`, 'SALTTS_CONFIG_VALUE');
  typeError('log_level', '3', `one of ${levels}, got integer 3`);
  for (const level of levels.split(', ')) {
    assert.equal(loadMinionConfig(configDir({ minion: `log_level: ${level}\n` }), noWarnings).log_level, level);
  }
});

test('a dict option must be a mapping', () => {
  typeError('grains', '[a]', 'a mapping, got list ["a"]');
  typeError('grains', 'x', 'a mapping, got string "x"');
});

test('a roots option is a mapping of env to directories; a single directory is wrapped', () => {
  const dir = configDir({ master: 'file_roots:\n  base: /srv/a\n  dev: [/srv/b, /srv/c]\n' });
  const config = loadMasterConfig(dir, noWarnings);
  assert.deepEqual(config.file_roots, { base: ['/srv/a'], dev: ['/srv/b', '/srv/c'] });
  assert.deepEqual(config.pillar_roots, { base: ['/srv/salt-ts/pillar'] });
});

test('a roots option rejects lists, nulls and non-string directories', () => {
  const expected = 'a mapping of environment names to lists of directories, got';
  typeError('file_roots', '[/srv/a]', `${expected} list ["/srv/a"]`);
  typeError('pillar_roots', '{base: }', `${expected} mapping {"base":null}`);
  typeError('file_roots', '{base: [/srv/a, 3]}', `${expected} mapping {"base":["/srv/a",3]}`);
});

test('a long offending value is shortened in the message', () => {
  const dir = configDir({ minion: `master: [${'x'.repeat(100)}]\n` });
  assertConfigError(() => loadMinionConfig(dir, noWarnings), 'SALTTS_CONFIG_TYPE', /got list \["x{58}\.\.\.$/);
});

test('root_dir re-roots the default path options', () => {
  const dir = configDir({ minion: 'root_dir: /tmp/m1\n' });
  const config = loadMinionConfig(dir, noWarnings);
  assert.equal(config.root_dir, '/tmp/m1');
  assert.equal(config.pki_dir, '/tmp/m1/etc/salt-ts/pki/minion');
  assert.equal(config.cachedir, '/tmp/m1/var/cache/salt-ts/minion');
  assert.equal(config.log_file, '/tmp/m1/var/log/salt-ts/minion');
});

test('root_dir: absolute path options are re-rooted unless already under it, relative ones resolve against it', () => {
  const dir = configDir({
    master: 'root_dir: /tmp/m2\npki_dir: /tmp/m2/keys\ncachedir: cache/master\nlog_file: /var/log/m.log\n',
  });
  const config = loadMasterConfig(dir, noWarnings);
  assert.equal(config.pki_dir, '/tmp/m2/keys');
  assert.equal(config.cachedir, '/tmp/m2/cache/master');
  assert.equal(config.log_file, '/tmp/m2/var/log/m.log');
});

test('a path that only shares a prefix with root_dir is still re-rooted', () => {
  const config = loadMasterConfig(configDir({ master: 'root_dir: /tmp/m3\npki_dir: /tmp/m3x/pki\n' }), noWarnings);
  assert.equal(config.pki_dir, '/tmp/m3/tmp/m3x/pki');
});

test('a relative root_dir resolves against the config dir', () => {
  const dir = configDir({ minion: 'root_dir: sandbox\n' });
  const config = loadMinionConfig(dir, noWarnings);
  assert.equal(config.root_dir, path.join(dir, 'sandbox'));
  assert.equal(config.pki_dir, path.join(dir, 'sandbox/etc/salt-ts/pki/minion'));
});

test('with root_dir / absolute paths are unchanged and relative ones resolve against /', () => {
  const config = loadMinionConfig(configDir({ minion: 'pki_dir: /opt/pki\ncachedir: var/cache\n' }), noWarnings);
  assert.equal(config.pki_dir, '/opt/pki');
  assert.equal(config.cachedir, '/var/cache');
});

test('file_roots entries: relative resolve against root_dir, absolute stay', () => {
  const dir = configDir({
    master: 'root_dir: /tmp/m4\nfile_roots:\n  base: [states, /srv/abs]\npillar_roots:\n  base: pillar\n',
  });
  const config = loadMasterConfig(dir, noWarnings);
  assert.deepEqual(config.file_roots, { base: ['/tmp/m4/states', '/srv/abs'] });
  assert.deepEqual(config.pillar_roots, { base: ['/tmp/m4/pillar'] });
});

test('default roots are not shared between loaded configs', () => {
  const first = loadMasterConfig(configDir(), noWarnings);
  first.file_roots.base.push('/mutated');
  const second = loadMasterConfig(configDir(), noWarnings);
  assert.deepEqual(second.file_roots, { base: ['/srv/salt-ts/states'] });
});
