import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { serviceModule } from '../minion/modules/service.js';
import { systemctlCommand, unitName, unitNamesFromFiles } from '../minion/modules/service/systemd.js';
import { moduleRunner } from './support/module-runner.js';
import { sysvService } from './support/sysv-service.js';

const SERVICE = 'salt-ts-test-svc';
// A sleep length no other process uses, so the daemon can be found by its command line.
const DAEMON = 'sleep 86391';
// The daemon keeps the init script's stdout and stderr open, as careless init scripts do,
// so start and restart also check we do not wait for it.
const svc = sysvService(SERVICE, DAEMON);
const { reloaded: RELOADED } = svc;

const runner = moduleRunner([serviceModule]);
const run = async (fun: string, arg: unknown[] = [], kwarg: Record<string, unknown> = {}) => {
  const out = await runner.run(`service.${fun}`, arg, kwarg);
  assert.equal(out.success, true, String(out.return));
  return out.return;
};
const daemonPid = () => Number(readFileSync(svc.pidfile, 'utf8'));
const startLinks = () => ['/etc/rc2.d', '/etc/rc3.d'].flatMap((dir) => readdirSync(dir)).filter((link) => link === `S01${SERVICE}`);

const notRoot = process.getuid?.() !== 0 && 'managing init scripts needs root';

// The timeout turns a start that waits for its daemon into a failure rather than a hang.
describe('service (sysvinit back end, for real)', { skip: notRoot, timeout: 30_000 }, () => {
  before(() => svc.install());
  after(() => svc.remove());

  test('available and get_all know the init script', async () => {
    assert.equal(await run('available', [SERVICE]), true);
    assert.equal(await run('available', ['salt-ts-no-such-svc']), false);
    const all = (await run('get_all')) as string[];
    assert.ok(all.includes(SERVICE), all.join(' '));
    assert.deepEqual(all, [...all].sort());
  });

  test('start runs the daemon and status sees it', async () => {
    assert.equal(await run('status', [SERVICE]), false);
    const started = Date.now();
    assert.equal(await run('start', [SERVICE]), true);
    assert.ok(Date.now() - started < 5000, 'start waited for the daemon');
    assert.equal(readFileSync(`/proc/${daemonPid()}/cmdline`, 'utf8').replace(/\0/g, ' ').trim(), DAEMON);
    assert.equal(await run('status', [SERVICE]), true);
  });

  test('status with a glob returns {service: bool}; with sig it looks for the process', async () => {
    assert.deepEqual(await run('status', ['salt-ts-test-*']), { [SERVICE]: true });
    assert.equal(await run('status', [SERVICE, `^${DAEMON}$`]), true);
    assert.equal(await run('status', [SERVICE], { sig: '^sleep 86392$' }), false);
  });

  test('restart replaces the daemon; reload reaches the script', async () => {
    const before = daemonPid();
    assert.equal(await run('restart', [SERVICE]), true);
    assert.notEqual(daemonPid(), before);
    assert.equal(await run('status', [SERVICE]), true);
    assert.equal(await run('reload', [SERVICE]), true);
    assert.ok(existsSync(RELOADED));
  });

  test('stop ends the daemon', async () => {
    assert.equal(await run('stop', [SERVICE]), true);
    assert.equal(await run('status', [SERVICE]), false);
    assert.equal(await run('status', [SERVICE], { sig: `^${DAEMON}$` }), false);
  });

  test('a failing action returns False', async () => {
    assert.equal(await run('reload', [SERVICE]), false);
    assert.equal(await run('start', ['salt-ts-no-such-svc']), false);
  });

  test('enable, enabled and disable manage the /etc/rc?.d start links', async () => {
    assert.equal(await run('enabled', [SERVICE]), false);
    assert.equal(await run('enable', [SERVICE]), true);
    assert.deepEqual(startLinks(), [`S01${SERVICE}`, `S01${SERVICE}`]);
    assert.equal(await run('enabled', [SERVICE]), true);
    assert.equal(await run('disable', [SERVICE]), true);
    assert.deepEqual(startLinks(), []);
    assert.equal(await run('enabled', [SERVICE]), false);
    assert.equal(await run('enable', [SERVICE]), true, 'enable again after disable');
    assert.equal(await run('enabled', [SERVICE]), true);
  });
});

// No systemd runs here, so the systemd back end is checked only for the systemctl
// command lines it builds and the unit names it lists.
describe('service systemd back end: command lines', () => {
  test('a bare name is a .service unit; other unit types keep their suffix', () => {
    assert.equal(unitName('nginx'), 'nginx.service');
    assert.equal(unitName('nginx.service'), 'nginx.service');
    assert.equal(unitName('fstrim.timer'), 'fstrim.timer');
    assert.equal(unitName('myservice'), 'myservice.service');
  });

  test('systemctl argv per action; status without log lines', () => {
    assert.deepEqual(systemctlCommand('start', 'nginx'), ['systemctl', 'start', 'nginx.service']);
    assert.deepEqual(systemctlCommand('is-enabled', 'cron'), ['systemctl', 'is-enabled', 'cron.service']);
    assert.deepEqual(systemctlCommand('status', 'sshd'), ['systemctl', 'status', 'sshd.service', '-n', '0']);
  });

  test('unit files list services without .service and other units whole', () => {
    assert.deepEqual(unitNamesFromFiles(['ssh.service', 'fstrim.timer', 'README', 'x.conf', '.service', 'getty@.service']), ['ssh', 'fstrim.timer', 'getty@']);
  });
});
