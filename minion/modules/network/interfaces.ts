// network.interfaces on Linux: `ip addr show` parsed into Salt's shape, name -> {hwaddr,
// up, inet: [{address, netmask, broadcast, label}], inet6: [{address, prefixlen, scope}],
// secondary: [...], parent}, as salt.utils.network reads the same output.
import { runTool } from '../../platform/run-tool.js';

export interface InetAddress {
  address: string;
  netmask: string;
  broadcast: string | null;
  label: string;
}

export interface Inet6Address {
  address: string;
  prefixlen: string;
  scope: string | null;
}

export interface SecondaryAddress extends InetAddress {
  type: 'inet' | 'inet6';
}

export interface NetworkInterface {
  up?: boolean;
  parent?: string;
  hwaddr?: string;
  inet?: InetAddress[];
  inet6?: Inet6Address[];
  secondary?: SecondaryAddress[];
}

/** The minion's interfaces, read with `ip addr show`. */
export async function networkInterfaces(limit: number): Promise<Record<string, NetworkInterface>> {
  const out = await runTool(['ip', 'addr', 'show'], { limit }, 'install iproute2');
  return parseIpAddr(out.stdout.text());
}

/** Parses `ip addr show` output. */
export function parseIpAddr(text: string): Record<string, NetworkInterface> {
  const result: Record<string, NetworkInterface> = {};
  for (const block of text.split(/\r?\n(?=\d)/)) {
    let name: string | null = null;
    const data: NetworkInterface = {};
    for (const line of block.split('\n')) {
      const head = /^\d*:\s+([\w.-]+)(?:@([\w.-]+))?:\s+<(.+)>/.exec(line);
      if (head) {
        name = head[1]!;
        data.up = head[3]!.split(',').includes('UP');
        if (head[2]) data.parent = head[2];
        continue;
      }
      const cols = line.trim().split(/\s+/);
      const [type = '', value] = cols;
      if (value === undefined) continue;
      if (type === 'inet' || type === 'inet6') addAddress(data, type, value, cols);
      else if (type.startsWith('link')) data.hwaddr = value;
    }
    if (name) result[name] = data;
  }
  return result;
}

function addAddress(data: NetworkInterface, type: 'inet' | 'inet6', value: string, cols: string[]): void {
  const [address = '', cidr = type === 'inet' ? '32' : '128'] = value.split('/');
  const after = (word: string) => (cols.includes(word) ? (cols[cols.indexOf(word) + 1] ?? null) : null);
  const netmask = type === 'inet' ? ipv4Netmask(Number(cidr)) : cidr;
  const label = cols[cols.length - 1]!;
  if (cols.includes('secondary')) {
    (data.secondary ??= []).push({ type, address, netmask, broadcast: type === 'inet' ? after('brd') : null, label });
  } else if (type === 'inet') {
    (data.inet ??= []).push({ address, netmask, broadcast: after('brd'), label });
  } else {
    (data.inet6 ??= []).push({ address, prefixlen: cidr, scope: after('scope') });
  }
}

// Salt's cidr_to_ipv4_netmask: '' outside 1..32.
function ipv4Netmask(bits: number): string {
  if (!(bits >= 1 && bits <= 32)) return '';
  const mask = (0xffffffff << (32 - bits)) >>> 0;
  return [24, 16, 8, 0].map((shift) => (mask >>> shift) & 255).join('.');
}
