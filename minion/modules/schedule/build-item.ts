// schedule.add / schedule.modify keyword arguments as a schedule entry (Salt's
// build_schedule_item), and the entries as schedule.list shows them.
import { describeError } from '../../../shared/errors.js';
import { isRecord } from '../../../shared/output/sorted-keys.js';
import { planOf } from '../../../shared/schedule/item.js';

/** The options a listed entry keeps (Salt's SCHEDULE_CONF); anything else is left out. */
const SCHEDULE_CONF = new Set([
  'name', 'maxrunning', 'function', 'splay', 'range', 'when', 'once', 'once_fmt', 'returner', 'jid_include', 'args', 'kwargs',
  'seconds', 'minutes', 'hours', 'days', 'enabled', 'return_job', 'metadata', 'cron', 'until', 'after', 'return_config',
  'return_kwargs', 'run_on_start', 'skip_during_range', 'run_after_skip_range',
]);

const COPIED = [
  'seconds', 'minutes', 'hours', 'days', 'return_job', 'metadata', 'splay', 'when', 'cron', 'once', 'once_fmt', 'range',
  'run_on_start', 'returner', 'until', 'after', 'return_config', 'return_kwargs', 'skip_during_range', 'run_after_skip_range',
];

const INTERVALS = ['seconds', 'minutes', 'hours', 'days'];

/** The entry the keywords describe, or the reason it cannot be one (Salt's wording). */
export function buildItem(name: string, kwargs: Record<string, unknown>): { entry: Record<string, unknown> } | { problem: string } {
  if (!name) return { problem: 'Job name is required.' };
  if (INTERVALS.some((k) => k in kwargs) && ('when' in kwargs || 'cron' in kwargs)) {
    return { problem: 'Error: Unable to use "seconds", "minutes", "hours", or "days" with "when" or "cron" options.' };
  }
  if ('when' in kwargs && 'cron' in kwargs) return { problem: 'Unable to use "when" and "cron" options together.  Ignoring.' };
  const entry: Record<string, unknown> = { function: kwargs.function };
  for (const key of COPIED) if (key in kwargs) entry[key] = kwargs[key];
  if ('job_args' in kwargs) entry.args = kwargs.job_args;
  if ('job_kwargs' in kwargs) entry.kwargs = kwargs.job_kwargs;
  entry.maxrunning = kwargs.maxrunning ?? 1;
  entry.name = kwargs.name ?? name;
  entry.enabled = kwargs.enabled ?? true;
  entry.jid_include = kwargs.jid_include ?? true;
  const problem = problemOf(name, entry);
  return problem ? { problem } : { entry };
}

/** Why the scheduler would refuse this entry, or null. */
export function problemOf(name: string, entry: Record<string, unknown>): string | null {
  try {
    planOf(name, entry);
    return null;
  } catch (err) {
    return describeError(err);
  }
}

/** The keyword names schedule.modify changes, spelled as the entry spells them. */
export function entryChanges(kwargs: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(kwargs)) {
    const field = key === 'job_args' ? 'args' : key === 'job_kwargs' ? 'kwargs' : key;
    if (SCHEDULE_CONF.has(field)) out[field] = value;
  }
  return out;
}

/** An entry as schedule.list shows it: only schedule options, none set to None. */
export function listedEntry(entry: unknown): unknown {
  if (!isRecord(entry)) return entry;
  return Object.fromEntries(Object.entries(entry).filter(([key, value]) => SCHEDULE_CONF.has(key) && value !== null && value !== undefined));
}
