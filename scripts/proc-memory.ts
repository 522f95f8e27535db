// A process's memory as Linux reports it in /proc/PID/status, in MiB.
import { readFileSync } from 'node:fs';

/** `VmRSS` is the resident size now, `VmHWM` its peak so far. */
export function memoryMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}
