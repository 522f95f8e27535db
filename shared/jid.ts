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
