import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { diskModule } from '../minion/modules/disk.js';
import { networkModule } from '../minion/modules/network.js';
import { failureText, fakeTools, moduleRunner, withPath } from './exec-harness.js';

const run = moduleRunner([diskModule, networkModule]);
const scratch = mkdtempSync(join(tmpdir(), 'salt-ts-disk-net-test-'));
const value = async (fun: string, arg: unknown[] = [], kwarg: Record<string, unknown> = {}) => {
  const out = await run(fun, arg, kwarg);
  assert.equal(out.success, true, JSON.stringify(out));
  return out.return as never;
};
/** A fake tool that records its arguments and prints the given text. */
function recordingTool(name: string, output: string): { dir: string; args: () => string } {
  const text = join(scratch, `${name}.out`);
  const args = join(scratch, `${name}.args`);
  writeFileSync(text, output);
  return { dir: fakeTools({ [name]: `echo "$*" > ${args}\n/bin/cat ${text}` }), args: () => readFileSync(args, 'utf8').trim() };
}

describe('disk.usage', () => {
  test("matches df -P for / in Salt's shape", async () => {
    const row = execFileSync('df', ['-P', '/'], { encoding: 'utf8' }).trim().split('\n')[1]!.split(/\s+/);
    const usage: Record<string, Record<string, string>> = await value('disk.usage');
    assert.deepEqual(Object.keys(usage['/']!), ['filesystem', '1K-blocks', 'used', 'available', 'capacity']);
    assert.equal(usage['/']!.filesystem, row[0]);
    assert.equal(usage['/']!['1K-blocks'], row[1]);
    assert.match(usage['/']!.capacity!, /^\d+%$/);
  });

  test('parses names with spaces and passes the allowed flags to df', async () => {
    const df = recordingTool(
      'df',
      [
        'Filesystem     1024-blocks      Used Available Capacity Mounted on',
        '/dev/sda1        10000000   4000000   6000000      40% /',
        'my share             2000      1000      1000      50% /mnt/my share',
        '',
      ].join('\n'),
    );
    assert.deepEqual(await withPath(df.dir, () => value('disk.usage')), {
      '/': { filesystem: '/dev/sda1', '1K-blocks': '10000000', used: '4000000', available: '6000000', capacity: '40%' },
      '/mnt/my share': { filesystem: 'my share', '1K-blocks': '2000', used: '1000', available: '1000', capacity: '50%' },
    });
    assert.equal(df.args(), '-P');
    await withPath(df.dir, () => value('disk.usage', ['lT']));
    assert.equal(df.args(), '-P -lT');
  });

  test('a flag Salt does not allow is refused', async () => {
    assert.match(failureText(await run('disk.usage', ['l; rm'])), /Invalid flag passed to disk.usage/);
  });

  test('without df it is a clear error', async () => {
    assert.match(failureText(await withPath(fakeTools({}), () => run('disk.usage'))), /The 'df' command is not available on this minion/);
  });
});

const IP_ADDR = `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
    inet6 ::1/128 scope host 
       valid_lft forever preferred_lft forever
2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default
    link/ether 02:42:ac:11:00:02 brd ff:ff:ff:ff:ff:ff link-netnsid 0
    inet 10.0.0.5/24 brd 10.0.0.255 scope global eth0
       valid_lft forever preferred_lft forever
    inet 192.168.1.2/16 brd 192.168.255.255 scope global secondary eth0:1
       valid_lft forever preferred_lft forever
    inet6 fe80::42:acff:fe11:2/64 scope link 
       valid_lft forever preferred_lft forever
    inet6 fd00::5/64 scope global 
       valid_lft forever preferred_lft forever
3: wlan0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN group default qlen 1000
    link/ether 7e:2f:f2:fa:c1:6b brd ff:ff:ff:ff:ff:ff
    inet 8.8.4.4/32 scope global wlan0
       valid_lft forever preferred_lft forever
4: tun0: <POINTOPOINT,NOARP,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UNKNOWN group default qlen 500
    link/none 
`;

describe('network.interfaces', () => {
  test("parses ip addr show into Salt's shape", async () => {
    const ip = recordingTool('ip', IP_ADDR);
    assert.deepEqual(await withPath(ip.dir, () => value('network.interfaces')), {
      lo: {
        up: true,
        hwaddr: '00:00:00:00:00:00',
        inet: [{ address: '127.0.0.1', netmask: '255.0.0.0', broadcast: null, label: 'lo' }],
        inet6: [{ address: '::1', prefixlen: '128', scope: 'host' }],
      },
      eth0: {
        up: true,
        parent: 'if7',
        hwaddr: '02:42:ac:11:00:02',
        inet: [{ address: '10.0.0.5', netmask: '255.255.255.0', broadcast: '10.0.0.255', label: 'eth0' }],
        secondary: [{ type: 'inet', address: '192.168.1.2', netmask: '255.255.0.0', broadcast: '192.168.255.255', label: 'eth0:1' }],
        inet6: [
          { address: 'fe80::42:acff:fe11:2', prefixlen: '64', scope: 'link' },
          { address: 'fd00::5', prefixlen: '64', scope: 'global' },
        ],
      },
      wlan0: { up: false, hwaddr: '7e:2f:f2:fa:c1:6b', inet: [{ address: '8.8.4.4', netmask: '255.255.255.255', broadcast: null, label: 'wlan0' }] },
      tun0: { up: true },
    });
    assert.equal(ip.args(), 'addr show');
  });

  test("agrees with the kernel's view of this host", async () => {
    const ifaces: Record<string, Record<string, unknown>> = await value('network.interfaces');
    assert.equal((ifaces.lo!.inet as { address: string }[])[0]!.address, '127.0.0.1');
    for (const [name, entries] of Object.entries(networkInterfaces())) {
      const data = ifaces[name]!;
      const listed = [...((data.inet ?? []) as { address: string }[]), ...((data.inet6 ?? []) as { address: string }[]), ...((data.secondary ?? []) as { address: string }[])].map((a) => a.address);
      for (const entry of entries ?? []) assert.ok(listed.includes(entry.address.split('%')[0]!), `${name} has ${entry.address}`);
      if (!entries?.[0]?.internal) assert.equal(data.hwaddr, entries?.[0]?.mac, name);
    }
  });

  test('without ip it is a clear error', async () => {
    assert.match(failureText(await withPath(fakeTools({}), () => run('network.interfaces'))), /The 'ip' command is not available on this minion \(install iproute2\)/);
  });
});

describe('network.ip_addrs and ip_addrs6', () => {
  const ip = recordingTool('ip', IP_ADDR);
  const addrs = (fun: string, kwarg: Record<string, unknown> = {}) => withPath(ip.dir, () => value(fun, [], kwarg));

  test('IPv4 addresses, secondary included, loopback left out unless asked, in numeric order', async () => {
    assert.deepEqual(await addrs('network.ip_addrs'), ['8.8.4.4', '10.0.0.5', '192.168.1.2']);
    assert.deepEqual(await addrs('network.ip_addrs', { include_loopback: true }), ['8.8.4.4', '10.0.0.5', '127.0.0.1', '192.168.1.2']);
  });

  test('interface takes a name, a glob or a list', async () => {
    assert.deepEqual(await addrs('network.ip_addrs', { interface: 'eth0' }), ['10.0.0.5', '192.168.1.2']);
    assert.deepEqual(await addrs('network.ip_addrs', { interface: 'e*' }), ['10.0.0.5', '192.168.1.2']);
    assert.deepEqual(await addrs('network.ip_addrs', { interface: ['lo', 'wlan0'], include_loopback: true }), ['8.8.4.4', '127.0.0.1']);
    assert.deepEqual(await addrs('network.ip_addrs', { interface: 'nothing' }), []);
  });

  test('cidr picks a subnet; type picks public or private addresses', async () => {
    assert.deepEqual(await addrs('network.ip_addrs', { cidr: '10.0.0.0/8' }), ['10.0.0.5']);
    assert.deepEqual(await addrs('network.ip_addrs', { type: 'private' }), ['10.0.0.5', '192.168.1.2']);
    assert.deepEqual(await addrs('network.ip_addrs', { type: 'public' }), ['8.8.4.4']);
    const out = await withPath(ip.dir, () => run('network.ip_addrs', [], { cidr: '10.0.0.1/8' }));
    assert.match(failureText(out), /Invalid CIDR '10.0.0.1\/8'/);
  });

  test('IPv6 addresses the same way', async () => {
    assert.deepEqual(await addrs('network.ip_addrs6'), ['fd00::5', 'fe80::42:acff:fe11:2']);
    assert.deepEqual(await addrs('network.ip_addrs6', { include_loopback: true }), ['::1', 'fd00::5', 'fe80::42:acff:fe11:2']);
    assert.deepEqual(await addrs('network.ip_addrs6', { cidr: 'fe80::/10' }), ['fe80::42:acff:fe11:2']);
    assert.deepEqual(await addrs('network.ip_addrs6', { interface: 'lo' }), []);
  });

  test("on this host they are the kernel's non-loopback addresses", async () => {
    const all = Object.values(networkInterfaces()).flatMap((entries) => entries ?? []);
    const v4 = [...new Set(all.filter((e) => e.family === 'IPv4' && !e.address.startsWith('127.')).map((e) => e.address))];
    const numeric = (address: string) => address.split('.').map((octet) => octet.padStart(3, '0')).join('.');
    assert.deepEqual(await value('network.ip_addrs'), v4.sort((a, b) => numeric(a).localeCompare(numeric(b))));
  });
});

describe('network.ping', () => {
  test('runs ping -c 4 and returns its output', async () => {
    const ping = fakeTools({ ping: 'echo "pinged $*"' });
    assert.deepEqual(await withPath(ping, () => run('network.ping', ['example.org'])), { return: 'pinged -c 4 -- example.org', retcode: 0, success: true });
    assert.equal(await withPath(ping, () => value('network.ping', ['example.org'], { timeout: 2, count: 1 })), 'pinged -W 2 -c 1 -- example.org');
  });

  test('keeps only host name characters, as Salt does', async () => {
    const ping = fakeTools({ ping: 'echo "pinged $*"' });
    assert.equal(await withPath(ping, () => value('network.ping', ['host; rm -rf /'])), 'pinged -c 4 -- hostrm-rf');
    assert.equal(await withPath(ping, () => value('network.ping', ['fd00::1'])), 'pinged -c 4 -- fd00::1');
  });

  test('a failed ping sets the retcode; return_boolean gives True or False', async () => {
    const fails = fakeTools({ ping: 'echo "100% packet loss" >&2; exit 1' });
    assert.deepEqual(await withPath(fails, () => run('network.ping', ['10.9.9.9'])), { return: '100% packet loss', retcode: 1, success: false });
    assert.deepEqual(await withPath(fails, () => run('network.ping', ['10.9.9.9'], { return_boolean: true })), { return: false, retcode: 1, success: false });
    const works = fakeTools({ ping: 'true' });
    assert.deepEqual(await withPath(works, () => run('network.ping', ['127.0.0.1'], { return_boolean: true })), { return: true, retcode: 0, success: true });
  });

  test('without the ping binary it is a clear error', async () => {
    assert.match(failureText(await withPath(fakeTools({}), () => run('network.ping', ['127.0.0.1']))), /The 'ping' command is not available on this minion \(install iputils-ping\)/);
  });
});
