// Salt's `json` outputter: json.dumps(data, indent=4) by default. --out-indent N
// gives N spaces; a negative indent puts the document on one line with Python's
// `, ` and `: ` separators. Raw newlines never occur inside JSON strings, so every
// newline JSON.stringify emits is layout and can be rewritten safely.
import type { OutputOptions, Outputter } from './outputter.js';

function singleLine(data: unknown): string {
  return JSON.stringify(data, null, 1)
    .replace(/([[{])\n */g, '$1')
    .replace(/\n *([\]}])/g, '$1')
    .replace(/\n +/g, ' ');
}

export const jsonOutputter: Outputter = {
  name: 'json',
  format(data: unknown, opts: OutputOptions): string {
    const indent = opts.indent ?? 4;
    if (indent < 0) return singleLine(data);
    // Python's indent=0 still breaks lines, with no indentation.
    if (indent === 0) return JSON.stringify(data, null, 1).replace(/\n +/g, '\n');
    return JSON.stringify(data, null, indent);
  },
};
