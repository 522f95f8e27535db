// Job ids in Salt's form: local time as YYYYMMDDhhmmssffffff (microseconds).

export const JID_PATTERN = /^\d{20}$/;

/** Makes jids that are unique and strictly increasing within this process. */
export class JidGenerator {
  private lastMicros = 0;

  next(nowMicros: number = Math.floor((performance.timeOrigin + performance.now()) * 1000)): string {
    const micros = Math.max(nowMicros, this.lastMicros + 1);
    this.lastMicros = micros;
    return formatJid(micros);
  }
}

export function formatJid(epochMicros: number): string {
  const d = new Date(Math.floor(epochMicros / 1000));
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return (
    `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}` +
    `${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}` +
    pad(epochMicros % 1_000_000, 6)
  );
}

/** The local time a jid stands for (to the millisecond). */
export function jidTime(jid: string): Date {
  const n = (from: number, to: number) => Number(jid.slice(from, to));
  return new Date(n(0, 4), n(4, 6) - 1, n(6, 8), n(8, 10), n(10, 12), n(12, 14), Math.floor(n(14, 20) / 1000));
}

/** Salt's StartTime form of a jid: `2026, Nov 22 09:43:09.449000`. */
export function jidStartTime(jid: string): string {
  const month = jidTime(jid).toLocaleString('en-US', { month: 'short' });
  return `${jid.slice(0, 4)}, ${month} ${jid.slice(6, 8)} ${jid.slice(8, 10)}:${jid.slice(10, 12)}:${jid.slice(12, 14)}.${jid.slice(14, 20)}`;
}
