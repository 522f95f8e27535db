import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, statfsSync } from 'node:fs';
import { cpus } from 'node:os';
import { statusModule } from '../minion/modules/status.js';
import { parseW } from '../minion/modules/status/w.js';
import { failureText, moduleRunner, withEmptyPath } from './support/module-runner.js';

const { run } = moduleRunner([statusModule]);
/** The lines of this machine's real `<tool> <args>` output. */
const toolLines = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8' }).split('\n').filter((line) => line.trim());
const value = async (fun: string, arg: unknown[] = []) => {
  const out = await run(fun, arg);
  assert.equal(out.success, true, JSON.stringify(out));
  return out.return as never;
};

describe('status.uptime', () => {
  test("returns Salt's dict, consistent with /proc/uptime", async () => {
    const procSeconds = Math.trunc(parseFloat(readFileSync('/proc/uptime', 'utf8')));
    const up: Record<string, unknown> = await value('status.uptime');
    assert.deepEqual(Object.keys(up).sort(), ['days', 'seconds', 'since_iso', 'since_t', 'time', 'users']);
    const seconds = up.seconds as number;
    assert.ok(seconds >= procSeconds && seconds <= procSeconds + 2, `${seconds} vs ${procSeconds}`);
    assert.ok(Math.abs((up.since_t as number) - (Date.now() / 1000 - seconds)) <= 2);
    assert.ok(Math.abs(Date.parse(`${up.since_iso as string}Z`) / 1000 - (up.since_t as number)) < 1, up.since_iso as string);
    assert.match(up.since_iso as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$/);
    assert.equal(up.days, Math.floor(seconds / 86400));
    const within = seconds % 86400;
    assert.equal(up.time, `${Math.floor(within / 3600)}:${Math.floor((within % 3600) / 60)}`);
  });

  test('users counts the lines of `who -s`, and is left out without who', async () => {
    assert.equal(((await value('status.uptime')) as Record<string, unknown>).users, toolLines('who', '-s').length);
    assert.equal('users' in ((await withEmptyPath(() => value('status.uptime'))) as Record<string, unknown>), false);
  });
});

describe('status.loadavg, meminfo, cpuinfo', () => {
  test("loadavg has Salt's keys, matching /proc/loadavg", async () => {
    const proc = readFileSync('/proc/loadavg', 'utf8').split(' ').map(Number);
    const load: Record<string, number> = await value('status.loadavg');
    assert.deepEqual(Object.keys(load), ['1-min', '5-min', '15-min']);
    assert.ok(Math.abs(load['15-min']! - proc[2]!) < 0.5);
  });

  test('meminfo is /proc/meminfo as {Key: {value, unit}}', async () => {
    const mem: Record<string, { value: string; unit?: string }> = await value('status.meminfo');
    const total = /^MemTotal:\s+(\d+) kB$/m.exec(readFileSync('/proc/meminfo', 'utf8'))![1];
    assert.deepEqual(mem.MemTotal, { value: total, unit: 'kB' });
    assert.deepEqual(Object.keys(mem.HugePages_Total!), ['value'], 'a count has no unit');
  });

  test("cpuinfo is one dict with the last CPU's values and flags as a list", async () => {
    const info: Record<string, unknown> = await value('status.cpuinfo');
    assert.equal(info.processor, String(cpus().length - 1));
    const flags = /^flags\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1];
    if (flags !== undefined) assert.deepEqual(info.flags, flags.split(/\s+/).filter(Boolean));
  });
});

describe('status.diskusage', () => {
  test('reports available and total bytes per mount point', async () => {
    const usage: Record<string, { available: number; total: number }> = await value('status.diskusage');
    const fs = statfsSync('/');
    assert.equal(usage['/']!.total, fs.blocks * fs.bsize);
    assert.ok(Math.abs(usage['/']!.available - fs.bavail * fs.bsize) < 64 * 1024 * 1024);
  });

  test('takes mount points and filesystem type globs', async () => {
    assert.deepEqual(Object.keys(await value('status.diskusage', ['/'])), ['/']);
    const mounts = readFileSync('/proc/mounts', 'utf8').split('\n').map((line) => line.split(' '));
    const tmpfs = mounts.filter((m) => m[2] === 'tmpfs').map((m) => m[1]);
    const byType = Object.keys(await value('status.diskusage', ['tmpf?']));
    assert.deepEqual(byType.sort(), [...new Set(tmpfs)].sort());
    assert.deepEqual(Object.keys(await value('status.diskusage', ['/', 'no-such-fs*'])), ['/']);
  });

  test('a path that does not exist is left out', async () => {
    assert.deepEqual(await value('status.diskusage', ['/no/such/mount']), {});
  });
});

describe('status.netdev, procs, w', () => {
  test('netdev has every /proc/net/dev device with its counters', async () => {
    const before = Number(/^\s*lo:\s*(\d+)/m.exec(readFileSync('/proc/net/dev', 'utf8'))![1]);
    const devices: Record<string, Record<string, unknown>> = await value('status.netdev');
    const names = readFileSync('/proc/net/dev', 'utf8').split('\n').filter((l) => l.includes(':')).map((l) => l.split(':')[0]!.trim());
    assert.deepEqual(Object.keys(devices).sort(), names.sort());
    assert.equal(devices.lo!.iface, 'lo');
    assert.deepEqual(Object.keys(devices.lo!).sort(), [
      'iface', 'rx_bytes', 'rx_compressed', 'rx_drop', 'rx_errs', 'rx_fifo', 'rx_frame', 'rx_multicast', 'rx_packets',
      'tx_bytes', 'tx_carrier', 'tx_colls', 'tx_compressed', 'tx_drop', 'tx_errs', 'tx_fifo', 'tx_packets',
    ]);
    assert.ok(Object.entries(devices.lo!).every(([key, v]) => key === 'iface' || Number.isInteger(v)));
    assert.ok((devices.lo!.rx_bytes as number) >= before);
  });

  test('procs maps pids to {cmd, user}, this test process included', async () => {
    const procs: Record<string, { cmd: string; user: string }> = await value('status.procs');
    const mine = procs[String(process.pid)]!;
    const ps = (field: string) => execFileSync('ps', ['-o', `${field}=`, '-p', String(process.pid)], { encoding: 'utf8' }).trim();
    assert.deepEqual(mine, { cmd: ps('args'), user: ps('user') });
    assert.ok(procs['1'], 'init is listed');
    const kernelThread = Object.values(procs).find((p) => p.cmd.startsWith('['));
    if (kernelThread) assert.match(kernelThread.cmd, /^\[.+\]$/);
  });

  test("w lists the users of the real `w -fh`, one dict with Salt's keys per row", async () => {
    const rows = toolLines('w', '-fh').map((row) => row.trim().split(/\s+/));
    const users: Record<string, string>[] = await value('status.w');
    assert.ok(Array.isArray(users));
    assert.deepEqual(
      users.map((u) => [u.user, u.tty, u.login]),
      rows.map((c) => c.slice(0, 3)),
    );
    for (const u of users) assert.deepEqual(Object.keys(u).sort(), ['idle', 'jcpu', 'login', 'pcpu', 'tty', 'user', 'what']);
  });

  test('w without the w command is a clear error', async () => {
    assert.match(failureText(await withEmptyPath(() => run('status.w'))), /The 'w' command is not available on this minion/);
  });
});

describe('parseW', () => {
  test("reads `w -fh` rows into Salt's keys, keeping the command with its spaces", () => {
    const text = 'root     pts/0     09:12    3.00s  0.05s  0.01s w -fh\nalice    tty1      Mon10    2days  1:02   0.10s -bash\n';
    assert.deepEqual(parseW(text), [
      { user: 'root', tty: 'pts/0', login: '09:12', idle: '3.00s', jcpu: '0.05s', pcpu: '0.01s', what: 'w -fh' },
      { user: 'alice', tty: 'tty1', login: 'Mon10', idle: '2days', jcpu: '1:02', pcpu: '0.10s', what: '-bash' },
    ]);
    assert.deepEqual(parseW(''), []);
  });
});
