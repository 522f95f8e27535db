// Test files that use one host-wide thing take turns with it through a named lock: the
// suite runs two files at once. Packages share the host's dpkg database (and the `hello`
// package); memory-pressure tests each move the host's memory use past a threshold.
import { after, before } from 'node:test';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { processAlive } from '../../shared/process-alive.js';

export type HostResource = 'system-packages' | 'memory';

const lockPath = (resource: HostResource) => join(tmpdir(), `salt-ts-test-${resource}.lock`);

async function acquire(resource: HostResource): Promise<void> {
  const lock = lockPath(resource);
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      return;
    } catch {
      // held: by a live test process we wait; a crashed one's lock is taken over
      const holder = Number(readFileSync(join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
      if (holder && !processAlive(holder)) rmSync(lock, { recursive: true, force: true });
      await sleep(200);
    }
  }
}

const release = (resource: HostResource) => rmSync(lockPath(resource), { recursive: true, force: true });

/** Registers hooks holding the lock for the enclosing describe block. */
export function useHostLock(resource: HostResource): void {
  before(() => acquire(resource), { timeout: 900_000 });
  after(() => release(resource));
}

/** Runs `body` holding the lock. */
export async function withHostLock<T>(resource: HostResource, body: () => Promise<T>): Promise<T> {
  await acquire(resource);
  try {
    return await body();
  } finally {
    release(resource);
  }
}
