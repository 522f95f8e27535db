// One event as Salt's state.event prints it: the tag, a tab, and the data as Python's
// json.dumps writes it (one line; pretty=True: keys sorted, indented by 4).
import { jsonOutputter } from '../../shared/output/json.js';
import { isRecord, sortedKeys } from '../../shared/output/sorted-keys.js';

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (!isRecord(value)) return value;
  return Object.fromEntries(sortedKeys(value).map((key) => [key, sortDeep(value[key])]));
}

/** Python's ensure_ascii: every character beyond ASCII as \uXXXX (UTF-16 units, as Python). */
const asciiOnly = (text: string) => text.replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);

export function eventLine(tag: string, data: unknown, pretty: boolean): string {
  const json = pretty ? jsonOutputter.format(sortDeep(data), { color: false, indent: 4 }) : jsonOutputter.format(data, { color: false, indent: -1 });
  return `${tag}\t${asciiOnly(json)}`;
}
