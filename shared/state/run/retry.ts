// retry: {attempts, until, interval, splay} or `retry: True`, checked the way Salt
// does: a value of the wrong type falls back to its default.
export interface RetrySettings {
  attempts: number;
  until: boolean;
  interval: number;
  splay: number;
}

const DEFAULTS: RetrySettings = { attempts: 2, until: true, interval: 30, splay: 0 };

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

export function retrySettings(value: unknown): RetrySettings {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ...DEFAULTS };
  const given = value as Record<string, unknown>;
  return {
    attempts: isCount(given.attempts) ? given.attempts : DEFAULTS.attempts,
    until: typeof given.until === 'boolean' ? given.until : DEFAULTS.until,
    interval: isCount(given.interval) ? given.interval : DEFAULTS.interval,
    splay: isCount(given.splay) ? given.splay : DEFAULTS.splay,
  };
}

/** Seconds to wait before the next attempt: the interval plus up to `splay` more. */
export function retryDelay(settings: RetrySettings): number {
  return settings.interval + (settings.splay > 0 ? Math.floor(Math.random() * (settings.splay + 1)) : 0);
}

/** What test mode appends to the comment instead of retrying. */
export function wouldRetryComment(settings: RetrySettings): string {
  const until = settings.until ? 'True' : 'False';
  return `The state would be retried every ${settings.interval} seconds (with a splay of up to ${settings.splay} seconds) a maximum of ${settings.attempts} times or until a result of ${until} is returned`;
}
