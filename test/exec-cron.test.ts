import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { parseTab, renderTab } from '../minion/modules/cron/tab.js';
import { callFunction } from './support/one-state.js';

// A crontab as Salt writes it: the user's own lines kept above Salt's marker.
const SALT_TAB = `MAILTO=me
0 1 * * * /usr/bin/backup
# Lines below here are managed by Salt, do not edit
PATH=/usr/bin:/bin
# rotate logs SALT_CRON_IDENTIFIER:rotate
*/5 * * * * /usr/sbin/logrotate /etc/logrotate.conf
# SALT_CRON_IDENTIFIER:/bin/true
#DISABLED#0 0 * * 1 /bin/true
@reboot /usr/local/bin/start-things
`;

describe('crontab text as Salt reads and writes it', () => {
  test('parse: pre lines, env, jobs with comment and identifier, disabled jobs, specials', () => {
    assert.deepEqual(parseTab(SALT_TAB), {
      pre: ['MAILTO=me', '0 1 * * * /usr/bin/backup'],
      env: [{ name: 'PATH', value: '/usr/bin:/bin' }],
      crons: [
        { minute: '*/5', hour: '*', daymonth: '*', month: '*', dayweek: '*', cmd: '/usr/sbin/logrotate /etc/logrotate.conf', identifier: 'rotate', comment: 'rotate logs', commented: false },
        { minute: '0', hour: '0', daymonth: '*', month: '*', dayweek: '1', cmd: '/bin/true', identifier: '/bin/true', comment: '', commented: true },
      ],
      special: [{ spec: '@reboot', cmd: '/usr/local/bin/start-things', identifier: null, comment: null, commented: false }],
    });
  });

  test('render gives the same text back', () => {
    assert.equal(renderTab(parseTab(SALT_TAB)), SALT_TAB);
  });

  test('a crontab Salt never touched gets the marker after its own lines', () => {
    assert.equal(renderTab(parseTab('0 1 * * * /usr/bin/backup\n')), '0 1 * * * /usr/bin/backup\n# Lines below here are managed by Salt, do not edit\n');
    assert.equal(renderTab(parseTab('')), '# Lines below here are managed by Salt, do not edit\n');
  });
});

const USER = `saltts-cron-${randomBytes(3).toString('hex')}`;
const hasCrontab = spawnSync('crontab', ['-V']).error === undefined;
const skip = process.getuid?.() !== 0 ? 'needs root' : !hasCrontab ? 'no crontab binary (Debian package cron)' : false;

describe('cron execution functions on a real crontab', { skip }, () => {
  before(() => execFileSync('useradd', ['-M', USER]));
  after(() => {
    spawnSync('crontab', ['-r', '-u', USER], { stdio: 'ignore' });
    spawnSync('userdel', [USER], { stdio: 'ignore' });
  });

  test('set_job adds, reports present, updates; rm_job removes', async () => {
    assert.equal(await callFunction('cron.raw_cron', [USER]), '');
    assert.equal(await callFunction('cron.set_job', [USER, 0, 2, '*', '*', '*', '/bin/echo hi'], { identifier: 'hi' }), 'new');
    assert.equal(await callFunction('cron.set_job', [USER, 0, 2, '*', '*', '*', '/bin/echo hi'], { identifier: 'hi' }), 'present');
    assert.equal(await callFunction('cron.set_job', [USER, 30, 2, '*', '*', '*', '/bin/echo hi'], { identifier: 'hi', comment: 'say hi' }), 'updated');
    assert.equal(await callFunction('cron.raw_cron', [USER]), '# Lines below here are managed by Salt, do not edit\n# say hi SALT_CRON_IDENTIFIER:hi\n30 2 * * * /bin/echo hi\n');
    assert.equal(await callFunction('cron.rm_job', [USER, '/bin/echo hi'], { identifier: 'hi' }), 'removed');
    assert.equal(await callFunction('cron.rm_job', [USER, '/bin/echo hi'], { identifier: 'hi' }), 'absent');
  });

  test('set_special and rm_special', async () => {
    assert.equal(await callFunction('cron.set_special', [USER, '@daily', '/bin/true']), 'new');
    assert.deepEqual(((await callFunction('cron.list_tab', [USER])) as { special: unknown[] }).special, [{ spec: '@daily', cmd: '/bin/true', identifier: null, comment: null, commented: false }]);
    assert.equal(await callFunction('cron.rm_special', [USER, '/bin/true']), 'removed');
  });
});
