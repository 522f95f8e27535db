import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { userStates } from '../minion/states/user.js';
import { callFunction, runState } from './support/one-state.js';

const suffix = randomBytes(3).toString('hex');
const USER = `saltts-test-${suffix}`;
const EXTRA = `saltts-testg-${suffix}`;
const HOME = `/tmp/${USER}`;
const HASH = '$6$saltsalt$6NXZ9jOtLvmS2RN7nWDs4qOM4yNwWXhAYnrzyVHczhTqV/PcTwC9cMZtCT47O2xsl3ZzHfFoD4G3qZ7bfyH6o0';
const run = (fun: string, args: Record<string, unknown> = {}, testMode = false) => runState(userStates, fun, { name: USER, ...args }, { test: testMode });
const info = async () => (await callFunction('user.info', [USER])) as Record<string, unknown>;

const notRoot = process.getuid?.() !== 0 && 'managing accounts needs root';

describe('user.present and user.absent on real accounts', { skip: notRoot }, () => {
  after(() => {
    spawnSync('userdel', ['-r', USER], { stdio: 'ignore' });
    spawnSync('groupdel', [USER], { stdio: 'ignore' });
    spawnSync('groupdel', [EXTRA], { stdio: 'ignore' });
  });

  test('missing groups are named and nothing is created', async () => {
    assert.deepEqual(await run('present', { groups: ['saltts-no-group-a', 'saltts-no-group-b'] }), {
      name: USER, result: false, comment: 'The following group(s) are not present: saltts-no-group-a,saltts-no-group-b', changes: {},
    });
    assert.deepEqual(await info(), {});
  });

  test('test=True says it would add the user and adds nothing', async () => {
    assert.deepEqual(await run('present', {}, true), { name: USER, result: null, comment: `User ${USER} set to be added`, changes: {} });
    assert.deepEqual(await info(), {});
  });

  test('present creates the user; changes are its user.info and the redacted password', async () => {
    await callFunction('group.add', [EXTRA]);
    const ret = await run('present', { home: HOME, shell: '/bin/sh', fullname: 'Salt Test', groups: [EXTRA], optional_groups: ['saltts-no-optional'], password: HASH });
    assert.equal(ret.result, true, ret.comment);
    assert.equal(ret.comment, `New user ${USER} created`);
    const now = await info();
    assert.deepEqual(ret.changes, { ...now, password: 'XXX-REDACTED-XXX' });
    assert.deepEqual(now.groups, [EXTRA, USER].sort());
    assert.equal(now.fullname, 'Salt Test');
    assert.ok(existsSync(HOME));
    assert.equal(((await callFunction('shadow.info', [USER])) as { passwd: string }).passwd, HASH);
  });

  test('the second run changes nothing', async () => {
    assert.deepEqual(await run('present', { home: HOME, shell: '/bin/sh', fullname: 'Salt Test', groups: [EXTRA], password: HASH }), {
      name: USER, result: true, comment: `User ${USER} is present and up to date`, changes: {},
    });
  });

  test('test=True lists the attributes that would change and changes none', async () => {
    const ret = await run('present', { shell: '/bin/bash', groups: [], password: '!' }, true);
    assert.deepEqual(ret, {
      name: USER, result: null, changes: {},
      comment: "The following user attributes are set to be changed:\ngroups: []\nshell: /bin/bash\npasswd: XXX-REDACTED-XXX\n",
    });
    assert.equal((await info()).shell, '/bin/sh');
  });

  test('present updates shell, groups and password and reports what user.info says changed', async () => {
    const ret = await run('present', { shell: '/bin/bash', groups: [], password: '!' });
    assert.deepEqual(ret, { name: USER, result: true, comment: `Updated user ${USER}`, changes: { shell: '/bin/bash', groups: [USER], passwd: 'XXX-REDACTED-XXX' } });
  });

  test('remove_groups: False only adds groups', async () => {
    const ret = await run('present', { groups: [EXTRA], remove_groups: false });
    assert.deepEqual(ret.changes, { groups: [EXTRA, USER].sort() });
    assert.deepEqual((await run('present', { groups: [], remove_groups: false })).changes, {});
  });

  test('changing the uid needs allow_uid_change', async () => {
    const uid = (await info()).uid as number;
    const ret = await run('present', { uid: uid + 1000 });
    assert.equal(ret.result, false);
    assert.equal(ret.comment, `Changing uid (${uid} -> ${uid + 1000}) not permitted, set allow_uid_change to True to force this change. Note that this will not change file ownership.`);
    assert.deepEqual((await run('present', { uid: uid + 1000, allow_uid_change: true })).changes, { uid: uid + 1000 });
  });

  test('absent removes the user and its own group; then it is not present', async () => {
    assert.deepEqual(await run('absent', {}, true), { name: USER, result: null, comment: `User ${USER} set for removal`, changes: {} });
    assert.deepEqual(await run('absent', { purge: true }), { name: USER, result: true, comment: `Removed user ${USER}`, changes: { [`${USER} group`]: 'removed', [USER]: 'removed' } });
    assert.equal(existsSync(HOME), false);
    assert.deepEqual(await run('absent'), { name: USER, result: true, comment: `User ${USER} is not present`, changes: {} });
  });
});
