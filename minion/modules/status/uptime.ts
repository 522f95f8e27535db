// status.uptime on Linux: Salt's dict of the time since boot, from /proc/uptime, and the
// number of logged-in users when `who` is installed.
import { readFile } from 'node:fs/promises';
import { runTool } from '../../platform/run-tool.js';
import { which } from '../../platform/which.js';
import { CommandExecutionError } from '../command-error.js';

/** Salt's uptime dict: seconds, since_iso, since_t, days, time (H:M) and users. */
export async function uptime(limit: number): Promise<Record<string, unknown>> {
  const text = await readFile('/proc/uptime', 'utf8').catch(() => {
    throw new CommandExecutionError('File /proc/uptime was not found.');
  });
  const seconds = Math.trunc(parseFloat(text));
  const since = Date.now() / 1000 - seconds;
  const withinDay = seconds % 86400;
  const result: Record<string, unknown> = {
    seconds,
    since_iso: pythonIsoformat(since),
    since_t: Math.trunc(since),
    days: Math.floor(seconds / 86400),
    time: `${Math.floor(withinDay / 3600)}:${Math.floor((withinDay % 3600) / 60)}`,
  };
  if (await which('who')) {
    const who = await runTool(['who', '-s'], { limit }, 'coreutils');
    result.users = who.stdout.text().split('\n').filter((line) => line.trim()).length;
  }
  return result;
}

// Python's datetime.isoformat() of a naive UTC time: microseconds only when there are any.
function pythonIsoformat(epochSeconds: number): string {
  const whole = Math.floor(epochSeconds);
  const micro = Math.floor((epochSeconds - whole) * 1e6);
  const base = new Date(whole * 1000).toISOString().slice(0, 19);
  return micro ? `${base}.${String(micro).padStart(6, '0')}` : base;
}
