import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { callFunction } from './support/one-state.js';

const suffix = randomBytes(3).toString('hex');
const USER = `saltts-test-${suffix}`;
const GROUP = `saltts-testg-${suffix}`;
const HOME = `/tmp/${USER}-home`;
const HASH = '$6$saltsalt$6NXZ9jOtLvmS2RN7nWDs4qOM4yNwWXhAYnrzyVHczhTqV/PcTwC9cMZtCT47O2xsl3ZzHfFoD4G3qZ7bfyH6o0';

const notRoot = process.getuid?.() !== 0 && 'managing accounts needs root';

describe('user, shadow and group execution functions on real accounts', { skip: notRoot }, () => {
  after(() => {
    spawnSync('userdel', ['-r', USER], { stdio: 'ignore' });
    spawnSync('groupdel', [GROUP], { stdio: 'ignore' });
    spawnSync('groupdel', [USER], { stdio: 'ignore' });
  });

  test('info of a missing user or group is {}', async () => {
    assert.deepEqual(await callFunction('user.info', [USER]), {});
    assert.deepEqual(await callFunction('group.info', [GROUP]), {});
  });

  test('group.add, info, adduser, members, deluser', async () => {
    assert.equal(await callFunction('group.add', [GROUP]), true);
    const info = (await callFunction('group.info', [GROUP])) as { name: string; gid: number; members: string[] };
    assert.equal(info.name, GROUP);
    assert.deepEqual(info.members, []);
    assert.ok(((await callFunction('group.getent')) as { name: string }[]).some((g) => g.name === GROUP));
    await assert.rejects(callFunction('group.add', [GROUP]), new RegExp(`Adding group '${GROUP}' failed.*already exists`));
  });

  test('user.add creates the user with its own group, home, shell and full name', async () => {
    assert.equal(await callFunction('user.add', [USER], { home: HOME, shell: '/bin/sh', fullname: 'Test User', groups: [GROUP] }), true);
    const info = (await callFunction('user.info', [USER])) as Record<string, unknown>;
    assert.equal(info.name, USER);
    assert.equal(info.home, HOME);
    assert.equal(info.shell, '/bin/sh');
    assert.equal(info.fullname, 'Test User');
    assert.deepEqual(info.groups, [GROUP, USER].sort());
    assert.ok(existsSync(HOME));
    assert.ok(((await callFunction('user.list_users')) as string[]).includes(USER));
    assert.deepEqual(await callFunction('user.list_groups', [USER]), [GROUP, USER].sort());
  });

  test('user.ch* change one attribute each and answer whether it took', async () => {
    assert.equal(await callFunction('user.chshell', [USER, '/bin/bash']), true);
    assert.equal(await callFunction('user.chfullname', [USER, 'Renamed']), true);
    assert.equal(await callFunction('user.chgroups', [USER, []]), true);
    const info = (await callFunction('user.info', [USER])) as Record<string, unknown>;
    assert.equal(info.shell, '/bin/bash');
    assert.equal(info.fullname, 'Renamed');
    assert.deepEqual(info.groups, [USER]);
    assert.equal(await callFunction('user.chgroups', [USER, GROUP, true]), true);
    assert.deepEqual(((await callFunction('group.info', [GROUP])) as { members: string[] }).members, [USER]);
    await assert.rejects(callFunction('user.chshell', ['saltts-no-such-user', '/bin/sh']), /User 'saltts-no-such-user' does not exist/);
  });

  test('group membership: deluser, members', async () => {
    assert.equal(await callFunction('group.deluser', [GROUP, USER]), true);
    assert.deepEqual(((await callFunction('group.info', [GROUP])) as { members: string[] }).members, []);
    assert.equal(await callFunction('group.members', [GROUP, USER]), true);
    assert.deepEqual(((await callFunction('group.info', [GROUP])) as { members: string[] }).members, [USER]);
  });

  test('shadow.set_password stores the hash; shadow.info reads it', async () => {
    assert.equal(await callFunction('shadow.set_password', [USER, HASH]), true);
    assert.equal(((await callFunction('shadow.info', [USER])) as { passwd: string }).passwd, HASH);
  });

  test('user.delete with remove=True removes the home; group.delete the group', async () => {
    assert.equal(await callFunction('user.delete', [USER, true]), true);
    assert.deepEqual(await callFunction('user.info', [USER]), {});
    assert.equal(existsSync(HOME), false);
    assert.equal(await callFunction('group.delete', [GROUP]), true);
    await assert.rejects(callFunction('group.delete', [GROUP]), /Deleting group/);
  });
});
