// Salt's ipcidr targets (-S, S@): a subnet such as 192.168.1.0/24, or one address, matched
// against the minion's ipv4 or ipv6 grain (whichever family the target is).
import { SaltTsError } from '../errors.js';
import { memoize } from './memoize.js';

interface Address {
  version: 4 | 6;
  value: bigint;
}

interface Network extends Address {
  /** How many low bits vary within the network: 0 for a single address. */
  hostBits: bigint;
}

const BITS = { 4: 32, 6: 128 } as const;

export const parseIpTarget = memoize((text): Network => {
  const [addressText = '', prefixText, ...extra] = text.split('/');
  const address = parseAddress(addressText);
  const bits = address ? BITS[address.version] : 0;
  const prefix = prefixText === undefined ? bits : /^\d+$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!address || extra.length || !(prefix <= bits)) {
    throw new SaltTsError('SALTTS_BAD_TARGET', `invalid IP/CIDR target ${JSON.stringify(text)}: expected an address or a subnet like 192.168.1.0/24`);
  }
  const hostBits = BigInt(bits - prefix);
  // Python's ip_network (which Salt uses) is strict: 192.168.1.5/24 is not a network.
  if (address.value & ((1n << hostBits) - 1n)) {
    throw new SaltTsError('SALTTS_BAD_TARGET', `invalid IP/CIDR target ${JSON.stringify(text)}: it has host bits set`);
  }
  return { ...address, hostBits };
});

export function ipcidrMatch(tgt: string, grains: Record<string, unknown> | undefined): boolean {
  const network = parseIpTarget(tgt);
  const addresses = grains?.[`ipv${network.version}`];
  if (!Array.isArray(addresses)) return false;
  return addresses.some((text) => {
    const address = typeof text === 'string' ? parseAddress(text) : undefined;
    return address?.version === network.version && address.value >> network.hostBits === network.value >> network.hostBits;
  });
}

function parseAddress(text: string): Address | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { version: 4, value: v4 };
  const v6 = parseIpv6(text);
  return v6 === undefined ? undefined : { version: 6, value: v6 };
}

function parseIpv4(text: string): bigint | undefined {
  const octets = text.split('.');
  // Python refuses leading zeros (010.0.0.1), which other tools read as octal.
  if (octets.length !== 4 || !octets.every((octet) => /^(0|[1-9]\d{0,2})$/.test(octet) && Number(octet) <= 255)) return undefined;
  return octets.reduce((total, octet) => (total << 8n) | BigInt(octet), 0n);
}

function parseIpv6(text: string): bigint | undefined {
  let rest = text.split('%')[0]!; // a zone (fe80::1%eth0) is not part of the address
  // A trailing dotted quad (::ffff:10.0.0.1) stands for the last two groups.
  const quad = /(?<=:)\d+\.\d+\.\d+\.\d+$/.exec(rest);
  if (quad) {
    const value = parseIpv4(quad[0]);
    if (value === undefined) return undefined;
    rest = `${rest.slice(0, quad.index)}${(value >> 16n).toString(16)}:${(value & 0xffffn).toString(16)}`;
  }
  const halves = rest.split('::').map((half) => (half ? half.split(':') : []));
  if (halves.length > 2 || !halves.flat().every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return undefined;
  const [head = [], tail] = halves;
  const missing = 8 - head.length - (tail?.length ?? 0);
  if (tail ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...Array<string>(missing).fill('0'), ...(tail ?? [])];
  return groups.reduce((total, group) => (total << 16n) | BigInt(parseInt(group, 16)), 0n);
}
