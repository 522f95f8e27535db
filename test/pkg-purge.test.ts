import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pkgModule } from '../minion/modules/pkg.js';
import { moduleRunner } from './support/module-runner.js';
import { useHostLock } from './support/host-lock.js';

const HELLO = 'hello';
const CONF_PKG = 'salt-ts-purge-test';
const CONFFILE = `/etc/${CONF_PKG}.conf`;
const runner = moduleRunner([pkgModule]);

async function purge(arg: unknown[], kwarg: Record<string, unknown> = {}): Promise<unknown> {
  const out = await runner.run('pkg.purge', arg, kwarg);
  assert.equal(out.success, true, String(out.return));
  return out.return;
}

/** dpkg's status line of a package ('' when dpkg does not know it at all). */
function dpkgStatus(name: string): string {
  const query = spawnSync('dpkg-query', ['-W', '-f', '${Status} ${Version}', name], { encoding: 'utf8' });
  return query.status === 0 ? query.stdout.trim() : '';
}

const aptWorks = spawnSync('apt-get', ['install', '-s', HELLO]).status === 0;
const skip = process.getuid?.() !== 0 ? 'needs root' : !aptWorks ? 'apt-get cannot install hello here' : dpkgStatus(HELLO) !== '' ? 'hello is on this host already; not touching it' : false;

describe('pkg.purge, for real', { skip, timeout: 300_000 }, () => {
  useHostLock('system-packages');
  const dir = mkdtempSync(join(tmpdir(), 'salt-ts-purge-'));

  /** A package with a configuration file, so that removing it leaves it in dpkg's `rc` state. */
  function confDeb(): string {
    const root = join(dir, 'root');
    mkdirSync(join(root, 'DEBIAN'), { recursive: true });
    mkdirSync(join(root, 'etc'), { recursive: true });
    writeFileSync(join(root, 'DEBIAN/control'), `Package: ${CONF_PKG}\nVersion: 2.0\nArchitecture: all\nMaintainer: salt-ts tests <tests@example.invalid>\nDescription: salt-ts pkg.purge test package\n`);
    writeFileSync(join(root, 'DEBIAN/conffiles'), `${CONFFILE}\n`);
    writeFileSync(join(root, CONFFILE.slice(1)), 'setting = 1\n');
    const deb = join(dir, `${CONF_PKG}_2.0_all.deb`);
    execFileSync('dpkg-deb', ['--root-owner-group', '--build', root, deb], { stdio: 'ignore' });
    return deb;
  }

  const cleanUp = () => {
    for (const name of [HELLO, CONF_PKG]) spawnSync('dpkg', ['--purge', name], { stdio: 'ignore' });
  };
  before(cleanUp);
  after(() => {
    cleanUp();
    rmSync(dir, { recursive: true, force: true });
  });

  test('purging installed hello returns {hello: {old, new: \'\'}} and dpkg forgets it', async () => {
    execFileSync('apt-get', ['install', '-y', '-q', HELLO], { stdio: 'ignore' });
    const version = dpkgStatus(HELLO).replace('install ok installed ', '');
    assert.deepEqual(await purge([HELLO]), { [HELLO]: { old: version, new: '' } });
    assert.equal(dpkgStatus(HELLO), '');
    assert.deepEqual(await purge([], { pkgs: [HELLO] }), {});
  });

  test('a removed package whose configuration file is left (rc) is purged too', async () => {
    execFileSync('dpkg', ['-i', confDeb()], { stdio: 'ignore' });
    execFileSync('apt-get', ['remove', '-y', '-q', CONF_PKG], { stdio: 'ignore' });
    assert.equal(dpkgStatus(CONF_PKG), 'deinstall ok config-files 2.0');
    assert.ok(existsSync(CONFFILE));
    assert.deepEqual(await purge([], { pkgs: [CONF_PKG, 'salt-ts-no-such-pkg'] }), { [CONF_PKG]: { old: '2.0', new: '' } });
    assert.equal(dpkgStatus(CONF_PKG), '');
    assert.ok(!existsSync(CONFFILE));
  });

  test('pkg.remove leaves the configuration file and the rc state, as before', async () => {
    execFileSync('dpkg', ['-i', confDeb()], { stdio: 'ignore' });
    const out = await runner.run('pkg.remove', [CONF_PKG]);
    assert.deepEqual(out.return, { [CONF_PKG]: { old: '2.0', new: '' } });
    assert.equal(dpkgStatus(CONF_PKG), 'deinstall ok config-files 2.0');
    assert.deepEqual((await runner.run('pkg.remove', [CONF_PKG])).return, {});
  });
});
