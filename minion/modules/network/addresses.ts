// network.ip_addrs and ip_addrs6: the addresses of the chosen interfaces, without loopback
// unless asked, filtered by subnet or by public/private, unique and in numeric order.
import { globMatch } from '../../../shared/targeting/glob.js';
import { ipcidrMatch, parseIpTarget } from '../../../shared/targeting/ipcidr.js';
import { pyStr } from '../../../shared/output/py-str.js';
import type { NetworkInterface } from './interfaces.js';
import { CommandExecutionError } from '../command-error.js';

export interface AddressFilter {
  /** An interface name or glob, or a list of them; null for all. */
  interface: unknown;
  includeLoopback: boolean;
  cidr: unknown;
  /** 'public' or 'private' (IPv4 only), or null. */
  type: unknown;
}

const LOOPBACK = { inet: '127.0.0.0/8', inet6: '::1/128' };
/** The networks Python's ipaddress calls private. */
const PRIVATE_V4 = [
  '0.0.0.0/8', '10.0.0.0/8', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/29', '192.0.0.170/31',
  '192.0.2.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '240.0.0.0/4', '255.255.255.255/32',
];

const inNetwork = (network: string, address: string) => ipcidrMatch(network, { ipv4: [address], ipv6: [address] });

/** The matching addresses of the family, sorted. */
export function hostAddresses(interfaces: Record<string, NetworkInterface>, family: 'inet' | 'inet6', filter: AddressFilter): string[] {
  const wanted = filter.interface == null ? null : (Array.isArray(filter.interface) ? filter.interface : [filter.interface]).map(pyStr);
  const found = new Set<string>();
  for (const [name, data] of Object.entries(interfaces)) {
    if (wanted && !wanted.some((glob) => globMatch(glob, name))) continue;
    const secondary = (data.secondary ?? []).filter((address) => address.type === family);
    for (const { address } of [...(data[family] ?? []), ...secondary]) found.add(address);
  }
  let addresses = [...found].filter((address) => filter.includeLoopback || !inNetwork(LOOPBACK[family], address));
  if (filter.cidr) {
    const cidr = subnet(pyStr(filter.cidr));
    addresses = addresses.filter((address) => inNetwork(cidr, address));
  } else if (filter.type === 'public' || filter.type === 'private') {
    const wantPrivate = filter.type === 'private';
    addresses = addresses.filter((address) => PRIVATE_V4.some((network) => inNetwork(network, address)) === wantPrivate);
  }
  return addresses.sort((a, b) => {
    const difference = parseIpTarget(a).value - parseIpTarget(b).value;
    return difference < 0n ? -1 : difference > 0n ? 1 : 0;
  });
}

function subnet(cidr: string): string {
  try {
    parseIpTarget(cidr);
    return cidr;
  } catch {
    throw new CommandExecutionError(`Invalid CIDR '${cidr}'`);
  }
}
