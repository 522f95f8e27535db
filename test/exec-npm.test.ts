import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { callFunction } from './support/one-state.js';
import { npmProject } from './support/npm-project.js';
import { findJson } from '../minion/modules/npm/run-npm.js';

const skip = spawnSync('npm', ['--version']).error ? 'no npm binary (Debian package npm)' : false;

describe('npm module over the real npm, offline', { skip }, () => {
  const { app } = npmProject();

  test('install with dir alone installs the project (a file: dependency), then finds nothing to do', async () => {
    const first = (await callFunction('npm.install', [], { dir: app })) as Record<string, unknown>;
    assert.equal(first.added, 1);
    assert.ok(existsSync(join(app, 'node_modules', 'dep', 'package.json')));
    const second = (await callFunction('npm.install', [], { dir: app })) as Record<string, unknown>;
    assert.deepEqual([second.added, second.removed, second.changed], [0, 0, 0]);
  });

  test('list reports the installed packages with their versions; pkg narrows it', async () => {
    const all = (await callFunction('npm.list', [], { dir: app, depth: 0 })) as Record<string, { version: string }>;
    assert.deepEqual(Object.keys(all), ['dep']);
    assert.equal(all.dep!.version, '1.2.0');
    assert.deepEqual(await callFunction('npm.list', ['other'], { dir: app }), {});
  });

  test('install pkg, dry_run changes nothing; uninstall removes it', async () => {
    const dry = (await callFunction('npm.install', ['file:../other'], { dir: app, dry_run: true })) as Record<string, unknown>;
    assert.equal(dry.added, 1);
    assert.equal(existsSync(join(app, 'node_modules', 'other')), false);
    await callFunction('npm.install', ['file:../other'], { dir: app });
    assert.ok(existsSync(join(app, 'node_modules', 'other', 'package.json')));
    assert.equal(await callFunction('npm.uninstall', ['other'], { dir: app }), true);
    assert.equal(existsSync(join(app, 'node_modules', 'other')), false);
  });

  test('a package npm cannot find fails with npm\'s reason and the dir', async () => {
    await assert.rejects(callFunction('npm.install', ['file:../nowhere'], { dir: app }), (err: Error) => err.message.includes(`in ${app} failed:`) && /nowhere/.test(err.message));
  });

  test('install without pkg, pkgs or dir is refused; pkgs must be a list', async () => {
    await assert.rejects(callFunction('npm.install', []), /npm\.install: give pkg, pkgs or the dir of a project to install/);
    await assert.rejects(callFunction('npm.install', [], { pkgs: 'dep', dir: app }), /npm\.install: pkgs must be a list, got dep/);
  });
});

test('findJson skips the text npm prints before its JSON', () => {
  assert.deepEqual(findJson('add dep 1.2.0\n{\n  "added": 1\n}'), { added: 1 });
  assert.throws(() => findJson('up to date'), /no JSON/);
});
