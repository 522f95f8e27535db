// Test files that install or remove Debian packages take turns: they share the host's
// dpkg database and the `hello` package, and the suite runs two files at once.
import { after, before } from 'node:test';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { processAlive } from '../../shared/process-alive.js';

const LOCK = join(tmpdir(), 'salt-ts-test-system-packages.lock');

async function acquire(): Promise<void> {
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      return;
    } catch {
      // held: by a live test process we wait; a crashed one's lock is taken over
      const holder = Number(readFileSync(join(LOCK, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
      if (holder && !processAlive(holder)) rmSync(LOCK, { recursive: true, force: true });
      await sleep(200);
    }
  }
}

/** Registers hooks holding the lock for the enclosing describe block. */
export function useSystemPackagesLock(): void {
  before(acquire, { timeout: 900_000 });
  after(() => rmSync(LOCK, { recursive: true, force: true }));
}
