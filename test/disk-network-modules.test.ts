import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { diskModule, parseDf } from '../minion/modules/disk.js';
import { networkModule } from '../minion/modules/network.js';
import { hostAddresses } from '../minion/modules/network/addresses.js';
import { parseIpAddr } from '../minion/modules/network/interfaces.js';
import { failureText, moduleRunner, withEmptyPath } from './support/module-runner.js';

const { run } = moduleRunner([diskModule, networkModule]);
const value = async (fun: string, arg: unknown[] = [], kwarg: Record<string, unknown> = {}) => {
  const out = await run(fun, arg, kwarg);
  assert.equal(out.success, true, JSON.stringify(out));
  return out.return as never;
};

/** The row of `df -P <flags> /` as this machine's df prints it. */
const dfRow = (...flags: string[]) => execFileSync('df', ['-P', ...flags, '/'], { encoding: 'utf8' }).trim().split('\n')[1]!.split(/\s+/);

describe('disk.usage', () => {
  test("has every mount df lists, / in Salt's shape with consistent numbers", async () => {
    const usage: Record<string, Record<string, string>> = await value('disk.usage');
    const mounts = execFileSync('df', ['--output=target'], { encoding: 'utf8' }).split('\n').slice(1).filter(Boolean);
    assert.deepEqual(Object.keys(usage).sort(), [...new Set(mounts)].sort());
    const root = usage['/']!;
    assert.deepEqual(Object.keys(root), ['filesystem', '1K-blocks', 'used', 'available', 'capacity']);
    const [filesystem, blocks] = dfRow();
    assert.equal(root.filesystem, filesystem);
    assert.equal(root['1K-blocks'], blocks);
    for (const key of ['1K-blocks', 'used', 'available'] as const) assert.match(root[key]!, /^\d+$/, key);
    const [total, used, available] = [root['1K-blocks'], root.used, root.available].map(Number) as [number, number, number];
    assert.ok(used + available <= total, `${used} + ${available} > ${total}`);
    // df rounds the percentage of used over used + available up.
    assert.match(root.capacity!, /^\d+%$/);
    assert.ok(Math.abs(parseInt(root.capacity!, 10) - (used * 100) / (used + available)) <= 1, root.capacity);
  });

  test('args adds the df flags', async () => {
    const human: Record<string, Record<string, string>> = await value('disk.usage', ['h']);
    assert.equal(human['/']!['1K-blocks'], dfRow('-h')[1]);
    assert.match(human['/']!['1K-blocks']!, /^[\d.]+[KMGTPE]$/);
  });

  test('a flag Salt does not allow is refused', async () => {
    assert.match(failureText(await run('disk.usage', ['l; rm'])), /Invalid flag passed to disk.usage/);
  });

  test('without df it is a clear error', async () => {
    assert.match(failureText(await withEmptyPath(() => run('disk.usage'))), /The 'df' command is not available on this minion/);
  });

  test('parses df -P output with spaces in filesystem names and mount points', () => {
    const text = [
      'Filesystem     1024-blocks      Used Available Capacity Mounted on',
      '/dev/sda1        10000000   4000000   6000000      40% /',
      'my share             2000      1000      1000      50% /mnt/my share',
      '',
    ].join('\n');
    assert.deepEqual(parseDf(text), {
      '/': { filesystem: '/dev/sda1', '1K-blocks': '10000000', used: '4000000', available: '6000000', capacity: '40%' },
      '/mnt/my share': { filesystem: 'my share', '1K-blocks': '2000', used: '1000', available: '1000', capacity: '50%' },
    });
  });
});

type Entry = { address: string };
const kernel = Object.values(networkInterfaces()).flatMap((entries) => entries ?? []);
const kernelAddresses = (family: 'IPv4' | 'IPv6', keep: (address: string) => boolean) =>
  [...new Set(kernel.filter((e) => e.family === family && keep(e.address)).map((e) => e.address))];
const isLoopback4 = (address: string) => address.startsWith('127.');
const loHasIpv6 = (networkInterfaces().lo ?? []).some((e) => e.family === 'IPv6');
const numericOrder = (addresses: string[]) => {
  const key = (address: string) => address.split('.').map((octet) => octet.padStart(3, '0')).join('.');
  return [...addresses].sort((a, b) => key(a).localeCompare(key(b)));
};

describe('network.interfaces', () => {
  test('lo is up with 127.0.0.1/8 (and ::1 when the kernel has IPv6)', async () => {
    const ifaces: Record<string, Record<string, unknown>> = await value('network.interfaces');
    const lo = ifaces.lo!;
    assert.equal(lo.up, true);
    assert.equal(lo.hwaddr, '00:00:00:00:00:00');
    assert.deepEqual((lo.inet as unknown[])[0], { address: '127.0.0.1', netmask: '255.0.0.0', broadcast: null, label: 'lo' });
    if (loHasIpv6) assert.deepEqual(lo.inet6, [{ address: '::1', prefixlen: '128', scope: 'host' }]);
    else assert.equal(lo.inet6, undefined);
  });

  test("agrees with the kernel's view of this host", async () => {
    const ifaces: Record<string, Record<string, unknown>> = await value('network.interfaces');
    for (const [name, entries] of Object.entries(networkInterfaces())) {
      const data = ifaces[name]!;
      const listed = (['inet', 'inet6', 'secondary'] as const).flatMap((key) => (data[key] ?? []) as Entry[]).map((a) => a.address);
      for (const entry of entries ?? []) assert.ok(listed.includes(entry.address.split('%')[0]!), `${name} has ${entry.address}`);
      if (!entries?.[0]?.internal) assert.equal(data.hwaddr, entries?.[0]?.mac, name);
    }
  });

  test('without ip it is a clear error', async () => {
    assert.match(failureText(await withEmptyPath(() => run('network.interfaces'))), /The 'ip' command is not available on this minion \(install iproute2\)/);
  });
});

// Output of `ip addr show` for the parser and address filter tests: a veth with a
// secondary address, an interface that is down and one without a link address.
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

describe('parsing ip addr show and filtering its addresses', () => {
  const parsed = parseIpAddr(IP_ADDR);
  const addrs = (family: 'inet' | 'inet6', filter: Partial<Parameters<typeof hostAddresses>[2]> = {}) =>
    hostAddresses(parsed, family, { interface: null, includeLoopback: false, cidr: null, type: null, ...filter });

  test("interfaces in Salt's shape", () => {
    assert.deepEqual(parsed, {
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
  });

  test('IPv4 addresses, secondary included, loopback left out unless asked, in numeric order', () => {
    assert.deepEqual(addrs('inet'), ['8.8.4.4', '10.0.0.5', '192.168.1.2']);
    assert.deepEqual(addrs('inet', { includeLoopback: true }), ['8.8.4.4', '10.0.0.5', '127.0.0.1', '192.168.1.2']);
  });

  test('interface takes a name, a glob or a list', () => {
    assert.deepEqual(addrs('inet', { interface: 'eth0' }), ['10.0.0.5', '192.168.1.2']);
    assert.deepEqual(addrs('inet', { interface: 'e*' }), ['10.0.0.5', '192.168.1.2']);
    assert.deepEqual(addrs('inet', { interface: ['lo', 'wlan0'], includeLoopback: true }), ['8.8.4.4', '127.0.0.1']);
    assert.deepEqual(addrs('inet', { interface: 'nothing' }), []);
  });

  test('cidr picks a subnet; type picks public or private addresses', () => {
    assert.deepEqual(addrs('inet', { cidr: '10.0.0.0/8' }), ['10.0.0.5']);
    assert.deepEqual(addrs('inet', { type: 'private' }), ['10.0.0.5', '192.168.1.2']);
    assert.deepEqual(addrs('inet', { type: 'public' }), ['8.8.4.4']);
  });

  test('IPv6 addresses the same way', () => {
    assert.deepEqual(addrs('inet6'), ['fd00::5', 'fe80::42:acff:fe11:2']);
    assert.deepEqual(addrs('inet6', { includeLoopback: true }), ['::1', 'fd00::5', 'fe80::42:acff:fe11:2']);
    assert.deepEqual(addrs('inet6', { cidr: 'fe80::/10' }), ['fe80::42:acff:fe11:2']);
    assert.deepEqual(addrs('inet6', { interface: 'lo' }), []);
  });
});

describe('network.ip_addrs and ip_addrs6 on this host', () => {
  test("ip_addrs is the kernel's non-loopback IPv4 addresses in numeric order; include_loopback adds 127.0.0.1", async () => {
    assert.deepEqual(await value('network.ip_addrs'), numericOrder(kernelAddresses('IPv4', (a) => !isLoopback4(a))));
    const all: string[] = await value('network.ip_addrs', [], { include_loopback: true });
    assert.deepEqual(all, numericOrder(kernelAddresses('IPv4', () => true)));
    assert.ok(all.includes('127.0.0.1'));
  });

  test('interface takes a name, a glob or a list', async () => {
    const loopback = kernelAddresses('IPv4', isLoopback4);
    assert.deepEqual(await value('network.ip_addrs', [], { interface: 'lo' }), []);
    assert.deepEqual(await value('network.ip_addrs', [], { interface: 'lo', include_loopback: true }), loopback);
    assert.deepEqual(await value('network.ip_addrs', [], { interface: 'l?', include_loopback: true }), loopback);
    assert.deepEqual(await value('network.ip_addrs', [], { interface: ['no-such-if', 'lo'], include_loopback: true }), loopback);
    assert.deepEqual(await value('network.ip_addrs', [], { interface: 'no-such-if', include_loopback: true }), []);
  });

  test('cidr 127.0.0.0/8 picks the loopback addresses; a CIDR with host bits is refused', async () => {
    assert.deepEqual(await value('network.ip_addrs', [], { cidr: '127.0.0.0/8', include_loopback: true }), kernelAddresses('IPv4', isLoopback4));
    assert.deepEqual(await value('network.ip_addrs', [], { cidr: '127.0.0.0/8' }), []);
    assert.match(failureText(await run('network.ip_addrs', [], { cidr: '127.0.0.1/8' })), /Invalid CIDR '127.0.0.1\/8'/);
  });

  test('type splits the addresses into private (loopback among them) and public', async () => {
    const all: string[] = await value('network.ip_addrs', [], { include_loopback: true });
    const priv: string[] = await value('network.ip_addrs', [], { include_loopback: true, type: 'private' });
    const pub: string[] = await value('network.ip_addrs', [], { include_loopback: true, type: 'public' });
    assert.ok(priv.includes('127.0.0.1'));
    assert.deepEqual(numericOrder([...priv, ...pub]), all);
  });

  test("ip_addrs6 is the kernel's non-loopback IPv6 addresses", async () => {
    const v6: string[] = await value('network.ip_addrs6');
    assert.deepEqual([...v6].sort(), kernelAddresses('IPv6', (a) => a !== '::1').sort());
    assert.deepEqual(await value('network.ip_addrs6', [], { interface: 'lo' }), []);
  });

  test('ip_addrs6 include_loopback and cidr ::1/128 give ::1', { skip: !loHasIpv6 && 'lo has no IPv6 address' }, async () => {
    assert.ok(((await value('network.ip_addrs6', [], { include_loopback: true })) as string[]).includes('::1'));
    assert.deepEqual(await value('network.ip_addrs6', [], { cidr: '::1/128', include_loopback: true }), ['::1']);
  });
});

describe('network.ping (loopback only)', () => {
  test('runs ping -c 4 by default and returns its output', async () => {
    const out = await run('network.ping', ['127.0.0.1']);
    assert.equal(out.success, true, JSON.stringify(out));
    assert.equal(out.retcode, 0);
    assert.match(out.return as string, /^PING 127\.0\.0\.1 \(127\.0\.0\.1\)/);
    assert.match(out.return as string, /^4 packets transmitted, 4 received, 0% packet loss/m);
  });

  test('count sets the number of packets', async () => {
    assert.match(await value('network.ping', ['127.0.0.1'], { count: 1 }), /^1 packets transmitted, 1 received, 0% packet loss/m);
  });

  test('return_boolean gives True for a host that answers', async () => {
    assert.deepEqual(await run('network.ping', ['127.0.0.1'], { return_boolean: true, count: 1 }), { return: true, retcode: 0, success: true });
  });

  test('timeout is passed as -W; a failed ping sets the retcode and return_boolean gives False', async () => {
    assert.match(await value('network.ping', ['127.0.0.1'], { timeout: 1, count: 1 }), /1 received/);
    const refused = await run('network.ping', ['127.0.0.1'], { timeout: -1, count: 1 });
    assert.deepEqual(refused, { return: 'ping: bad linger time: -1', retcode: 2, success: false });
    assert.deepEqual(await run('network.ping', ['127.0.0.1'], { timeout: -1, count: 1, return_boolean: true }), { return: false, retcode: 2, success: false });
  });

  test('keeps only host name characters and runs no shell', async () => {
    // In a shell, `>1` would create the file 1 in the job's directory (the home directory).
    const marker = join(homedir(), '1');
    assert.equal(existsSync(marker), false, `${marker} exists before the test`);
    const out: string = await value('network.ping', ['127.0.0.1; >1'], { count: 1 });
    assert.match(out, /^PING 127\.0\.0\.11 \(127\.0\.0\.11\)/);
    assert.equal(existsSync(marker), false);
  });

  test('an IPv6 address keeps its colons', { skip: !loHasIpv6 && 'lo has no IPv6 address' }, async () => {
    const out: string = await value('network.ping', ['::1'], { count: 1 });
    assert.match(out, /^PING ::1\s*\(::1\)/);
    assert.match(out, /^1 packets transmitted, 1 received/m);
  });

  test('without the ping binary it is a clear error', async () => {
    assert.match(failureText(await withEmptyPath(() => run('network.ping', ['127.0.0.1']))), /The 'ping' command is not available on this minion \(install iputils-ping\)/);
  });
});
