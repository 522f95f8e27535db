// Salt's ipv4 and ipv6 grains: every address of every interface, loopback included,
// without duplicates, in numeric order (Python's ipaddress sort).
import { networkInterfaces } from 'node:os';

function ipv4Number(address: string): bigint {
  return address.split('.').reduce((total, octet) => (total << 8n) | BigInt(Number(octet)), 0n);
}

function ipv6Number(address: string): bigint {
  let text = address.split('%')[0]!;
  // A trailing dotted quad (::ffff:10.0.0.1) stands for the last two groups.
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (quad) {
    const value = ipv4Number(quad[1]!);
    text = `${text.slice(0, quad.index)}${(value >> 16n).toString(16)}:${(value & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  return [...headGroups, ...zeros, ...tailGroups].reduce((total, group) => (total << 16n) | BigInt(parseInt(group, 16)), 0n);
}

function sortedUnique(addresses: string[], toNumber: (address: string) => bigint): string[] {
  return [...new Set(addresses)].sort((a, b) => {
    const difference = toNumber(a) - toNumber(b);
    return difference < 0n ? -1 : difference > 0n ? 1 : 0;
  });
}

export function ipAddresses(): { ipv4: string[]; ipv6: string[] } {
  const entries = Object.values(networkInterfaces()).flatMap((list) => list ?? []);
  const addressesOf = (family: string) => entries.filter((entry) => entry.family === family).map((entry) => entry.address);
  return {
    ipv4: sortedUnique(addressesOf('IPv4'), ipv4Number),
    ipv6: sortedUnique(addressesOf('IPv6'), ipv6Number),
  };
}
