// The time texts schedule entries hold: times of day ('8:00am', '17:30') for `range` and
// `when`, and strptime-style formats for `once` / `once_fmt`. All in the minion's local time.

export interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
}

/** '8am', '8:00am', '5:30 PM', '17:30', '17:30:15'; null for anything else. */
export function parseTimeOfDay(text: string): TimeOfDay | null {
  const m = /^\s*(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*([ap]\.?m\.?)?\s*$/i.exec(text);
  if (!m || (m[2] === undefined && !m[4])) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  const second = Number(m[3] ?? 0);
  const meridiem = m[4]?.toLowerCase().replace(/\./g, '');
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  return hour < 24 && minute < 60 && second < 60 ? { hour, minute, second } : null;
}

/** The moment `t` falls on the local day of `day`. */
export function onDay(day: Date, t: TimeOfDay): Date {
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), t.hour, t.minute, t.second);
}

const DIRECTIVES: Record<string, { pattern: string; field: 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'shortYear' }> = {
  Y: { pattern: '(\\d{4})', field: 'year' },
  y: { pattern: '(\\d{2})', field: 'shortYear' },
  m: { pattern: '(\\d{1,2})', field: 'month' },
  d: { pattern: '(\\d{1,2})', field: 'day' },
  H: { pattern: '(\\d{1,2})', field: 'hour' },
  M: { pattern: '(\\d{1,2})', field: 'minute' },
  S: { pattern: '(\\d{1,2})', field: 'second' },
};

/** Reads `text` with a strptime format (%Y %y %m %d %H %M %S and %%); null when it does not match. */
export function parseWithFormat(text: string, format: string): Date | null {
  const fields: Array<(typeof DIRECTIVES)[string]['field']> = [];
  let pattern = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '%') {
      pattern += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      continue;
    }
    const d = format[++i];
    if (d === '%') pattern += '%';
    else if (d !== undefined && DIRECTIVES[d]) {
      pattern += DIRECTIVES[d].pattern;
      fields.push(DIRECTIVES[d].field);
    } else return null;
  }
  const m = new RegExp(`^${pattern}$`).exec(text.trim());
  if (!m) return null;
  const v = { year: 1900, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  fields.forEach((field, i) => {
    const n = Number(m[i + 1]);
    if (field === 'shortYear') v.year = n < 69 ? 2000 + n : 1900 + n;
    else v[field] = n;
  });
  const date = new Date(v.year, v.month - 1, v.day, v.hour, v.minute, v.second);
  // 2026-02-30 would roll over to March: refuse it as strptime does.
  return date.getMonth() === v.month - 1 && date.getDate() === v.day && v.hour < 24 && v.minute < 60 && v.second < 60 ? date : null;
}
