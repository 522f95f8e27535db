// Structured logs (pino): JSON lines to the daemon's log_file, and the same
// records in Salt's console form (`[WARNING ] message`) on stderr.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Writable } from 'node:stream';
import pino, { type Logger, type Level } from 'pino';

export type { Logger };

const SALT_TO_PINO: Record<string, Level | 'silent'> = {
  all: 'trace', garbage: 'trace', trace: 'trace', debug: 'debug', profile: 'debug',
  info: 'info', warning: 'warn', error: 'error', critical: 'fatal', quiet: 'silent',
};

const CONSOLE_LABEL: Record<number, string> = {
  10: 'TRACE   ', 20: 'DEBUG   ', 30: 'INFO    ', 40: 'WARNING ', 50: 'ERROR   ', 60: 'CRITICAL',
};

export function pinoLevel(saltLevel: string): Level | 'silent' {
  return SALT_TO_PINO[saltLevel] ?? 'warn';
}

/** A logger for a daemon: file plus console. `logFile` null logs to the console only. */
export function createLogger(name: string, saltLevel: string, logFile: string | null): Logger {
  const level = pinoLevel(saltLevel);
  const streams: pino.StreamEntry[] = [{ level: level === 'silent' ? 'fatal' : level, stream: consoleStream() }];
  if (logFile) {
    mkdirSync(dirname(logFile), { recursive: true });
    streams.push({ level: level === 'silent' ? 'fatal' : level, stream: pino.destination({ dest: logFile, sync: false, mkdir: true }) });
  }
  return pino({ name, level }, pino.multistream(streams));
}

/** A logger for the CLIs: warnings and errors on stderr only. */
export function createCliLogger(name: string): Logger {
  return pino({ name, level: 'warn' }, pino.multistream([{ level: 'warn', stream: consoleStream() }]));
}

function consoleStream(): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      try {
        const rec = JSON.parse(chunk.toString()) as { level: number; msg?: string; err?: { message?: string } };
        const detail = rec.err?.message && rec.err.message !== rec.msg ? `: ${rec.err.message}` : '';
        process.stderr.write(`[${CONSOLE_LABEL[rec.level] ?? 'INFO    '}] ${rec.msg ?? ''}${detail}\n`);
      } catch {
        process.stderr.write(chunk);
      }
      done();
    },
  });
}
