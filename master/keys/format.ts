// salt-ts-key's output: Salt's four key lists with their headings and colours, or JSON.
import type { KeyStatus } from '../../shared/protocol/messages.js';
import { fingerprint } from '../../shared/fingerprint.js';
import { globMatch } from '../../shared/targeting/glob.js';
import { KEY_DIRS, type KeyLists, type KeyStore } from './store.js';

const ORDER: KeyStatus[] = ['accepted', 'denied', 'pending', 'rejected'];
const HEADING: Record<KeyStatus, string> = {
  accepted: 'Accepted Keys:',
  denied: 'Denied Keys:',
  pending: 'Unaccepted Keys:',
  rejected: 'Rejected Keys:',
};
// Salt's key outputter colours: headings bright, keys plain, one hue per list.
const COLOUR: Record<KeyStatus, [string, string]> = {
  accepted: ['\x1b[1;32m', '\x1b[0;32m'],
  denied: ['\x1b[1;35m', '\x1b[0;35m'],
  pending: ['\x1b[1;31m', '\x1b[0;31m'],
  rejected: ['\x1b[1;34m', '\x1b[0;34m'],
};
const RESET = '\x1b[0m';

interface FormatOptions {
  json: boolean;
  color: boolean;
}

/** All four lists when listing; only the non-empty ones when showing what a change touches. */
export function formatKeyLists(lists: KeyLists, opts: FormatOptions, onlyNonEmpty = false): string {
  if (opts.json) return JSON.stringify(Object.fromEntries(ORDER.map((s) => [KEY_DIRS[s], lists[s]])), null, 4) + '\n';
  return render(ORDER.filter((s) => !onlyNonEmpty || lists[s].length > 0), (s) => lists[s], opts.color);
}

export function formatFingerprints(store: KeyStore, glob: string, opts: FormatOptions): string {
  const lists = store.list();
  const prints = (s: KeyStatus) =>
    Object.fromEntries(lists[s].filter((id) => globMatch(glob, id)).map((id) => [id, fingerprint(store.read(s, id) ?? '')]));
  if (opts.json) return JSON.stringify(Object.fromEntries(ORDER.map((s) => [KEY_DIRS[s], prints(s)])), null, 4) + '\n';
  const used = ORDER.filter((s) => Object.keys(prints(s)).length > 0);
  return render(used, (s) => Object.entries(prints(s)).map(([id, fp]) => `${id}:  ${fp}`), opts.color);
}

function render(statuses: KeyStatus[], lines: (s: KeyStatus) => string[], color: boolean): string {
  let out = '';
  for (const s of statuses) {
    const [head, body] = color ? COLOUR[s] : ['', ''];
    const reset = color ? RESET : '';
    out += `${head}${HEADING[s]}${reset}\n`;
    for (const line of lines(s)) out += `${body}${line}${reset}\n`;
  }
  return out;
}
