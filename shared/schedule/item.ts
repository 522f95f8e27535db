// A schedule entry as Salt writes it (`schedule: {job1: {function: ..., seconds: ...}}`),
// checked and turned into the plan the scheduler times and runs.
import { SaltTsError } from '../errors.js';
import { isRecord } from '../output/sorted-keys.js';
import { cronProblem } from './timing.js';
import { parseTimeOfDay, parseWithFormat, type TimeOfDay } from './clock-text.js';

/** When a job fires: every N ms, on a cron expression, once at a time, or at given times. */
export type Trigger =
  | { kind: 'interval'; ms: number }
  | { kind: 'cron'; expression: string }
  | { kind: 'once'; at: Date }
  | { kind: 'when'; times: Array<Date | TimeOfDay> };

export interface Splay {
  startSeconds: number;
  endSeconds: number;
}

export interface TimeRange {
  start: TimeOfDay;
  end: TimeOfDay;
  /** Run outside the range instead of inside it. */
  invert: boolean;
}

export interface JobPlan {
  name: string;
  function: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
  trigger: Trigger;
  splay: Splay | null;
  range: TimeRange | null;
  maxrunning: number;
  return_job: boolean;
  jid_include: boolean;
  enabled: boolean;
  run_on_start: boolean;
}

const INTERVAL_UNITS = { seconds: 1, minutes: 60, hours: 3600, days: 86400 } as const;

/** Salt's default `once_fmt`. */
const DEFAULT_ONCE_FMT = '%Y-%m-%dT%H:%M:%S';

/** The plan of schedule entry `name`; an error naming the job and the option when it is wrong. */
export function planOf(name: string, entry: unknown): JobPlan {
  const fail = (problem: string): never => {
    throw new SaltTsError('SALTTS_BAD_ARGUMENT', `schedule job '${name}': ${problem}`);
  };
  if (!isRecord(entry)) return fail('must be a mapping of options');
  const fun = entry.function ?? entry.func ?? entry.fun;
  if (typeof fun !== 'string' || !/^\w+\.\w+$/.test(fun)) return fail("'function' must name an execution function (module.function)");
  const args = entry.args ?? [];
  if (!Array.isArray(args)) return fail("'args' must be a list");
  const kwargs = entry.kwargs ?? {};
  if (!isRecord(kwargs)) return fail("'kwargs' must be a mapping");
  return {
    name,
    function: fun,
    args,
    kwargs,
    trigger: triggerOf(entry, fail),
    splay: entry.splay === undefined || entry.splay === null ? null : splayOf(entry.splay, fail),
    range: entry.range === undefined || entry.range === null ? null : rangeOf(entry.range, fail),
    maxrunning: entry.maxrunning === undefined ? 1 : positiveInteger(entry.maxrunning, 'maxrunning', fail),
    return_job: flag(entry, 'return_job', true, fail),
    jid_include: flag(entry, 'jid_include', true, fail),
    enabled: flag(entry, 'enabled', true, fail),
    // As Salt: an interval job runs when the daemon starts unless run_on_start is False.
    run_on_start: flag(entry, 'run_on_start', true, fail),
  };
}

type Fail = (problem: string) => never;

function triggerOf(entry: Record<string, unknown>, fail: Fail): Trigger {
  const units = (Object.keys(INTERVAL_UNITS) as Array<keyof typeof INTERVAL_UNITS>).filter((u) => entry[u] !== undefined);
  const kinds = [units.length ? 'seconds' : null, ...(['cron', 'once', 'when'] as const).filter((k) => entry[k] !== undefined)].filter(Boolean);
  if (kinds.length === 0) return fail("needs one of 'seconds', 'minutes', 'hours', 'days', 'cron', 'once' or 'when'");
  if (kinds.length > 1) return fail(`'${kinds.join("', '")}' cannot be used together`);
  if (units.length) {
    let seconds = 0;
    for (const unit of units) {
      const n = entry[unit];
      if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) return fail(`'${unit}' must be a number of ${unit}`);
      seconds += n * INTERVAL_UNITS[unit];
    }
    if (seconds <= 0) return fail('the interval must be more than 0 seconds');
    return { kind: 'interval', ms: seconds * 1000 };
  }
  if (entry.cron !== undefined) {
    if (typeof entry.cron !== 'string') return fail("'cron' must be a cron expression such as '0 3 * * *'");
    const problem = cronProblem(entry.cron);
    return problem ? fail(`'cron' ${JSON.stringify(entry.cron)}: ${problem}`) : { kind: 'cron', expression: entry.cron };
  }
  if (entry.once !== undefined) {
    const format = entry.once_fmt ?? DEFAULT_ONCE_FMT;
    if (typeof entry.once !== 'string' || typeof format !== 'string') return fail("'once' and 'once_fmt' must be strings");
    const at = parseWithFormat(entry.once, format);
    return at ? { kind: 'once', at } : fail(`'once' ${JSON.stringify(entry.once)} does not match once_fmt '${format}'`);
  }
  const whens = Array.isArray(entry.when) ? entry.when : [entry.when];
  const times = whens.map((w) => (typeof w === 'string' ? whenTime(w) : null));
  if (times.some((t) => t === null)) {
    return fail("'when' takes times of day ('5:00pm', '17:00') or dates ('2026-05-01 17:00'); weekday names are not understood");
  }
  return { kind: 'when', times: times as Array<Date | TimeOfDay> };
}

function whenTime(text: string): Date | TimeOfDay | null {
  return parseTimeOfDay(text) ?? parseWithFormat(text, '%Y-%m-%d %H:%M:%S') ?? parseWithFormat(text, '%Y-%m-%d %H:%M') ?? parseWithFormat(text, DEFAULT_ONCE_FMT);
}

function splayOf(value: unknown, fail: Fail): Splay {
  const seconds = (v: unknown, what: string) =>
    typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fail(`'${what}' must be a number of seconds`);
  if (!isRecord(value)) return { startSeconds: 0, endSeconds: seconds(value, 'splay') };
  const splay = { startSeconds: seconds(value.start, 'splay: start'), endSeconds: seconds(value.end, 'splay: end') };
  return splay.startSeconds <= splay.endSeconds ? splay : fail("'splay: start' must not be after 'splay: end'");
}

function rangeOf(value: unknown, fail: Fail): TimeRange {
  if (!isRecord(value)) return fail("'range' must be a mapping with 'start' and 'end' times of day");
  const time = (v: unknown, what: string) => (typeof v === 'string' ? parseTimeOfDay(v) : null) ?? fail(`'range: ${what}' must be a time of day such as '8:00am'`);
  const range = { start: time(value.start, 'start'), end: time(value.end, 'end'), invert: value.invert === true };
  // As Salt: the end of the range must come after its start.
  if (secondsOf(range.end) <= secondsOf(range.start)) return fail("'range: end' must be later than 'range: start'");
  return range;
}

export function secondsOf(t: TimeOfDay): number {
  return t.hour * 3600 + t.minute * 60 + t.second;
}

function positiveInteger(value: unknown, what: string, fail: Fail): number {
  return Number.isInteger(value) && (value as number) > 0 ? (value as number) : fail(`'${what}' must be a whole number above 0`);
}

function flag(entry: Record<string, unknown>, key: string, fallback: boolean, fail: Fail): boolean {
  const value = entry[key];
  if (value === undefined || value === null) return fallback;
  return typeof value === 'boolean' ? value : fail(`'${key}' must be True or False`);
}
