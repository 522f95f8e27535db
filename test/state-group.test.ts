import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { groupStates } from '../minion/states/group.js';
import { callFunction, runState } from './support/one-state.js';

const suffix = randomBytes(3).toString('hex');
const GROUP = `saltts-testg-${suffix}`;
const [ALICE, BOB] = [`saltts-a-${suffix}`, `saltts-b-${suffix}`];
const run = (fun: string, args: Record<string, unknown> = {}, testMode = false) => runState(groupStates, fun, { name: GROUP, ...args }, { test: testMode });
const members = async () => ((await callFunction('group.info', [GROUP])) as { members: string[] }).members;

const notRoot = process.getuid?.() !== 0 && 'managing accounts needs root';

describe('group.present and group.absent on real groups', { skip: notRoot }, () => {
  before(() => {
    for (const user of [ALICE, BOB]) spawnSync('useradd', ['-M', '-N', user]);
  });
  after(() => {
    for (const user of [ALICE, BOB]) spawnSync('userdel', [user], { stdio: 'ignore' });
    spawnSync('groupdel', [GROUP], { stdio: 'ignore' });
  });

  test('test=True says it would add the group', async () => {
    assert.deepEqual(await run('present', {}, true), { name: GROUP, result: null, comment: `Group ${GROUP} set to be added`, changes: {} });
    assert.deepEqual(await callFunction('group.info', [GROUP]), {});
  });

  test('present creates it with its members; changes are its group.info', async () => {
    const ret = await run('present', { members: [ALICE] });
    assert.equal(ret.comment, `New group ${GROUP} created`);
    assert.deepEqual(ret.changes, await callFunction('group.info', [GROUP]));
    assert.deepEqual(await members(), [ALICE]);
    assert.deepEqual(await run('present', { members: [ALICE] }), { name: GROUP, result: true, comment: `Group ${GROUP} is present and up to date`, changes: {} });
  });

  test('addusers and delusers change membership; test=True lists the changes first', async () => {
    assert.deepEqual(await run('present', { addusers: [BOB], delusers: [ALICE] }, true), {
      name: GROUP, result: null, changes: {},
      comment: `The following group attributes are set to be changed:\naddusers: ['${BOB}']\ndelusers: ['${ALICE}']\n`,
    });
    assert.deepEqual(await members(), [ALICE]);
    const ret = await run('present', { addusers: [BOB], delusers: [ALICE] });
    assert.equal(ret.result, true);
    assert.deepEqual(ret.changes, { Final: 'All changes applied successfully' });
    assert.deepEqual(await members(), [BOB]);
  });

  test('members and addusers together are refused', async () => {
    assert.deepEqual(await run('present', { members: [ALICE], addusers: [BOB] }), {
      name: GROUP, result: null, changes: {}, comment: 'Error: Conflicting options "members" with "addusers" and/or "delusers" can not be used together. ',
    });
  });

  test('a gid taken by another group is refused at creation', async () => {
    const ret = await runState(groupStates, 'present', { name: `${GROUP}x`, gid: 0 });
    assert.deepEqual(ret, { name: `${GROUP}x`, result: false, changes: {}, comment: `Group ${GROUP}x is not present but gid 0 is already taken by group root` });
  });

  test('absent removes it once', async () => {
    assert.deepEqual(await run('absent', {}, true), { name: GROUP, result: null, comment: `Group ${GROUP} is set for removal`, changes: {} });
    assert.deepEqual(await run('absent'), { name: GROUP, result: true, comment: `Removed group ${GROUP}`, changes: { [GROUP]: '' } });
    assert.deepEqual(await run('absent'), { name: GROUP, result: true, comment: 'Group not present', changes: {} });
  });
});
