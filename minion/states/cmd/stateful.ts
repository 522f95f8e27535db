// The `stateful` protocol of Salt's cmd states: a command reports whether it changed
// anything on its last stdout line (changed=yes comment='...' key=value) or as a JSON object.
import type { StateReturn } from '../../../shared/state/types.js';
import { splitShellWords } from '../../modules/cmd/shell-words.js';
import { isRecord } from '../../../shared/output/sorted-keys.js';

function isTrue(value: unknown): boolean {
  const text = String(value).toLowerCase();
  if (['true', 'yes', '1'].includes(text)) return true;
  if (['false', 'no', '0'].includes(text)) return false;
  throw new Error(`Failed parsing boolean value: ${String(value)}`);
}

/** Salt's _reinterpreted_state: the command's run_all output (in changes) read as the state's own report. */
export function reinterpret(ret: StateReturn): StateReturn {
  const output = ret.changes as { stdout?: string; stderr?: string };
  const failed = (comment: string) => Object.assign(ret, { result: false, comment });
  ret.changes = {};
  ret.comment = '';
  const out = output.stdout;
  if (!out) {
    if (output.stderr) ret.comment = output.stderr;
    return ret;
  }
  let data: Record<string, unknown>;
  let isJson = false;
  let idx = -1;
  try {
    data = JSON.parse(out) as Record<string, unknown>;
    if (!isRecord(data)) return failed('script JSON output must be a JSON object (e.g., {})!');
    isJson = true;
  } catch {
    idx = out.trimEnd().lastIndexOf('\n');
    const last = idx === -1 ? out : out.slice(idx + 1);
    data = {};
    for (const item of splitShellWords(last)) {
      const parts = item.split('=');
      if (parts.length !== 2) {
        failed('Failed parsing script output! Stdout must be JSON or a line of name=value pairs.');
        ret.changes = { ...output };
        return ret;
      }
      data[parts[0]!] = parts[1];
    }
  }
  let changed: boolean;
  try {
    changed = isTrue(data.changed ?? 'no');
  } catch (err) {
    return failed((err as Error).message);
  }
  if ('comment' in data) {
    ret.comment = String(data.comment);
    delete data.comment;
  }
  if (changed) {
    for (const [key, value] of Object.entries(output)) if (!(key in data)) data[key] = value;
    // The JSON report or the name=value line is the state's report, not output to show.
    data.stdout = isJson ? '' : String(data.stdout ?? '').slice(0, idx);
    ret.changes = data;
  }
  return ret;
}
