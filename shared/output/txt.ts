// Salt's `txt` outputter: `key: value` per top-level key, one line per line of a
// string value; other values as Python's str() would print them.
import type { Outputter } from './outputter.js';
import { pyRepr } from './pyrepr.js';
import { pySplitlines } from './splitlines.js';
import { isRecord } from './sorted-keys.js';

export const txtOutputter: Outputter = {
  name: 'txt',
  format(data: unknown): string {
    if (!isRecord(data)) return `${typeof data === 'string' ? data : pyRepr(data)}\n`;
    let text = '';
    for (const [key, value] of Object.entries(data)) {
      const lines = typeof value === 'string' ? pySplitlines(value) : [pyRepr(value)];
      for (const line of lines) text += `${key}: ${line}\n`;
    }
    return text;
  },
};
