// Salt's `highstate` outputter (salt/output/highstate.py): per minion, one block per state
// in run order (`full`) or one line each (`terse`), changes through the nested outputter,
// then the summary. Render errors (a list) and plain strings print as Salt prints them.
import { nestedOutputter } from './nested.js';
import type { OutputOptions, Outputter } from './outputter.js';
import { palette, type Palette } from './palette.js';
import { pyRepr } from './pyrepr.js';
import { isRecord } from './sorted-keys.js';
import { pySplitlines } from './splitlines.js';

export interface HighstateOptions extends OutputOptions {
  /** Salt's state_output_profile: the Started/Duration lines and the total run time. */
  stateOutputProfile?: boolean;
}

const CHANGES_INDENT = 14;

type StateEntry = Record<string, unknown> & { result: boolean | null };

/** Python's str(): strings as they are, everything else as repr. */
const pyStr = (value: unknown): string => (typeof value === 'string' ? value : pyRepr(value));
/** Salt replaces ESC in minion-supplied text so it cannot drive the terminal. */
const stripEsc = (text: string): string => text.replaceAll('\x1b', '?');
/** Durations are Python floats: 5 prints as 5.0. */
const pyFloat = (value: unknown): string =>
  typeof value === 'number' && Number.isInteger(value) ? value.toFixed(1) : pyStr(value);

class HostFormatter {
  private readonly c: Palette;
  private readonly mode: string;

  constructor(private readonly opts: HighstateOptions) {
    this.c = palette(opts.color);
    this.mode = (opts.stateOutput ?? 'full').toLowerCase();
  }

  /** The text for one minion, and whether anything in it changed. */
  host(id: string, data: unknown): { text: string; changed: boolean } {
    const { c } = this;
    const lines: string[] = [];
    let hostColor = c.green;
    let changes = 0;
    if (typeof data === 'number' || typeof data === 'boolean' || typeof data === 'string') {
      // A function's return (salt.function in orchestration): always counts as a change.
      changes = 1;
      const texts = typeof data === 'string' ? pySplitlines(data) : [pyRepr(data)];
      for (const text of texts) lines.push(`${c.green}    ${text}${c.end}`);
      hostColor = c.cyan;
    } else if (Array.isArray(data)) {
      hostColor = c.lightRed;
      lines.push(`    ${c.lightRed}Data failed to compile:${c.end}`);
      for (const err of data) lines.push(`${c.lightRed}----------\n    ${stripEsc(pyStr(err))}${c.end}`);
    } else if (isRecord(data)) {
      const run = this.states(id, data);
      lines.push(...run.lines);
      changes = run.changes;
      hostColor = run.hostColor;
    }
    lines.unshift(`${hostColor}${stripEsc(id)}:${c.end}`);
    return { text: lines.join('\n'), changed: changes > 0 };
  }

  private states(id: string, data: Record<string, unknown>): { lines: string[]; changes: number; hostColor: string } {
    const { c } = this;
    const lines: string[] = [];
    const counts = new Map<boolean | null, number>();
    const durations: number[] = [];
    let hostColor = c.green;
    let changes = 0;
    for (const [tag, info] of Object.entries(data)) {
      if (isRecord(info) && tag !== 'changes' && Object.keys(info).length > 0 && !('__run_num__' in info)) {
        // Salt pretty-prints the entry here (pprint); its repr on one line says the same.
        const missing = 'The State execution failed to record the order in which all states were executed.';
        lines.unshift(`${missing} The state return missing data is:`, pyRepr(info));
      }
    }
    const entries = Object.entries(data).filter((entry): entry is [string, StateEntry] => isRecord(entry[1]) && 'result' in entry[1]);
    entries.sort(([, a], [, b]) => Number(a.__run_num__ ?? 0) - Number(b.__run_num__ ?? 0));
    for (const [tag, ret] of entries) {
      counts.set(ret.result, (counts.get(ret.result) ?? 0) + 1);
      const duration = Number.parseFloat(String(ret.duration ?? 0));
      if (!Number.isNaN(duration)) durations.push(duration);
      const formatted = this.changes(ret.changes);
      if (formatted.changed) changes++;
      if (this.opts.stateVerbose === false && ret.result && !formatted.changed) continue;
      let color = formatted.changed ? c.cyan : c.green;
      if (ret.result === false) color = hostColor = c.red;
      if (ret.result === null) color = hostColor = c.lightYellow;
      const comps = tag.split('_|-');
      if (this.mode.endsWith('_id')) comps[2] = comps[1]!;
      lines.push(...(this.isTerse(ret, formatted.changed) ? [this.terse(color, comps, ret)] : this.full(color, comps, ret, formatted.text)));
    }
    lines.push(...this.summary(id, counts, changes, durations));
    return { lines, changes, hostColor };
  }

  private isTerse(ret: StateEntry, changed: boolean): boolean {
    const mode = this.mode;
    return (
      mode.startsWith('terse') ||
      (mode.startsWith('mixed') && ret.result !== false) ||
      (mode.startsWith('changes') && Boolean(ret.result) && !changed)
    );
  }

  private profiled(ret: StateEntry): boolean {
    return this.opts.stateOutputProfile !== false && 'start_time' in ret;
  }

  private terse(color: string, comps: string[], ret: StateEntry): string {
    let result = isEmpty(ret.changes) ? 'Clean' : 'Changed';
    if (ret.result === false) result = 'Failed';
    else if (ret.result === null) result = 'Differs';
    const profile = this.profiled(ret) ? ` - Started: ${pyStr(ret.start_time)} - Duration: ${pyFloat(ret.duration)} ms` : '';
    return ` ${color} Name: ${comps[2]} - Function: ${comps[0]}.${comps.at(-1)} - Result: ${result}${profile}${this.c.end}`;
  }

  private full(color: string, comps: string[], ret: StateEntry, changesText: string): string[] {
    const end = this.c.end;
    const line = (label: string, value: string) => `    ${color}${label}: ${value}${end}`;
    const comment = pyStr(ret.comment).trim().replaceAll('\n', `\n${' '.repeat(14)}`);
    const lines = [`${color}----------${end}`, line('      ID', comps[1]!), line('Function', `${comps[0]}.${comps[3]}`)];
    if (comps[1] !== comps[2]) lines.push(line('    Name', comps[2]!));
    lines.push(line('  Result', pyRepr(ret.result)), line(' Comment', comment));
    if (this.profiled(ret)) {
      lines.push(line(' Started', pyStr(ret.start_time)), line('Duration', 'duration' in ret ? `${pyFloat(ret.duration)} ms` : ''));
    }
    lines.push(`${color}     Changes:   ${changesText}${end}`);
    return lines;
  }

  /** A state's changes: a nested highstate (orchestration's salt.state) or nested output. */
  private changes(changes: unknown): { changed: boolean; text: string } {
    if (isEmpty(changes)) return { changed: false, text: '' };
    if (!isRecord(changes)) return { changed: true, text: `Invalid Changes data: ${pyStr(changes)}` };
    if (changes.out === 'highstate' && isRecord(changes.ret)) {
      let text = '';
      let changed = false;
      for (const [id, data] of Object.entries(changes.ret)) {
        const nested = this.host(id, data);
        text += `\n${pySplitlines(nested.text).map((l) => ' '.repeat(CHANGES_INDENT) + l).join('\n')}`;
        changed ||= nested.changed;
      }
      return { changed, text };
    }
    return { changed: true, text: `\n${nestedOutputter.format(changes, { color: this.opts.color, indent: CHANGES_INDENT })}` };
  }

  private summary(id: string, counts: Map<boolean | null, number>, changes: number, durations: number[]): string[] {
    const { c } = this;
    const countWidth = Math.max(0, ...[...counts.values()].map((n) => String(n).length));
    const width = 'Succeeded'.length + countWidth + 2;
    const rule = '-'.repeat(width);
    const count = (label: string, n: number) => `${label}: ${String(n).padStart(width - label.length - 2)}`;
    const unchanged = counts.get(null) ?? 0;
    const failed = counts.get(false) ?? 0;
    const stats = [
      ...(unchanged > 0 ? [`${c.lightYellow}unchanged=${unchanged}${c.end}`] : []),
      ...(changes > 0 ? [`${c.green}changed=${changes}${c.end}`] : []),
    ];
    const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
    const lines = [
      `${c.cyan}\nSummary for ${stripEsc(id)}\n${rule}${c.end}`,
      `${c.green}${count('Succeeded', (counts.get(true) ?? 0) + unchanged)}${c.end}${stats.length ? ` (${stats.join(', ')})` : ''}`,
      `${failed ? c.red : c.cyan}${count('Failed', failed)}${c.end}`,
      `${c.cyan}${rule}\nTotal states run: ${String(total).padStart(width - 7)}${c.end}`,
    ];
    if (this.opts.stateOutputProfile !== false) {
      let sum = durations.reduce((acc, d) => acc + d, 0);
      let unit = 'ms';
      if (sum > 999) {
        sum /= 1000;
        unit = 's';
      }
      lines.push(`${c.cyan}Total run time: ${sum.toFixed(3).padStart(width - 5)} ${unit}${c.end}`);
    }
    return lines;
  }
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === '' || value === 0) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isRecord(value) && Object.keys(value).length === 0;
}

/** Unwraps what Salt's outputter unwraps: a job's `return`, orchestration's `data`, a
 * jobs.lookup_jid envelope, and orchestration's retcode beside the master's return. */
function stateReturns(data: unknown): unknown {
  if (isRecord(data) && 'return' in data) data = data.return;
  if (isRecord(data) && 'data' in data) data = data.data;
  if (isRecord(data)) {
    const values = Object.values(data);
    const only = values.length === 1 ? values[0] : undefined;
    if (isRecord(only) && 'jid' in only && 'fun' in only) {
      const inner = isRecord(only.return) ? only.return : {};
      data = 'data' in inner ? inner.data : data;
    }
  }
  if (isRecord(data) && 'retcode' in data && Object.keys(data).filter((key) => key.endsWith('_master')).length === 1) {
    const { retcode: _dropped, ...rest } = data;
    data = rest;
  }
  return data;
}

export const highstateOutputter: Outputter = {
  name: 'highstate',
  format(data: unknown, opts: HighstateOptions): string {
    const returns = stateReturns(data);
    if (typeof returns === 'string' || typeof returns === 'number' || typeof returns === 'boolean') return pyStr(returns);
    if (returns === null || returns === undefined) return 'None';
    // Salt falls back to the nested outputter for data that is not per-minion returns.
    if (!isRecord(returns)) return nestedOutputter.format(returns, opts);
    const formatter = new HostFormatter(opts);
    return Object.entries(returns)
      .map(([id, ret]) => formatter.host(id, ret).text)
      .join('\n');
  },
};
