// grains.items / grains.item with sanitize=True: the grains that identify the host, masked as Salt masks them.
import type { Grains } from '../../grains/core.js';

/** The last quarter of a serial number replaced by X's. */
function maskSerial(serial: unknown): string {
  const text = String(serial);
  const keep = Math.floor(text.length * 0.75);
  return text.slice(0, keep) + 'X'.repeat(text.length - keep);
}

const SANITIZERS: Record<string, (value: unknown) => unknown> = {
  serialnumber: maskSerial,
  domain: () => 'DOMAINNAME',
  fqdn: () => 'MINION.DOMAINNAME',
  id: () => 'MINION.DOMAINNAME',
  host: () => 'MINION',
  localhost: () => 'MINION',
  nodename: () => 'MINION',
};

/** A copy of the grains with the identifying ones masked. */
export function sanitizeGrains(grains: Grains): Grains {
  const out = { ...grains };
  for (const [name, mask] of Object.entries(SANITIZERS)) {
    if (Object.hasOwn(out, name)) out[name] = mask(out[name]);
  }
  return out;
}
