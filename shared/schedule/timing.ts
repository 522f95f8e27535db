// When a scheduled job is due, worked out from a given clock (ms since the epoch) so
// the rules can be checked without waiting: interval, cron, once, when, splay, range.
import { Cron } from 'croner';
import { onDay, type TimeOfDay } from './clock-text.js';
import { secondsOf, type JobPlan, type Splay, type TimeRange, type Trigger } from './item.js';

/** A problem with a cron expression, or null when croner accepts it. */
export function cronProblem(expression: string): string | null {
  try {
    new Cron(expression, { paused: true });
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** The first time the job is due after the scheduler takes it on at `now`; null: never. */
export function firstDue(plan: JobPlan, now: number): number | null {
  if (plan.trigger.kind === 'interval') return plan.run_on_start ? now : now + plan.trigger.ms;
  if (plan.trigger.kind === 'once') return plan.trigger.at.getTime() >= now ? plan.trigger.at.getTime() : null;
  return dueAfter(plan.trigger, now);
}

/** The next time the job is due once it was due at `last` and the clock reads `now`. */
export function nextDue(trigger: Trigger, last: number, now: number): number | null {
  if (trigger.kind === 'interval') {
    const next = last + trigger.ms;
    // A minion that slept (suspended host, blocked clock) does not catch up run by run.
    return next > now ? next : now + trigger.ms;
  }
  return dueAfter(trigger, Math.max(last, now));
}

function dueAfter(trigger: Exclude<Trigger, { kind: 'interval' }>, after: number): number | null {
  switch (trigger.kind) {
    case 'cron':
      return new Cron(trigger.expression, { paused: true }).nextRun(new Date(after))?.getTime() ?? null;
    case 'once':
      return trigger.at.getTime() > after ? trigger.at.getTime() : null;
    case 'when': {
      const candidates = trigger.times.map((t) => (t instanceof Date ? (t.getTime() > after ? t.getTime() : null) : nextTimeOfDay(t, after)));
      const future = candidates.filter((c): c is number => c !== null);
      return future.length ? Math.min(...future) : null;
    }
  }
}

/** The first moment after `after` that the local clock shows `t` (today or tomorrow). */
function nextTimeOfDay(t: TimeOfDay, after: number): number {
  const today = onDay(new Date(after), t);
  if (today.getTime() > after) return today.getTime();
  const tomorrow = new Date(after);
  tomorrow.setDate(tomorrow.getDate() + 1);
  return onDay(tomorrow, t).getTime();
}

/** The random delay (ms) a run waits past its due time: between the splay's start and end. */
export function splayMs(splay: Splay | null, random: () => number = Math.random): number {
  if (!splay) return 0;
  return Math.round((splay.startSeconds + random() * (splay.endSeconds - splay.startSeconds)) * 1000);
}

/** Whether a job with this range may run at `now` (inside it, or outside when inverted). */
export function inRange(range: TimeRange | null, now: number): boolean {
  if (!range) return true;
  const d = new Date(now);
  const s = d.getHours() * 3600 + d.getMinutes() * 60 + d.getSeconds();
  const inside = s >= secondsOf(range.start) && s <= secondsOf(range.end);
  return range.invert ? !inside : inside;
}
