// Salt's default `nested` outputter (salt/output/nested.py): dict keys sorted and
// indented by 4, `----------` before every dict below the top level, `- item` for
// list scalars, `|_` before a list item that is itself a dict or list.
import type { OutputOptions, Outputter } from './outputter.js';
import { palette, type Palette } from './palette.js';
import { pyRepr } from './pyrepr.js';
import { pySplitlines } from './splitlines.js';
import { isRecord, sortedKeys } from './sorted-keys.js';

class NestedLayout {
  readonly lines: string[] = [];

  constructor(private readonly palette: Palette) {}

  private push(indent: number, color: string, text: string, prefix = '', suffix = ''): void {
    this.lines.push(`${' '.repeat(indent)}${color}${prefix}${text}${this.palette.end}${suffix}`);
  }

  display(value: unknown, indent: number, prefix: string): void {
    const { green, lightYellow, cyan } = this.palette;
    if (typeof value === 'string') {
      // Continuation lines keep the column of the first one, under the `- ` prefix.
      pySplitlines(value).forEach((line, index) => {
        this.push(indent, green, line, index === 0 ? prefix : ' '.repeat(prefix.length));
      });
    } else if (Array.isArray(value)) {
      for (const item of value) {
        if (Array.isArray(item) || isRecord(item)) {
          this.push(indent, green, '|_');
          this.display(item, indent + 2, isRecord(item) ? '' : '- ');
        } else {
          this.display(item, indent, '- ');
        }
      }
    } else if (isRecord(value)) {
      if (indent > 0) this.push(indent, cyan, '----------');
      for (const key of sortedKeys(value)) {
        this.push(indent, cyan, key, prefix, ':');
        this.display(value[key], indent + 4, '');
      }
    } else {
      this.push(indent, lightYellow, pyRepr(value), prefix);
    }
  }
}

export const nestedOutputter: Outputter = {
  name: 'nested',
  format(data: unknown, opts: OutputOptions): string {
    const layout = new NestedLayout(palette(opts.color));
    layout.display(data, opts.indent ?? 0, '');
    return layout.lines.join('\n');
  },
};
