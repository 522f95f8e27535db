// Salt's timing fields: start_time as local HH:MM:SS.ffffff, duration in ms with
// microsecond precision.
import { performance } from 'node:perf_hooks';

export interface Stopwatch {
  /** Local wall-clock start, Python's time().isoformat(). */
  startTime: string;
  /** Milliseconds since the start, to 3 decimals. */
  elapsed(): number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Python's isoformat leaves out the fraction when the microseconds are 0. */
function formatStartTime(epochMicros: number): string {
  const date = new Date(Math.floor(epochMicros / 1000));
  const micros = epochMicros % 1_000_000;
  const hms = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  return micros === 0 ? hms : `${hms}.${pad(micros, 6)}`;
}

export function startStopwatch(): Stopwatch {
  const began = process.hrtime.bigint();
  return {
    startTime: formatStartTime(Math.floor((performance.timeOrigin + performance.now()) * 1000)),
    elapsed: () => Math.round(Number(process.hrtime.bigint() - began) / 1000) / 1000,
  };
}
