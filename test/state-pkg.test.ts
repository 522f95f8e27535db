import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { pkgStates } from '../minion/states/pkg.js';
import { runState } from './support/one-state.js';
import { useHostLock } from './support/host-lock.js';

const PKG = 'hello';
const MISSING = 'saltts-no-such-package';
const run = (fun: string, args: Record<string, unknown> & { name: string }, testMode = false) => runState(pkgStates, fun, args, { test: testMode });
const installedVersion = () => execFileSync('dpkg-query', ['-W', '-f', '${Status} ${Version}', PKG], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
const isInstalled = () => {
  try {
    return installedVersion().startsWith('install ok installed');
  } catch {
    return false;
  }
};

// A real install needs root, a working apt, and `hello` not installed already (we remove it afterwards).
const aptWorks = spawnSync('apt-get', ['install', '-s', PKG]).status === 0;
const skipReal = process.getuid?.() !== 0 ? 'needs root' : !aptWorks ? 'apt-get cannot install hello here' : isInstalled() ? 'hello is installed already; not touching it' : false;

describe('pkg states, queries and test=True', () => {
  test('packages that are installed: Salt\'s comments for name and for pkgs', async () => {
    assert.deepEqual(await run('installed', { name: 'bash' }), { name: 'bash', result: true, comment: 'Package bash is already installed', changes: {} });
    assert.deepEqual(await run('installed', { name: 'base', pkgs: ['bash', 'coreutils'] }), { name: 'base', result: true, comment: 'All specified packages are already installed', changes: {} });
  });

  test('test=True predicts the install and installs nothing', async () => {
    assert.deepEqual(await run('installed', { name: MISSING }, true), { name: MISSING, result: null, comment: `The following packages would be installed/updated: ${MISSING}`, changes: {} });
    assert.deepEqual(await run('installed', { name: 'x', pkgs: ['bash', { [MISSING]: '1.0' }] }, true), { name: 'x', result: null, comment: `The following packages would be installed/updated: ${MISSING}=1.0`, changes: {} });
  });

  test('removing what is not installed changes nothing', async () => {
    assert.deepEqual(await run('removed', { name: MISSING }), { name: MISSING, result: true, comment: 'None of the targeted packages are installed', changes: {} });
    assert.deepEqual(await run('purged', { name: MISSING }, true), { name: MISSING, result: true, comment: 'None of the targeted packages are installed or partially installed', changes: {} });
  });

  test('an unknown package fails, saying why', async () => {
    const ret = await run('installed', { name: MISSING });
    assert.equal(ret.result, false);
    assert.match(ret.comment, /^An error was encountered while installing package\(s\): .*saltts-no-such-package/s);
    assert.deepEqual(await run('latest', { name: MISSING }), { name: MISSING, result: false, comment: `No information found for '${MISSING}'.`, changes: {} });
  });

  test('malformed pkgs is refused', async () => {
    assert.equal((await run('installed', { name: 'x', pkgs: 'bash' })).comment, "Invalidly formatted 'pkgs' parameter. See minion log.");
  });
});

describe('pkg states, installing and removing hello for real', { skip: skipReal, timeout: 300_000 }, () => {
  useHostLock('system-packages');
  after(() => {
    if (isInstalled()) spawnSync('apt-get', ['-y', '-q', 'remove', PKG]);
  });

  test('installed installs it once; the second run changes nothing', async () => {
    const first = await run('installed', { name: PKG });
    assert.equal(first.result, true, first.comment);
    assert.equal(first.comment, `The following packages were installed/updated: ${PKG}`);
    const version = installedVersion().split(' ').at(-1)!;
    // Dependencies apt pulls in alongside are reported too, as Salt does; the named package must be among them.
    assert.deepEqual(first.changes[PKG], { old: '', new: version });
    assert.deepEqual(await run('installed', { name: PKG }), { name: PKG, result: true, comment: `Package ${PKG} is already installed`, changes: {} });
    assert.deepEqual(await run('installed', { name: PKG, version }), { name: PKG, result: true, comment: `Version ${version} of package '${PKG}' is already installed`, changes: {} });
    assert.deepEqual(await run('latest', { name: PKG }), { name: PKG, result: true, comment: `Package ${PKG} is already up-to-date`, changes: {} });
  });

  test('removed under test=True predicts; then removes; then has nothing to do', async () => {
    const version = installedVersion().split(' ').at(-1)!;
    assert.deepEqual(await run('removed', { name: PKG }, true), { name: PKG, result: null, comment: `The following packages will be removed: ${PKG}.`, changes: { [PKG]: { new: 'removed', old: '' } } });
    assert.ok(isInstalled());
    assert.deepEqual(await run('removed', { name: PKG }), { name: PKG, result: true, comment: 'All targeted packages were removed.', changes: { [PKG]: { old: version, new: '' } } });
    assert.equal(isInstalled(), false);
    assert.equal((await run('removed', { name: PKG })).comment, 'None of the targeted packages are installed');
  });
});
