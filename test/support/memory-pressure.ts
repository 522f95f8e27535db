// Memory pressure for memusage tests: a threshold just above what the host uses now, and
// a helper process that takes a share of the memory past it until stopped.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { totalmem } from 'node:os';
import { memoryUsedPercent } from '../../minion/beacons/memusage.js';

export interface MemoryHog {
  stop(): Promise<void>;
}

/** A memusage percent over what the host uses now, with `margin` points of room for other processes' ups and downs. */
export async function thresholdAboveNow(margin = 1.5): Promise<number> {
  return Math.round(((await memoryUsedPercent()) + margin) * 10) / 10;
}

/** Starts a process holding `percent` of the host's memory; resolves once the memory is taken. */
export async function startMemoryHog(percent: number): Promise<MemoryHog> {
  const bytes = Math.ceil((totalmem() * percent) / 100);
  // Filling the buffer makes the pages resident, which is what the reading counts.
  const hog = spawn(process.execPath, ['-e', `const b = Buffer.alloc(${bytes}, 1); console.log('held'); setInterval(() => b[0]++, 1000);`], { stdio: ['ignore', 'pipe', 'inherit'] });
  await once(hog.stdout!, 'data');
  return {
    async stop() {
      if (hog.exitCode !== null || hog.signalCode !== null) return;
      const exited = once(hog, 'exit');
      hog.kill('SIGKILL');
      await exited;
    },
  };
}
