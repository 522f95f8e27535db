// Parsers for the /proc files the status functions return, in Salt's shapes.

/** /proc/meminfo as {Key: {value, unit}}, the value a string and unit only when there is one. */
export function parseMeminfo(text: string): Record<string, { value: string; unit?: string }> {
  const result: Record<string, { value: string; unit?: string }> = {};
  for (const line of text.split('\n')) {
    const [key, value, unit] = line.trim().split(/\s+/);
    if (!key || value === undefined) continue;
    result[key.replace(':', '')] = unit === undefined ? { value } : { value, unit };
  }
  return result;
}

/** /proc/cpuinfo as one flat dict (the last processor's values win, as in Salt); flags is a list. */
export function parseCpuinfo(text: string): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    result[key] = key === 'flags' ? value.split(/\s+/).filter(Boolean) : value;
  }
  return result;
}

const NETDEV_FIELDS = [
  'rx_bytes', 'rx_packets', 'rx_errs', 'rx_drop', 'rx_fifo', 'rx_frame', 'rx_compressed', 'rx_multicast',
  'tx_bytes', 'tx_packets', 'tx_errs', 'tx_drop', 'tx_fifo', 'tx_colls', 'tx_carrier', 'tx_compressed',
];

/** /proc/net/dev as {iface: {iface, rx_bytes, ...}} with numbers. */
export function parseNetdev(text: string): Record<string, Record<string, string | number>> {
  const result: Record<string, Record<string, string | number>> = {};
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const iface = line.slice(0, colon).trim();
    const values = line.slice(colon + 1).trim().split(/\s+/).map(Number);
    result[iface] = { iface, ...Object.fromEntries(NETDEV_FIELDS.map((field, i) => [field, values[i]!])) };
  }
  return result;
}
