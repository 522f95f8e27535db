import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { cronStates } from '../minion/states/cron.js';
import { runState } from './support/one-state.js';

const USER = `saltts-cron-${randomBytes(3).toString('hex')}`;
const CMD = '/usr/local/bin/report --daily';
const run = (fun: string, args: Record<string, unknown> = {}, testMode = false) => runState(cronStates, fun, { name: CMD, user: USER, ...args }, { test: testMode });
const crontab = () => execFileSync('crontab', ['-l', '-u', USER], { encoding: 'utf8' });

const hasCrontab = spawnSync('crontab', ['-V']).error === undefined;
const skip = process.getuid?.() !== 0 ? 'needs root' : !hasCrontab ? 'no crontab binary (Debian package cron)' : false;

describe('cron.present and cron.absent on a real crontab', { skip }, () => {
  before(() => execFileSync('useradd', ['-M', USER]));
  after(() => {
    spawnSync('crontab', ['-r', '-u', USER], { stdio: 'ignore' });
    spawnSync('userdel', [USER], { stdio: 'ignore' });
  });

  test('test=True says it would add the job and writes nothing', async () => {
    assert.deepEqual(await run('present', { minute: 15, hour: 3 }, true), { name: CMD, result: null, comment: `Cron ${CMD} is set to be added`, changes: {} });
    assert.equal(spawnSync('crontab', ['-l', '-u', USER]).status, 1);
  });

  test('present adds the job with Salt\'s identifier line; the second run finds it', async () => {
    assert.deepEqual(await run('present', { minute: 15, hour: 3, comment: 'nightly report' }), { name: CMD, result: true, comment: `Cron ${CMD} added to ${USER}'s crontab`, changes: { [USER]: CMD } });
    assert.equal(crontab(), `# Lines below here are managed by Salt, do not edit\n# nightly report SALT_CRON_IDENTIFIER:${CMD}\n15 3 * * * ${CMD}\n`);
    assert.deepEqual(await run('present', { minute: 15, hour: 3, comment: 'nightly report' }), { name: CMD, result: true, comment: `Cron ${CMD} already present`, changes: {} });
    assert.deepEqual(await run('present', { minute: 15, hour: 3, comment: 'nightly report' }, true), { name: CMD, result: true, comment: `Cron ${CMD} already present`, changes: {} });
  });

  test('a changed time updates the job in place, keeping its comment', async () => {
    assert.equal((await run('present', { minute: 45, hour: 3 }, true)).comment, `Cron ${CMD} is set to be updated`);
    assert.deepEqual(await run('present', { minute: 45, hour: 3 }), { name: CMD, result: true, comment: `Cron ${CMD} updated`, changes: { [USER]: CMD } });
    assert.equal(crontab(), `# Lines below here are managed by Salt, do not edit\n# nightly report SALT_CRON_IDENTIFIER:${CMD}\n45 3 * * * ${CMD}\n`);
  });

  test('an identifier lets the command change; special jobs', async () => {
    assert.equal((await runState(cronStates, 'present', { name: '/bin/backup v1', user: USER, identifier: 'backup', special: '@daily' })).comment, `Cron /bin/backup v1 added to ${USER}'s crontab`);
    assert.equal((await runState(cronStates, 'present', { name: '/bin/backup v2', user: USER, identifier: 'backup', special: '@daily' })).comment, 'Cron /bin/backup v2 updated');
    assert.match(crontab(), /# SALT_CRON_IDENTIFIER:backup\n@daily \/bin\/backup v2\n$/);
    assert.equal((await runState(cronStates, 'absent', { name: '/bin/backup v2', user: USER, identifier: 'backup', special: '@daily' })).comment, `Cron /bin/backup v2 removed from ${USER}'s crontab`);
  });

  test('absent removes the job once', async () => {
    assert.deepEqual(await run('absent', {}, true), { name: CMD, result: null, comment: `Cron ${CMD} is set to be removed`, changes: {} });
    assert.deepEqual(await run('absent'), { name: CMD, result: true, comment: `Cron ${CMD} removed from ${USER}'s crontab`, changes: { [USER]: CMD } });
    assert.deepEqual(await run('absent'), { name: CMD, result: true, comment: `Cron ${CMD} already absent`, changes: {} });
    assert.deepEqual(await run('absent', {}, true), { name: CMD, result: true, comment: `Cron ${CMD} is absent`, changes: {} });
    assert.equal(crontab(), '# Lines below here are managed by Salt, do not edit\n');
  });
});
