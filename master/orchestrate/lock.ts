// Only one run of an orchestration at a time: a lock file under the master's cachedir
// (orchestrate/<name>.lock) naming who holds it. A lock whose process is gone (a crashed
// run) is taken over, so it never stays stuck.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SaltTsError } from '../../shared/errors.js';
import { processAlive } from '../../shared/process-alive.js';

export interface LockHolder {
  jid: string;
  user: string;
  started: string;
  pid: number;
}

function readHolder(path: string): LockHolder | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
  } catch {
    return null;
  }
}

export function lockPath(cachedir: string, name: string): string {
  return join(cachedir, 'orchestrate', `${name}.lock`);
}

/** Takes the lock of orchestration `name`, or refuses naming the run that holds it; returns its release. */
export function acquireOrchLock(cachedir: string, name: string, me: LockHolder): () => void {
  const path = lockPath(cachedir, name);
  mkdirSync(join(cachedir, 'orchestrate'), { recursive: true });
  for (;;) {
    try {
      writeFileSync(path, JSON.stringify(me), { flag: 'wx' });
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readHolder(path);
    if (holder && Number.isInteger(holder.pid) && processAlive(holder.pid)) {
      throw new SaltTsError(
        'SALTTS_BAD_ARGUMENT',
        `orchestration '${name}' is already running: jid ${holder.jid}, started by ${holder.user} at ${holder.started} (pid ${holder.pid}; lock ${path})`,
      );
    }
    rmSync(path, { force: true }); // stale: its process is gone (or the file is unreadable)
  }
}
