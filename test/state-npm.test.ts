import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { npmStates } from '../minion/states/npm.js';
import { runState } from './support/one-state.js';
import { npmProject } from './support/npm-project.js';

const skip = spawnSync('npm', ['--version']).error ? 'no npm binary (Debian package npm)' : false;

describe('npm states over the real npm, offline', { skip }, () => {
  const { app } = npmProject();

  test('bootstrap: test=True says it would, then installs the project once', async () => {
    const dry = await runState(npmStates, 'bootstrap', { name: app }, { test: true });
    assert.equal(dry.result, null);
    assert.equal(dry.comment, `${app} is set to be bootstrapped`);
    assert.equal(existsSync(join(app, 'node_modules')), false);
    assert.deepEqual(await runState(npmStates, 'bootstrap', { name: app }), { name: app, result: true, comment: 'Directory was successfully bootstrapped', changes: { [app]: 'Bootstrapped' } });
    assert.ok(existsSync(join(app, 'node_modules', 'dep', 'package.json')));
    assert.deepEqual(await runState(npmStates, 'bootstrap', { name: app }), { name: app, result: true, comment: 'Directory is already bootstrapped', changes: {} });
    assert.deepEqual(await runState(npmStates, 'bootstrap', { name: app }, { test: true }), { name: app, result: true, comment: `${app} is already bootstrapped`, changes: {} });
  });

  test('installed: satisfied by the installed version; another version would be installed', async () => {
    assert.deepEqual(await runState(npmStates, 'installed', { name: 'dep', dir: app }), { name: 'dep', result: true, comment: 'Package(s) \'dep\' satisfied by dep@1.2.0', changes: {} });
    assert.deepEqual(await runState(npmStates, 'installed', { name: 'dep@1.2.0', dir: app }, { test: true }), { name: 'dep@1.2.0', result: true, comment: 'Package(s) \'dep@1.2.0\' satisfied by dep@1.2.0', changes: {} });
    assert.deepEqual(await runState(npmStates, 'installed', { name: 'dep@2.0.0', dir: app }, { test: true }), { name: 'dep@2.0.0', result: null, comment: 'NPM package(s) \'dep@2.0.0\' are set to be installed', changes: { old: [], new: ['dep@2.0.0'] } });
  });

  test('installed with pkgs installs what is missing, then is satisfied', async () => {
    const args = { name: 'local packages', pkgs: ['dep', 'other@file:../other'], dir: app };
    assert.deepEqual(await runState(npmStates, 'installed', args), { name: 'local packages', result: true, comment: 'Package(s) \'other@file:../other\' successfully installed', changes: { old: [], new: ['other@file:../other'] } });
    assert.ok(existsSync(join(app, 'node_modules', 'other', 'package.json')));
    assert.deepEqual(await runState(npmStates, 'installed', { name: 'other', dir: app }), { name: 'other', result: true, comment: 'Package(s) \'other\' satisfied by other@0.3.0', changes: {} });
  });

  test('a failed install fails the state with npm\'s reason', async () => {
    const ret = await runState(npmStates, 'installed', { name: 'file:../nowhere', dir: app });
    assert.equal(ret.result, false);
    assert.match(ret.comment, /^Error installing 'file:\.\.\/nowhere': (ERROR: )?Command 'npm install .*nowhere.* failed: npm error code ENOENT/);
  });

  test('bootstrap of a directory without package.json fails naming it', async () => {
    const ret = await runState(npmStates, 'bootstrap', { name: join(app, 'missing') });
    assert.equal(ret.result, false);
    assert.match(ret.comment, new RegExp(`^Error Bootstrapping '${join(app, 'missing')}': `));
  });
});
