import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pkgModule } from '../minion/modules/pkg.js';
import { parseUpdateOutput } from '../minion/modules/pkg/apt.js';
import { moduleRunner } from './support/module-runner.js';
import { useHostLock } from './support/host-lock.js';

const PKG = 'salt-ts-test-pkg';
const PAYLOAD = `/usr/share/${PKG}/hello`;
const runner = moduleRunner([pkgModule]);
const run = (fun: string, arg: unknown[] = [], kwarg: Record<string, unknown> = {}) => runner.run(`pkg.${fun}`, arg, kwarg);
const ok = async (fun: string, arg: unknown[] = [], kwarg: Record<string, unknown> = {}) => {
  const out = await run(fun, arg, kwarg);
  assert.equal(out.success, true, String(out.return));
  return out.return;
};
/** The installed version as dpkg-query itself reports it. */
const dpkgVersion = (name: string) => execFileSync('dpkg-query', ['-W', '-f', '${Version}', name], { encoding: 'utf8' });
const newer = (a: string, b: string) => spawnSync('dpkg', ['--compare-versions', a, 'gt', b]).status === 0;

describe('pkg queries on installed packages', () => {
  test('version returns the installed version, a dict for several names, and \'\' when not installed', async () => {
    assert.equal(await ok('version', ['bash']), dpkgVersion('bash'));
    assert.deepEqual(await ok('version', ['bash', 'coreutils', 'salt-ts-no-such-pkg']), {
      bash: dpkgVersion('bash'),
      coreutils: dpkgVersion('coreutils'),
      'salt-ts-no-such-pkg': '',
    });
    assert.equal(await ok('version', ['salt-ts-no-such-pkg']), '');
    assert.deepEqual(await ok('version', ['coreutil*']), { coreutils: dpkgVersion('coreutils') });
  });

  test('list_pkgs maps every installed package to its version', async () => {
    const pkgs = (await ok('list_pkgs')) as Record<string, string>;
    assert.equal(pkgs.bash, dpkgVersion('bash'));
    assert.equal(pkgs.coreutils, dpkgVersion('coreutils'));
    assert.ok(Object.values(pkgs).every((v) => typeof v === 'string' && v !== ''));
    const asLists = (await ok('list_pkgs', [], { versions_as_list: true })) as Record<string, string[]>;
    assert.deepEqual(asLists.bash, [dpkgVersion('bash')]);
    assert.equal(Object.keys(asLists).length, Object.keys(pkgs).length);
  });

  test("latest_version gives an upgrade candidate or '' (refresh=False: no network)", async () => {
    const latest = (await ok('latest_version', ['bash', 'coreutils', 'salt-ts-no-such-pkg'], { refresh: false })) as Record<string, string>;
    for (const name of ['bash', 'coreutils']) {
      assert.ok(latest[name] === '' || newer(latest[name]!, dpkgVersion(name)), `${name}: ${latest[name]}`);
    }
    assert.equal(latest['salt-ts-no-such-pkg'], '');
    const candidate = (await ok('latest_version', ['bash'], { refresh: false, show_installed: true })) as string;
    assert.ok(candidate !== '' && !newer(dpkgVersion('bash'), candidate), candidate);
  });

  test('refresh_db skips apt-get update while the lists are younger than cache_valid_time', async () => {
    assert.deepEqual(await ok('refresh_db', [], { cache_valid_time: 10 * 365 * 86400 }), {});
  });

  test('apt-get update output maps sources to True (fetched), None (current), False (failed)', () => {
    const out = [
      'Hit:1 http://deb.debian.org/debian bookworm InRelease',
      'Get:2 http://deb.debian.org/debian bookworm-updates InRelease [55.4 kB]',
      'Err:3 http://example.invalid/debian stable InRelease',
      '  Could not resolve host',
      'Reading package lists...',
    ].join('\n');
    assert.deepEqual(parseUpdateOutput(out), {
      sources: {
        'http://deb.debian.org/debian bookworm InRelease': null,
        'http://deb.debian.org/debian bookworm-updates InRelease': true,
        'http://example.invalid/debian stable InRelease': false,
      },
      failed: ['http://example.invalid/debian stable InRelease'],
    });
  });
});

describe('pkg install and remove of a local .deb, for real', { skip: process.getuid?.() !== 0 && 'installing packages needs root' }, () => {
  useHostLock('system-packages');
  const dir = mkdtempSync(join(tmpdir(), 'salt-ts-deb-'));
  const purge = () => spawnSync('dpkg', ['--purge', PKG], { stdio: 'ignore' });

  /** Builds salt-ts-test-pkg at this version and returns the .deb's path. */
  function buildDeb(version: string): string {
    const root = join(dir, `root-${version}`);
    mkdirSync(join(root, 'DEBIAN'), { recursive: true });
    mkdirSync(join(root, `usr/share/${PKG}`), { recursive: true });
    writeFileSync(join(root, 'DEBIAN/control'), `Package: ${PKG}\nVersion: ${version}\nArchitecture: all\nMaintainer: salt-ts tests <tests@example.invalid>\nDescription: salt-ts pkg module test package\n`);
    writeFileSync(join(root, `usr/share/${PKG}/hello`), `hello ${version}\n`);
    const deb = join(dir, `${PKG}_${version}_all.deb`);
    execFileSync('dpkg-deb', ['--root-owner-group', '--build', root, deb], { stdio: 'ignore' });
    return deb;
  }

  before(purge);
  after(() => {
    purge();
    rmSync(dir, { recursive: true, force: true });
  });

  test('install from sources returns {pkg: {old, new}} and installs it', async () => {
    const deb = buildDeb('1.0');
    assert.deepEqual(await ok('install', [], { sources: [{ [PKG]: deb }] }), { [PKG]: { old: '', new: '1.0' } });
    assert.ok(existsSync(PAYLOAD));
    assert.equal(await ok('version', [PKG]), '1.0');
    assert.equal(((await ok('list_pkgs')) as Record<string, string>)[PKG], '1.0');
  });

  test("latest_version of the installed local package is '' (show_installed gives it)", async () => {
    assert.equal(await ok('latest_version', [PKG], { refresh: false }), '');
    assert.equal(await ok('latest_version', [PKG], { refresh: false, show_installed: true }), '1.0');
  });

  test('installing the same version again changes nothing; a newer one upgrades', async () => {
    assert.deepEqual(await ok('install', [], { sources: [{ [PKG]: join(dir, `${PKG}_1.0_all.deb`) }] }), {});
    assert.deepEqual(await ok('install', [], { sources: [{ [PKG]: `file://${buildDeb('1.1')}` }] }), { [PKG]: { old: '1.0', new: '1.1' } });
  });

  test('remove returns {pkg: {old, new: \'\'}} and removes it; removing again changes nothing', async () => {
    assert.deepEqual(await ok('remove', [PKG]), { [PKG]: { old: '1.1', new: '' } });
    assert.ok(!existsSync(PAYLOAD));
    assert.equal(await ok('version', [PKG]), '');
    assert.deepEqual(await ok('remove', [], { pkgs: [PKG] }), {});
  });

  test('an unknown package fails, naming it', async () => {
    const out = await run('install', ['salt-ts-no-such-pkg']);
    assert.equal(out.success, false);
    assert.match(String(out.return), /Problem encountered installing package\(s\) salt-ts-no-such-pkg/);
    assert.match(String(out.return), /Unable to locate package salt-ts-no-such-pkg/);
  });

  test('a broken .deb fails with dpkg\'s error, naming the package', async () => {
    const broken = join(dir, 'broken.deb');
    writeFileSync(broken, 'not a deb\n');
    const out = await run('install', [], { sources: [{ [PKG]: broken }] });
    assert.equal(out.success, false);
    assert.match(String(out.return), new RegExp(`Problem encountered installing package\\(s\\) ${PKG}`));
    assert.match(String(out.return), /not a Debian format archive/);
    assert.equal(await ok('version', [PKG]), '');
  });

  test('bad arguments are refused before anything runs', async () => {
    const missing = await run('install', [], { sources: [{ [PKG]: join(dir, 'missing.deb') }] });
    assert.match(String(missing.return), new RegExp(`the source of ${PKG} does not exist`));
    const both = await run('install', [], { pkgs: [PKG], sources: [{ [PKG]: join(dir, 'missing.deb') }] });
    assert.match(String(both.return), /Only one of pkgs or sources can be specified/);
    const remote = await run('install', [], { sources: [{ [PKG]: 'salt://pkgs/x.deb' }] });
    assert.match(String(remote.return), /must be an absolute local path/);
    assert.deepEqual(await ok('install'), {});
  });
});
